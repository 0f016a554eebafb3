"""The shared kernel of the services: who acts, the errors they raise, the unit of work, scoping, German words."""

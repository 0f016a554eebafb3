"""What an office sets up: its letterhead, workflow settings and bounds, statutes, facilities and users."""

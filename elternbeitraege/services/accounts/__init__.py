"""Accounts: registration with an access code, signing in, passwords, attempts counted per client."""

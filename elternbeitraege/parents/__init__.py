"""The parents blueprint."""

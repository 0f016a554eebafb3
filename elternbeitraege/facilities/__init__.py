"""The facilities blueprint."""

"""The api blueprint."""

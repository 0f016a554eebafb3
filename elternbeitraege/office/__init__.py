"""The office blueprint."""

"""Errors the services raise; the web layer maps them to pages and status codes."""
from __future__ import annotations


class NotFound(Exception):
    """The object does not exist or is not the caller's to see (always answered with 404)."""


class InvalidInput(Exception):
    """Input that cannot be used; ``errors`` maps each field to a message in German."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


class Conflict(Exception):
    """The case changed meanwhile or is not in a state that allows the act."""

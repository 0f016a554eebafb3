"""E-mail through an outbox: an act writes its message in its own transaction; a sender delivers it later."""

"""Statute files shipped with the package: one TOML file per statute (format: docs/statutes.md)."""

"""Statute files shipped with the package: a fee table (CSV) and its rules (JSON) per statute."""

"""Statute files for the tests: copies of the shipped Gütersloh statute under other ids, and broken ones."""
from __future__ import annotations

from importlib import resources

GUETERSLOH = "kreis-guetersloh-2024"
NEW_ID = "kreis-guetersloh-2025"
NEW_TITLE = "Satzung über Elternbeiträge im Kreis Gütersloh ab 2025"


def shipped_text(statute_id: str = GUETERSLOH) -> str:
    """Return the text of a statute file shipped with the package."""
    return (resources.files("elternbeitraege.statutes") / f"{statute_id}.toml").read_text(encoding="utf-8")


def guetersloh_copy(statute_id: str = NEW_ID, valid_from: str = "2025-08-01", u2_35h_row_6: int = 230) -> str:
    """Return the Gütersloh statute under another id, valid from another day, with one cell changed.

    Row 6 (income up to 55,000 €), under 2 years, 35 hours costs 223 € in the shipped statute; the copy's
    amount tells in a test which of the two statutes assessed a month.
    """
    text = shipped_text()
    replacements = [
        (f'id = "{GUETERSLOH}"', f'id = "{statute_id}"'),
        ("valid_from = 2024-08-01", f"valid_from = {valid_from}"),
        ('title = "Satzung über die Erhebung', f'title = "{NEW_TITLE}" # Satzung über die Erhebung'),
        ("55000,170,223,288", f"55000,170,{u2_35h_row_6},288"),
    ]
    for old, new in replacements:
        assert old in text, f"the shipped statute no longer contains {old!r}"
        text = text.replace(old, new, 1)
    return text


BROKEN = shipped_text().replace("55000,170,223,288", "55000,170,-223,288")  # a negative amount

"""German words for the codes the models store, German time, and masking of bank data for display."""
from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

# The database stores UTC; people read the time of Germany, winter (MEZ) or summer time (MESZ).
GERMAN_TIME = ZoneInfo("Europe/Berlin")

CARE_KIND_LABELS = {
    "kita": "Kindertageseinrichtung (Kita)",
    "childminder": "Kindertagespflege",
    "ogs": "Offene Ganztagsschule (OGS)",
}

AGE_GROUP_LABELS = {"u2": "unter 2 Jahre", "ue2": "2 Jahre und älter", "2to3": "2 bis unter 3 Jahre",
                    "ue3": "3 Jahre und älter"}

BENEFIT_LABELS = {
    "none": "Keine dieser Leistungen",
    "buergergeld": "Bürgergeld (SGB II)",
    "sozialhilfe": "Sozialhilfe (SGB XII)",
    "asylblg": "Leistungen nach dem Asylbewerberleistungsgesetz",
    "kinderzuschlag": "Kinderzuschlag",
    "wohngeld": "Wohngeld",
}

INCOME_KIND_LABELS = {
    "employment": "Einkünfte aus nichtselbstständiger Arbeit (Bruttoarbeitslohn)",
    "self_employment": "Einkünfte aus selbstständiger Arbeit oder Gewerbebetrieb (Gewinn)",
    "income_replacement": "Lohnersatzleistungen (z. B. Arbeitslosengeld I, Krankengeld, Elterngeld)",
    "other": "Sonstige Einkünfte (z. B. Unterhalt, Renten, Vermietung)",
}

PROOF_KIND_LABELS = {
    "income": "Einkommensnachweis",
    "benefit": "Leistungsbescheid",
    "other": "Sonstiger Nachweis",
}

LIVES_WITH_LABELS = {"both": "mit beiden Elternteilen", "one": "mit einem Elternteil"}

ROLE_LABELS = {
    "clerk": "Sachbearbeitung", "admin": "Fachadministration", "facility": "Einrichtung", "parent": "Eltern",
    "system": "System",
}

FACILITY_KIND_LABELS = {"kita": "Kita", "childminder": "Kindertagespflege", "ogs": "OGS"}

DOCUMENT_KIND_LABELS = {
    "invitation": "Einladungsschreiben", "fee_notice": "Beitragsbescheid", "amending_notice": "Änderungsbescheid",
    "reminder": "Erinnerung", "proof_request": "Anforderung von Nachweisen",
    "facility_notice": "Mitteilung an die Einrichtung",
}

LABELS = {
    "age_group": AGE_GROUP_LABELS, "benefit": BENEFIT_LABELS, "care_kind": CARE_KIND_LABELS,
    "document": DOCUMENT_KIND_LABELS, "facility_kind": FACILITY_KIND_LABELS, "income": INCOME_KIND_LABELS,
    "lives_with": LIVES_WITH_LABELS, "proof": PROOF_KIND_LABELS, "role": ROLE_LABELS,
}


def mask_iban(iban: str) -> str:
    """Show only country, check digits and the last four characters of an IBAN."""
    compact = iban.replace(" ", "")
    hidden = compact[:4] + "*" * (len(compact) - 8) + compact[-4:]
    return " ".join(hidden[index:index + 4] for index in range(0, len(hidden), 4))


def german_time(at: datetime) -> datetime:
    """Return a stored moment in the time of Germany; a moment without a zone is taken as UTC, as stored."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(GERMAN_TIME)


def german_day(at: datetime | date) -> date:
    """Return the German calendar day of a stored moment (a day stays as it is)."""
    return german_time(at).date() if isinstance(at, datetime) else at


def german_date(at: datetime | date) -> str:
    """Format the German calendar day of a moment: ``03.12.2026``."""
    return f"{german_day(at):%d.%m.%Y}"


def german_datetime(at: datetime) -> str:
    """Format a stored moment in German time with the zone named: ``03.12.2026, 16:05 Uhr (MEZ)``."""
    local = german_time(at)
    zone = "MESZ" if local.dst() != timedelta(0) else "MEZ"
    return f"{local:%d.%m.%Y, %H:%M} Uhr ({zone})"


def german_amount(amount: Decimal) -> str:
    """Write an amount the German way, as it is asked and printed: ``52.000,00``."""
    return f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def file_size(size: int) -> str:
    """Write a size the German way: ``10 MB``, ``1,5 MB``, ``256 KB`` (below a megabyte, rounded up)."""
    if size < 1024 * 1024:
        return f"{math.ceil(size / 1024)} KB"
    return megabytes(size)


def megabytes(size: int) -> str:
    """Write a size limit in megabytes the German way: ``10 MB``, ``0,5 MB``."""
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0").replace(".", ",") + " MB"

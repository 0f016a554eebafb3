"""The facility's notification: which children's fee cases are settled — never income, never amounts."""

from __future__ import annotations

import re
from datetime import date

import pytest

from pdf import FacilityChild, render_facility_notice
from tests.unit.pdf.reading import ReadPdf, squash
from tests.unit.pdf.samples import make_facility_notice

FACILITY_TEXTS = [
    # letterhead of the youth office, its contact person
    "Jugendamt Musterstadt Rathausplatz 1 33330 Musterstadt",
    "Ansprechperson Frau Beispiel, Zimmer 2.14 Telefon 05241 100-214 elternbeitraege@musterstadt.example",
    # the facility's address block, the date and the reference
    "Jugendamt Musterstadt · Rathausplatz 1 · 33330 Musterstadt",
    "Kita Sonnenschein z. Hd. der Leitung Blumenweg 3 33330 Musterstadt",
    "Datum 15.07.2024",
    "Aktenzeichen 51.2-E-0042-2024-07",
    # heading, subject, salutation
    "Mitteilung: Elternbeitrag festgesetzt",
    "2 Kinder in der Einrichtung „Kita Sonnenschein“",
    "Guten Tag,",
    "Die Bescheide darüber haben wir heute erlassen; die Eltern erhalten sie in den nächsten Tagen.",
    "Für Sie ist dazu nichts weiter zu tun.",
    # the table: one row a child with name, birth date, file number, care, hours, start and status
    "Kind Aktenzeichen Betreuung Beginn Stand",
    (
        "Mia Muster geboren am 04.03.2023 51.2-2024-00817 Kindertageseinrichtung 35 Stunden pro Woche "
        "01.08.2024 Beitragsbescheid erteilt am 15.07.2024"
    ),
    (
        "Noah Beispiel geboren am 20.11.2022 51.2-2024-00818 Kindertagespflege "
        "01.09.2024 Änderungsbescheid erteilt am 15.07.2024"
    ),
    # what the notification leaves out, and on purpose
    (
        "Diese Mitteilung enthält keine Angaben zum Einkommen der Eltern und zur Höhe des Beitrags; "
        "beides erfahren nur die Eltern."
    ),
    "Bitte melden Sie uns Änderungen der Betreuungszeit und Abmeldungen wie gewohnt über das Portal",
    # help, data protection, closing
    "Haben Sie Fragen?",
    "Frau Beispiel, Zimmer 2.14, Telefon 05241 100-214, E-Mail elternbeitraege@musterstadt.example.",
    "Datenschutz: Namen, Geburtsdaten und Aktenzeichen in dieser Mitteilung sind Sozialdaten (§§ 67 ff. SGB X).",
    "Verantwortlich ist Jugendamt Musterstadt.",
    "Datenschutzbeauftragte Stelle: Datenschutzbeauftragte der Stadt Musterstadt, datenschutz@musterstadt.example.",
    "Mit freundlichen Grüßen Jugendamt Musterstadt",
    "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.",
    "Seite 1 von 1",
]
NOTE = "Diese Mitteilung enthält keine Angaben zum Einkommen der Eltern und zur Höhe des Beitrags"
# What a facility must never learn (domain README § 5): income, benefits, bank data, amounts.
FORBIDDEN = [
    "€", "EUR", "Einkommen", "Beitragstabelle", "Höchstbeitrag", "Summe", "Kassenzeichen",
    "IBAN", "BIC", "Mandat", "Gläubiger", "Lastschrift", "Sparkasse", "DE02 4805 0161",
    "Bürgergeld", "Wohngeld", "Sozialhilfe", "beitragsfrei", "Geschwister",
]
NUMBERED_CHILD = re.compile(r"Kind\d\dMuster")  # the names of ``facility_children``, squashed
SINGLE_CHILD = FacilityChild(
    child_name="Lena Regenbogen", child_birth_date=date(2021, 12, 31), file_number="51.2-2025-00001",
    care_kind_label="Offene Ganztagsschule", weekly_hours=None, care_start=date(2025, 8, 1),
    status="Beitragsbescheid erteilt am 03.02.2025",
)


@pytest.fixture(scope="module")
def single_child_pdf() -> ReadPdf:
    """Return a notification about one child with values unlike the sample's, rendered once."""
    return ReadPdf(render_facility_notice(make_facility_notice(children=(SINGLE_CHILD,))))


@pytest.mark.parametrize("expected", FACILITY_TEXTS)
def test_facility_notice_says_everything_the_facility_needs(facility_notice_pdf, expected: str) -> None:
    assert expected in facility_notice_pdf


def test_facility_notice_leaves_out_the_hours_of_a_child_that_has_none(facility_notice_pdf) -> None:
    text = squash(facility_notice_pdf.text)
    noah_row = text[text.index("NoahBeispiel"):text.index("Änderungsbescheid")]
    assert "Stunden" not in noah_row
    assert "–" not in noah_row


@pytest.mark.parametrize("forbidden", FORBIDDEN)
def test_facility_notice_names_no_income_benefit_bank_data_or_amount(facility_notice_pdf, forbidden: str) -> None:
    text = squash(facility_notice_pdf.text)
    assert text.count(squash(NOTE)) == 1
    assert squash(forbidden) not in text.replace(squash(NOTE), "")


@pytest.mark.parametrize("document", ["facility_notice_pdf", "long_facility_notice_pdf", "single_child_pdf"])
def test_facility_notice_prints_no_sum_of_money(request: pytest.FixtureRequest, document: str) -> None:
    text = request.getfixturevalue(document).text
    assert "€" not in text
    assert re.search(r"\d,\d\d", text) is None  # no German decimal amount such as 145,00


@pytest.mark.parametrize(("document", "said", "not_said"), [
    ("single_child_pdf", ("Ein Kind in der Einrichtung", "für das folgende Kind Ihrer Einrichtung"),
     ("Kinder",)),
    ("facility_notice_pdf", ("2 Kinder in der Einrichtung", "für die folgenden Kinder Ihrer Einrichtung"),
     ("Ein Kind", "das folgende Kind")),
    ("long_facility_notice_pdf", ("60 Kinder in der Einrichtung", "für die folgenden Kinder Ihrer Einrichtung"),
     ("Ein Kind", "das folgende Kind")),
])
def test_facility_notice_speaks_of_one_child_or_of_several(
    request: pytest.FixtureRequest, document: str, said: tuple[str, ...], not_said: tuple[str, ...],
) -> None:
    pdf = request.getfixturevalue(document)
    for expected in said:
        assert expected in pdf
    for unexpected in not_said:
        assert unexpected not in pdf


def test_facility_notice_prints_each_child_from_its_context(single_child_pdf) -> None:
    for expected in (
        "Lena Regenbogen geboren am 31.12.2021", "51.2-2025-00001", "Offene Ganztagsschule",
        "01.08.2025", "Beitragsbescheid erteilt am 03.02.2025",
    ):
        assert expected in single_child_pdf
    for sample in ("Mia Muster", "Noah Beispiel", "Stunden pro Woche", "Kindertageseinrichtung"):
        assert sample not in single_child_pdf


def test_long_list_of_children_spans_pages_with_page_numbers(long_facility_notice_pdf) -> None:
    pages = len(long_facility_notice_pdf.reader.pages)
    assert pages >= 3
    for number in range(1, pages + 1):
        assert long_facility_notice_pdf.page_has(number, f"Seite {number} von {pages}")


def test_long_list_of_children_repeats_the_table_header_on_every_page(long_facility_notice_pdf) -> None:
    pages_with_rows = 0
    for squashed in long_facility_notice_pdf.squashed_pages():
        rows = len(NUMBERED_CHILD.findall(squashed))
        if not rows:
            continue
        pages_with_rows += 1
        assert squashed.count("KindAktenzeichenBetreuungBeginnStand") == 1
        # a row never splits: each name on a page has its birth date and status on that page
        assert squashed.count("geborenam") == rows
        assert squashed.count("Beitragsbescheiderteiltam15.07.2024") == rows
    assert pages_with_rows >= 3


def test_long_list_names_every_child_once_and_in_order(long_facility_notice_pdf) -> None:
    names = NUMBERED_CHILD.findall(squash(long_facility_notice_pdf.text))
    assert names == [f"Kind{number:02d}Muster" for number in range(1, 61)]
    for number in (1, 30, 60):
        assert f"51.2-2024-{number:05d}" in long_facility_notice_pdf


def test_long_list_ends_with_the_note_and_the_closing_after_the_last_child(long_facility_notice_pdf) -> None:
    text = squash(long_facility_notice_pdf.text)
    last_child = text.index("Kind60Muster")
    assert text.index(squash(NOTE)) > last_child
    assert text.index("DiesesSchreibenwurdemaschinellerstellt") > last_child
    assert long_facility_notice_pdf.page_has(len(long_facility_notice_pdf.reader.pages), "ohne Unterschrift gültig")


def test_a_facility_notice_without_children_is_refused(facility_notice_factory) -> None:
    with pytest.raises(ValueError, match="at least one child"):
        render_facility_notice(facility_notice_factory(children=()))


def test_the_facility_is_told_how_to_treat_the_childrens_data_not_the_parents_note(facility_notice_pdf) -> None:
    assert "nur für die Betreuung und die Zusammenarbeit mit dem Jugendamt" in facility_notice_pdf
    assert "Wir verarbeiten Ihre Angaben nur" not in facility_notice_pdf


@pytest.mark.parametrize(("document", "said"), [
    ("single_child_pdf",
     "Den Bescheid darüber haben wir heute erlassen; die Eltern erhalten ihn in den nächsten Tagen."),
    ("facility_notice_pdf",
     "Die Bescheide darüber haben wir heute erlassen; die Eltern erhalten sie in den nächsten Tagen."),
])
def test_facility_notice_says_the_parents_receive_their_notice_after_its_date_not_that_they_have(
    request: pytest.FixtureRequest, document: str, said: str,
) -> None:
    pdf = request.getfixturevalue(document)
    assert said in pdf
    assert "haben ihren Beitragsbescheid erhalten" not in pdf

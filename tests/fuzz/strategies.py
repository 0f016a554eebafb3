"""Hypothesis strategies for what a form can be sent: every field valid-looking or hostile, missing or twice.

A value is kept as the bytes that go over the wire, so that a browser's request (UTF-8, percent-encoded)
and one no browser sends (a lone surrogate encoded anyway, bytes that are not UTF-8, raw unencoded bytes)
are drawn alike. ``wire.Request`` knows how each field was sent, for the check that a refused form keeps it.
"""
from __future__ import annotations

import re
from datetime import date

from hypothesis import strategies as st

from . import samples
from .discovery import Field, Form
from .wire import BOUNDARY, Request, Upload, encode

# --- Values ------------------------------------------------------------------------------------------------

WHITESPACE = [" ", "   ", "\t", "\u00a0", "\u3000", " \t\u00a0\u3000 ", "\n", "\r\n", " \r\n\t "]
INVISIBLE = ["\u200b", "\ufeff", "\u202e", "\u202eAbc\u202c", "Mi\u200ba", "\x01", "\x07\x08", "\x1b[31m", "\x7f",
             "\x85", "\u2028", "\u00ad", "\u0301"]
INJECTION = ["' OR 1=1 --", '"; DROP TABLE fee_case; --', "<script>alert(1)</script>",
             '"><img src=x onerror=alert(1)>', "{0}", "%s%n", "{{7*7}}", "${7*7}", "{% raw %}", "../../etc/passwd",
             "javascript:alert(1)", "=HYPERLINK(\"http://x\")", "\\\\server\\share", "a&b=c", "100%", "+ +"]
NUMBERS = ["0", "-0", "-1", "1", "00", "007", "99999999999999999999999", "9223372036854775807",
           "9223372036854775808", "-9223372036854775809", "1e309", "-1e309", "1e-400", "NaN", "nan", "Infinity",
           "-inf", "1_000", "١٢", "１２", "0x10", "1.5", "1,5", "12.345.678,90", "€", "1.234,56 €", "  35  ", "٣٥"]
DATES = ["0000-00-00", "9999-12-31", "31.12.9999", "2025-02-30", "2025-08-01", "01.08.2025"]
NUL = ["\x00", "a\x00b"]
# The bytes a browser sends for a lone surrogate (it replaces it with U+FFFD), the surrogate encoded anyway
# (no browser does), Python's surrogate escape of a byte, and bytes that are no UTF-8 at all.
RAW_BYTES = ["\ufffd".encode(), "\ud800".encode("utf-8", "surrogatepass"), "a\udfffb".encode("utf-8", "surrogatepass"),
             "\udcff".encode("utf-8", "surrogateescape"), b"\xff\xfe", b"\xc3", b"\xc0\xaf", b"a\x80b",
             b"\xf4\x90\x80\x80"]

# One branch per kind of trouble, so that each kind is drawn about as often as the others.
HOSTILE_TEXT = st.one_of(
    st.just(""),
    st.sampled_from(WHITESPACE),
    st.text(st.sampled_from("".join(WHITESPACE)), min_size=1, max_size=6),
    st.sampled_from(INVISIBLE),
    st.text(st.sampled_from("".join(WHITESPACE + INVISIBLE)), min_size=1, max_size=8),
    st.sampled_from(INJECTION),
    st.sampled_from(NUMBERS),
    st.sampled_from(DATES),
    st.sampled_from(NUL),
    st.builds(lambda char, count: char * count, st.sampled_from(["x", "ä", "😀", " ", "<", "9"]),
              st.sampled_from([101, 2001, 100_000])),
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Co"]), max_size=10),
    st.one_of(st.integers().map(str), st.floats().map(repr), st.decimals().map(str)),
    st.dates(min_value=date(1, 1, 1)).map(lambda day: f"{day:%d.%m.%Y}"),
)
HOSTILE = st.one_of(
    HOSTILE_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from(RAW_BYTES),
    st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=12),
)

# Valid-looking values by field name (a regular expression searched in the name); the world adds its own.
GOOD = {
    r"email": ["eltern@beispiel.example", "Eltern.Muster@Beispiel.Example", " julia@beispiel.example "],
    r"password": ["Regen Fahrrad Kaffee", "Demo-Musterstadt-2024", "kurz"],
    r"iban": ["DE89 3704 0044 0532 0130 00", "de89370400440532013000", "DE02120300000000202051"],
    r"bic": ["COBADEFFXXX", "BYLADEM1001"],
    r"creditor": ["DE98ZZZ09999999999"],
    r"^postcode$": ["33330", " 33330 "],
    r"postcode_city": ["33330 Musterstadt"],
    r"phone": ["05241 123-456", "+49 (5241) 123/456"],
    r"website": ["www.musterstadt.example", "https://musterstadt.example/elternbeitrag"],
    r"-day$": ["1", "15", "31", "01"],
    r"-month$": ["1", "8", "12", "08"],
    r"-year$": ["2024", "2025", "2026"],
    r"_days$": ["14", "30", "0", "999"],
    r"employment|income_replacement|^other$": ["52.000,00", "0", "1.234,56 €", "40000"],
    r"hours": ["25", "35", "45"],
}
NAMES = st.one_of(st.sampled_from(["Mia", "Müller-Lüdenscheidt", "Jean-Luc", "O'Brien", "Łukasz", "Zoë"]),
                  st.text("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZ -.,0123456789", min_size=1,
                          max_size=30))


def good_values(name: str, hints: dict[str, list[str]]) -> st.SearchStrategy[bytes]:
    """Return valid-looking values for a field by its name, or plain words."""
    known = [value for pattern, values in {**GOOD, **hints}.items() if re.search(pattern, name) for value in values]
    text = st.sampled_from(known) | NAMES if known else NAMES
    return text.map(str.encode)


def value_of(spec: Field, hints: dict[str, list[str]]) -> st.SearchStrategy[bytes]:
    """Return what one value of a field may be: what the page offers or a valid-looking value, or a hostile one."""
    if spec.kind in ("radio", "checkbox", "select"):
        offered = st.sampled_from([value.encode() for value in spec.values]) if spec.values else st.nothing()
        return st.one_of(offered, offered, HOSTILE)
    if spec.kind == "hidden":
        return st.one_of(st.just(spec.values[0].encode() if spec.values else b""), HOSTILE)
    return st.one_of(good_values(spec.name, hints), HOSTILE)


# --- Files -------------------------------------------------------------------------------------------------

FILENAMES = st.one_of(
    st.sampled_from([b"nachweis.pdf", b"Lohnabrechnung 2024.PDF", b"logo.png", b"foto.jpg", b"satzung.toml", b"",
                     b"../../etc/passwd", b"C:\\Users\\x\\nachweis.pdf", "\u202egnp.exe".encode(),
                     b"a" * 300 + b".pdf", b"na\"me.pdf", b"x\r\nContent-Type: text/html.pdf",
                     "Überweisung ä.pdf".encode(), b"\xff\xfe.pdf"]),
    st.text(max_size=20).map(lambda text: text.encode("utf-8", "surrogatepass")),
)
CONTENTS = st.one_of(
    st.sampled_from(list(samples.ALL_CRAFTED.values())),
    st.builds(lambda magic, junk: magic + junk, st.sampled_from(list(samples.MAGIC.values())), st.binary(max_size=300)),
    st.binary(max_size=300),
    st.sampled_from([b"%PDF-" + b"0" * (10 * 1024 * 1024), b"\x89PNG" + b"0" * (512 * 1024)]),  # past the limits
)
UPLOADS = st.builds(Upload, FILENAMES, CONTENTS,
                    st.sampled_from(["application/pdf", "image/png", "image/jpeg", "application/octet-stream",
                                     "text/html", "", "application/toml"]))


EXTRA_NAMES = st.sampled_from(["csrf_token", "version", "id", "role", "office_id", "__proto__", "a[]", "x" * 300,
                               "", "name\x00", "ä"])
DATE_PARTS = st.one_of(
    st.sampled_from([("0", "0", "0000"), ("00", "00", "0000"), ("31", "12", "9999"), ("1", "8", "2025"),
                     ("29", "2", "2023"), ("29", "2", "2024"), ("31", "4", "2025"), ("1", "1", "1899"),
                     ("1", "1", "2201"), ("99999999999999999999999", "1", "2025"), ("-1", "-1", "-1"),
                     ("1e309", "NaN", "9223372036854775808"), ("1", "9", "2025"), ("30", "9", "2025")]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)).map(
        lambda day: (str(day.day), str(day.month), str(day.year))),
)
PRESENCE = st.sampled_from(["once"] * 6 + ["missing", "twice"])


# A date each form can take, by the name of the date (its three parts are ``name-day``, ``-month``, ``-year``).
GOOD_DATES = {r"birth": ("10", "5", "2023"), r"start": ("1", "8", "2025"), r"change_from": ("1", "9", "2025"),
              r"last_day": ("30", "9", "2025"), r"deadline": ("30", "9", "2025"), r"valid_from": ("1", "8", "2026")}


def first_good(name: str, hints: dict[str, list[str]]) -> str:
    known = [value for pattern, values in {**hints, **GOOD}.items() if re.search(pattern, name) for value in values]
    return known[0] if known else "Mia"


def good_upload(form: Form) -> Upload:
    """Return a file the form takes: a statute file, a logo, or a proof."""
    if "statute" in form.endpoint:
        return Upload(b"satzung.toml", samples.RENAMED_STATUTE.encode(), "application/toml")
    if "letterhead" in form.endpoint:
        return Upload(b"logo.png", samples.REAL_FILES["a real PNG"], "image/png")
    return Upload(b"nachweis.pdf", samples.REAL_FILES["a real PDF"], "application/pdf")


def valid_fields(form: Form, hints: dict[str, list[str]]) -> dict[str, list[bytes | Upload]]:
    """Return values the form takes: what the page shows or offers first, else a valid-looking value."""
    values: dict[str, list[bytes | Upload]] = {}
    for spec in form.fields:
        group, _, part = spec.name.rpartition("-")
        date = next((day for pattern, day in GOOD_DATES.items() if re.search(pattern, group)), None)
        if spec.kind == "file":
            values[spec.name] = [good_upload(form)]
        elif part in ("day", "month", "year") and date:
            values[spec.name] = [date[("day", "month", "year").index(part)].encode()]
        elif spec.kind in ("radio", "select"):
            values[spec.name] = [next((value for value in spec.values if value), "").encode()]
        elif spec.kind in ("checkbox", "hidden") or (spec.values and spec.values[0].strip()):
            values[spec.name] = [spec.values[0].encode() if spec.values else b""]
        else:
            values[spec.name] = [first_good(spec.name, hints).encode()]
    return values


def date_groups(form: Form) -> list[str]:
    """Return the names of the three-part dates of a form (``name-day``, ``name-month``, ``name-year``)."""
    names = {spec.name for spec in form.fields}
    return [name[:-4] for name in sorted(names) if name.endswith("-day")
            and {name[:-4] + "-month", name[:-4] + "-year"} <= names]


@st.composite
def _mutated(draw, form: Form, hints: dict[str, list[str]], count: int) -> dict[str, list[bytes | Upload]]:
    """Start from values the form takes and make ``count`` fields (or three-part dates) hostile, missing or double."""
    values = valid_fields(form, hints)
    kinds = {spec.name: spec.kind for spec in form.fields}
    targets = [spec.name for spec in form.fields] + [f"{group}-*" for group in date_groups(form)]
    if not targets:
        return values
    for _ in range(count):
        target = draw(st.sampled_from(targets))
        if target.endswith("-*"):
            day, month, year = draw(DATE_PARTS)
            group = target[:-2]
            values |= {f"{group}-day": [day.encode()], f"{group}-month": [month.encode()],
                       f"{group}-year": [year.encode()]}
            continue
        hostile = UPLOADS if kinds[target] == "file" else HOSTILE
        how = draw(st.sampled_from(["hostile", "hostile", "hostile", "missing", "twice"]))
        if how == "missing":
            values.pop(target, None)
        elif how == "twice":
            values[target] = [*values.get(target, [])[:1], draw(hostile)]
        else:
            values[target] = [draw(hostile)]
    return values


@st.composite
def _drawn(draw, form: Form, hints: dict[str, list[str]]) -> dict[str, list[bytes | Upload]]:
    """Draw every field: missing, once or twice, each value valid-looking, offered or hostile."""
    values: dict[str, list[bytes | Upload]] = {}
    for spec in form.fields:
        presence = draw(PRESENCE)
        if presence != "missing":
            strategy = UPLOADS if spec.kind == "file" else value_of(spec, hints)
            values[spec.name] = [draw(strategy) for _ in range(2 if presence == "twice" else 1)]
    for group in date_groups(form):
        if draw(st.booleans()):
            day, month, year = draw(DATE_PARTS)
            values |= {f"{group}-day": [day.encode()], f"{group}-month": [month.encode()],
                       f"{group}-year": [year.encode()]}
    return values


@st.composite
def requests_for(draw, form: Form, hints: dict[str, list[str]]) -> Request:
    """Draw one way of sending the form: mostly the values it takes with one or two fields made hostile (that
    reaches past the form's own checks into the services), sometimes every field drawn."""
    mode = draw(st.sampled_from(["one field", "one field", "one field", "two fields", "every field"]))
    values = draw(_drawn(form, hints) if mode == "every field" else _mutated(form, hints, 1 if mode == "one field"
                                                                                 else 2))
    pairs = [(name, value) for name, sent in values.items() for value in sent if isinstance(value, bytes)]
    files = [(name, value) for name, sent in values.items() for value in sent if isinstance(value, Upload)]
    pairs += draw(st.lists(st.tuples(EXTRA_NAMES, HOSTILE), max_size=2))
    how = draw(st.sampled_from(["browser"] * 7 + ["raw bytes", "wrong content type", "garbage body"]))
    return encoded(form, pairs, files, how, draw)


def encoded(form: Form, pairs, files, how: str, draw) -> Request:
    """Return the request that sends the pairs and files ``how``; ``draw`` picks the junk of a mangled body."""
    if how == "garbage body":
        body = draw(st.one_of(st.binary(max_size=200), st.sampled_from([b"\xff\xfe", b"%", b"a=%ZZ&=&&=", b"%00",
                                                                        b"a" * 70_000, b"=" * 1000])))
        content_type = draw(st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data",
                                             f"multipart/form-data; boundary={BOUNDARY}"]))
        return Request(form.action, body, content_type, pairs, files, how)
    request = encode(form, pairs, files, raw=how == "raw bytes")  # a multipart body is the same either way
    if how != "raw bytes":
        request.how = how
    if how == "wrong content type":
        request.content_type = draw(st.sampled_from(["text/plain", "application/json", "multipart/form-data", None,
                                                     "application/x-www-form-urlencoded; charset=latin-1"]))
    return request

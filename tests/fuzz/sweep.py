"""The sweep: the values behind the bugs of issue 11 in every field of every form, each once, not left to chance.

Each request sends what the form takes (``strategies.valid_fields``) with one field changed: given one of
``SWEEP``, left out, or sent twice; a file field gets each crafted file of ``samples``; a three-part date gets
0000-00-00 and 9999-12-31. The rest of the hostile values are drawn by Hypothesis (``strategies``).
"""
from __future__ import annotations

from . import samples
from .discovery import Form
from .strategies import date_groups, good_upload, valid_fields
from .wire import Request, Upload, encode

# The values every field gets once, besides missing and sent twice: the ones behind the bugs of issue 11 and
# their kin (the rest of the hostile values are drawn by Hypothesis).
SWEEP = {
    "a space": b" ", "an ideographic space": "\u3000".encode(), "a number of 100,000 digits": b"9" * 100_000,
    "a lone surrogate encoded anyway": "\ud800".encode("utf-8", "surrogatepass"),
    "bytes that are no UTF-8": b"\xff\xfe", "2**63": b"9223372036854775808",
}
SWEEP_DATES = {"0000-00-00": ("00", "00", "0000"), "9999-12-31": ("31", "12", "9999")}


def sweep(form: Form, hints: dict[str, list[str]]) -> list[tuple[str, Request]]:
    """Return, for every field, the form as it is taken with that one field hostile, missing or sent twice."""
    base = valid_fields(form, hints)
    variants: list[tuple[str, dict]] = [("the values the form takes", base)]
    for spec in form.fields:
        if spec.kind == "file":
            name = good_upload(form).filename  # the statute upload reads only files named *.toml
            variants += [(f"{spec.name}: {label}", base | {spec.name: [Upload(name, content, "")]})
                         for label, content in samples.ALL_CRAFTED.items()]
            continue
        variants += [(f"{spec.name}: {label}", base | {spec.name: [value]}) for label, value in SWEEP.items()]
        variants.append((f"{spec.name} missing", {name: sent for name, sent in base.items() if name != spec.name}))
        variants.append((f"{spec.name} twice", base | {spec.name: [*base[spec.name], b"\xff"]}))
    for group in date_groups(form):
        variants += [(f"{group}: {label}", base | {f"{group}-{part}": [value.encode()]
                                                  for part, value in zip(("day", "month", "year"), parts, strict=True)})
                     for label, parts in SWEEP_DATES.items()]
    requests = []
    for label, values in variants:
        pairs = [(name, value) for name, sent in values.items() for value in sent if isinstance(value, bytes)]
        files = [(name, value) for name, sent in values.items() for value in sent if isinstance(value, Upload)]
        requests.append((label, encode(form, pairs, files)))
    return requests

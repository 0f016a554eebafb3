"""Uploads through the services: each refusal of the file check in plain German, the stored name that fits
the type found, the statute file's bytes and the logo read by the same bounded check."""
from __future__ import annotations

import time

import pytest

from elternbeitraege import files
from elternbeitraege.models import Proof
from elternbeitraege.services.declarations import proofs
from elternbeitraege.services.kernel.errors import InvalidInput
from elternbeitraege.services.office import letterhead, statutes
from tests.files import hostile

BY_PROBLEM = {problem: (name, content) for name, content, problem in reversed(hostile.hostile_files()) if problem}
MESSAGES = [
    (files.EMPTY, "Die ausgewählte Datei ist leer. Wählen Sie eine andere Datei aus."),
    (files.TYPE, "Die Datei muss ein PDF, JPG oder PNG sein."),
    (files.ENCRYPTED, "Die PDF-Datei ist mit einem Passwort geschützt. Laden Sie eine Datei ohne Passwort hoch."),
    (files.ACTIVE, "Die PDF-Datei enthält Programmcode, Formular-Aktionen oder angehängte Dateien"),
    (files.EXTRA, "enthält außer dem"),
    (files.COMPLEX, "Die Datei ist so aufwendig aufgebaut, dass wir sie nicht prüfen können."),
    (files.PIXELS, "Das Bild hat 20.000 × 20.000 Bildpunkte, erlaubt sind höchstens 50 Millionen."),
    (files.BROKEN, "kann nicht geöffnet werden. Wählen Sie eine andere Datei aus."),
]


@pytest.mark.parametrize(("problem", "message"), MESSAGES, ids=[problem for problem, _message in MESSAGES])
def test_each_refusal_of_a_proof_says_in_german_what_to_do(problem, message):
    name, content = BY_PROBLEM[problem]
    started = time.perf_counter()
    said = proofs.upload_problem(content, 10 * 1024 * 1024)
    assert time.perf_counter() - started < files.Bounds().seconds  # never waits past the reader's limit
    assert message in said, (name, said)
    assert said.rstrip().endswith(".") and "ungültig" not in said and "invalid" not in said.lower()


def test_a_proof_over_the_size_limit_is_refused_before_it_is_read():
    assert proofs.upload_problem(b"%PDF-" + bytes(2000), 1024) == (
        "Die Datei ist größer als 1 KB. Wählen Sie eine kleinere Datei aus.")


@pytest.mark.parametrize(("filename", "media_type", "stored"), [
    ("evil.html", files.JPEG, "evil.jpg"),
    ("scan.pdf", files.PNG, "scan.png"),
    ("foto.JPEG", files.JPEG, "foto.JPEG"),
    ("Lohnabrechnung Dezember", files.PDF, "Lohnabrechnung Dezember.pdf"),
    ("C:\\Users\\julia\\bescheid.exe", files.PDF, "bescheid.pdf"),
    ("rechnung\u202egpj.exe", files.PDF, "rechnunggpj.pdf"),
    (".pdf", files.PDF, "Nachweis.pdf"),
    ("", files.PNG, "Nachweis.png"),
    ("a" * 300 + ".pdf", files.PDF, "a" * 196 + ".pdf"),
], ids=["html holding a JPEG", "PNG named .pdf", "other spelling kept", "no extension", "Windows path",
        "right-to-left override", "only an extension", "no name", "too long"])
def test_a_proof_is_stored_under_its_name_with_the_extension_of_the_type_found(filename, media_type, stored):
    assert proofs.stored_name(filename, media_type) == stored


def test_a_proof_stored_under_a_wrong_name_before_is_offered_under_one_that_fits_its_content():
    proof = Proof(original_name="evil.html", media_type="image/jpeg", content=hostile.image("JPEG"))
    assert proofs.download(proof) == ("evil.jpg", "image/jpeg")
    assert proofs.download(Proof(original_name="x.pdf", media_type="application/pdf", content=b"<html>")) == (
        "Nachweis.bin", "application/octet-stream")


def test_the_limits_are_stated_before_the_upload_and_what_is_taken_of_them():
    limits = proofs.ProofLimits.of({"MAX_UPLOAD_BYTES": 10 * 1024 * 1024, "MAX_PROOFS_PER_CASE": 30,
                                    "MAX_PROOF_BYTES_PER_CASE": 50 * 1024 * 1024, "FILE_CHECK_SECONDS": 5,
                                    "FILE_CHECK_MEMORY_MB": 512, "MAX_IMAGE_PIXELS": 50_000_000})
    assert limits.hint().startswith("PDF, JPG oder PNG, höchstens 10 MB je Datei. Sie können bis zu 30 Dateien "
                                    "mit zusammen höchstens 50 MB hochladen.")
    taken = [Proof(size=1024 * 1024), Proof(size=512 * 1024)]
    assert limits.usage(taken) == "Hochgeladen: 2 von 30 Dateien, zusammen 1,5 MB von 50 MB."


@pytest.mark.parametrize(("content", "message"), [
    ("ä".encode("latin-1") + b" = 1", "Die Datei ist keine Textdatei in UTF-8."),
    ('id = "x"'.encode("utf-16"), "Die Datei ist keine Textdatei in UTF-8."),
    ('id = "x"'.encode("utf-16-le"), "Die Datei ist keine Textdatei in UTF-8."),
    (b"# " + b"x" * (10 * 1024 * 1024), "Die Datei ist größer als 256 KB."),
], ids=["invalid UTF-8", "UTF-16", "UTF-16 without its mark", "10 MB"])
def test_a_statute_file_that_is_no_small_utf8_text_is_refused_before_it_is_parsed(content, message):
    with pytest.raises(InvalidInput) as refused:
        statutes.decode_statute_file(content, 256 * 1024)
    assert refused.value.errors["file"].startswith(message)


@pytest.mark.parametrize(("content", "message"), [
    (hostile.png_bomb(20000, 20000), letterhead.LOGO["pixels"]),
    (hostile.jpeg_with_size(60000, 60000), letterhead.LOGO["pixels"]),
    (hostile.image("JPEG") + hostile.HTML, letterhead.LOGO["broken"]),
    (hostile.bad_crc_png(), letterhead.LOGO["broken"]),
    (hostile.good_pdf(), letterhead.LOGO["type"]),
], ids=["PNG bomb", "JPEG bomb", "JPEG and HTML", "bad CRC", "PDF"])
def test_a_logo_is_read_by_the_bounded_check_and_a_bomb_is_refused_by_its_header(content, message):
    started = time.perf_counter()
    assert letterhead.logo_problem(content) == message
    assert time.perf_counter() - started < files.Bounds().seconds  # never waits past the reader's limit


def test_a_logo_check_that_takes_too_long_is_refused_and_says_what_to_do():
    assert letterhead.logo_problem(hostile.image("PNG"), files.Bounds(seconds=0.001)) == letterhead.LOGO["complex"]

"""The bounded file check: every hostile file is refused with its problem, by the reader well before its time
limit, and nothing raises; real files pass; the reader process is held to its time and memory."""
from __future__ import annotations

import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from elternbeitraege import files
from elternbeitraege.files import bounded
from tests.files import hostile
from tests.unit.test_architecture import ROOT, imported_roots

HOSTILE = hostile.hostile_files()
GOOD = [
    ("PDF", hostile.good_pdf(), files.PDF, None),
    ("PDF with an owner password only", hostile.good_pdf(owner_password="rechte"), files.PDF, None),
    ("JPEG", hostile.image("JPEG"), files.JPEG, (300, 200)),
    ("progressive JPEG with restart markers", hostile.image("JPEG", (640, 480), noise=True, progressive=True,
                                                            restart_marker_rows=2), files.JPEG, (640, 480)),
    ("JPEG with a preview JPEG appended (multi-picture)", hostile.image("JPEG", (300, 200))
     + hostile.image("JPEG", (160, 120)), files.JPEG, (300, 200)),
    ("JPEG padded with zeros", hostile.image("JPEG") + bytes(64), files.JPEG, (300, 200)),
    ("PNG", hostile.image("PNG"), files.PNG, (300, 200)),
    ("PNG of 7000 × 7000 pixels (49 million)", hostile.png_bomb(7000, 7000), files.PNG, (7000, 7000)),
]


@pytest.mark.parametrize(("content", "problem"), [entry[1:] for entry in HOSTILE], ids=[entry[0] for entry in HOSTILE])
def test_a_hostile_file_is_refused_with_its_problem_well_within_the_time_limit(content, problem):
    # Within the limit; that it is the reader's own refusal, not the stop at the limit, says the problem named
    # (one refusal costs a second or so here; the slowest, 512 MB of Flate streams unpacked, 1.3 s when idle).
    started = time.perf_counter()
    verdict = files.check(content)
    assert time.perf_counter() - started < files.Bounds().seconds
    assert not verdict.ok
    if problem is not None:
        assert verdict.problem == problem


@pytest.mark.parametrize("content", hostile.mutated_pdfs(), ids=lambda _content: "mutated")
def test_a_pdf_with_bytes_changed_at_random_gets_a_verdict_within_the_time_limit(content):
    started = time.perf_counter()
    verdict = files.check(content)
    assert time.perf_counter() - started < files.Bounds().seconds
    assert verdict.problem in (None, files.BROKEN, files.ENCRYPTED, files.COMPLEX)


@pytest.mark.parametrize(("content", "media_type", "size"), [entry[1:] for entry in GOOD],
                         ids=[entry[0] for entry in GOOD])
def test_a_real_file_passes_with_its_type_and_size(content, media_type, size):
    verdict = files.check(content)
    assert verdict == files.Verdict(None, media_type, *(size or (None, None)))


def test_only_the_types_asked_for_are_read():
    assert files.check(hostile.good_pdf(), allowed=(files.PNG, files.JPEG)).problem == files.TYPE


def test_an_image_is_refused_by_its_longest_side_where_that_is_bounded():
    bounds = files.Bounds(max_side=5000)
    assert files.check(hostile.png_bomb(6000, 2), bounds).problem == files.PIXELS
    assert files.check(hostile.png_bomb(5000, 2), bounds).ok


def test_the_pixel_limit_comes_from_the_bounds():
    assert files.check(hostile.image("PNG", (300, 200)), files.Bounds(max_pixels=300 * 200 - 1)).problem == files.PIXELS


def test_a_check_that_takes_longer_than_allowed_is_stopped_and_refused():
    started = time.perf_counter()
    assert files.check(hostile.good_pdf(), files.Bounds(seconds=0.001)).problem == files.COMPLEX
    assert time.perf_counter() - started < files.Bounds().seconds  # stopped at its own limit, not the default one


def test_a_check_that_needs_more_memory_than_allowed_is_refused():
    big = hostile.image("PNG", (4000, 4000))  # decodes to 48 MB
    assert files.check(big).ok
    assert files.check(big, files.Bounds(memory_mb=64)).problem == files.COMPLEX


def test_checks_from_many_threads_at_once_each_get_their_own_verdict():
    contents = [hostile.good_pdf(), hostile.image("PNG"), hostile.png_bomb(20000, 20000, full=False)] * 3
    with ThreadPoolExecutor(max_workers=6) as pool:
        verdicts = list(pool.map(files.check, contents))
    assert [verdict.problem for verdict in verdicts] == [None, None, files.PIXELS] * 3


def test_the_reader_gets_no_secret_of_the_web_worker(monkeypatch):
    monkeypatch.setenv("ELTERNBEITRAEGE_SECRET_KEY", "geheim")
    environment = bounded._environment()
    assert set(environment) == {"PYTHONPATH", "LC_ALL"}


@pytest.mark.parametrize("answer", [
    "", "kein JSON", "[]", '{"problem": "ok"}',
    '{"problem": null, "media_type": "text/html", "width": null, "height": null, "message": null}',
    '{"problem": null, "media_type": null, "width": -1, "height": 2, "message": null}',
    '{"problem": null, "media_type": null, "width": true, "height": 2, "message": null}',
])
def test_an_answer_of_the_reader_that_is_no_verdict_refuses_the_file(answer):
    assert files.Verdict.from_json(answer).problem == files.BROKEN


def test_the_file_package_imports_nothing_of_flask_or_the_app_only_pypdf_pillow_and_the_fee_engine():
    package = ROOT / "elternbeitraege/files"
    for path in package.glob("*.py"):
        assert imported_roots(path) - set(sys.stdlib_module_names) - {"__future__", "pypdf", "PIL"} == set(), path
        relative = re.findall(r"^\s*from (\.\.?[\w.]*) import", path.read_text(), re.MULTILINE)
        assert [name for name in relative if name.startswith("..") and not name.startswith("..fees")] == [], path

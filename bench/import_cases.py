"""Benchmark: importing 50,000 fee cases from a CSV file of the old system — seconds and peak memory, for the
targets of issue 14 (at most 60 s, peak under 300 MB).

Run: ``.venv/bin/python bench/import_cases.py [COUNT] [LETTERS]`` (default 50,000 rows; 200 invitation letters
rendered as a sample). It builds a throwaway SQLite database with the demo office and forty Kitas, writes a
CSV file of COUNT rows (semicolons, Windows-1252, German dates; every tenth case with a fee in force, every
fifth family with two children), then times the dry run (``cases.check``) and the real run
(``cases.import_cases``, one unit of work), and a second real run (nothing new, everything unchanged).
The invitation letters are a separate step (``letters.write_letters``): it renders LETTERS of them and
extrapolates. Memory: tracemalloc's peak of Python allocations per step, and the process's peak resident set.
"""
from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select, update

from elternbeitraege import db
from elternbeitraege.app import create_app
from elternbeitraege.models import Facility, FeeCase, YouthOffice
from elternbeitraege.services import demo as seed
from elternbeitraege.services.imports import cases, letters
from elternbeitraege.services.kernel.actor import SYSTEM
from elternbeitraege.services.kernel.uow import UnitOfWork

TARGET_SECONDS = 60
TARGET_MB = 300
TODAY = date(2025, 7, 1)
HEADER = ("Aktenzeichen;Kassenzeichen;Vorname Kind;Nachname Kind;Geburtsdatum;Vorname Elternteil 1;"
          "Nachname Elternteil 1;Vorname Elternteil 2;Nachname Elternteil 2;Straße;PLZ;Ort;Einrichtung;"
          "Wochenstunden;Betreuungsbeginn;Betreuungsende;Beitrag seit;Festsetzung;Einkommensgruppe;"
          "Beitrag monatlich")


def write_file(path: Path, count: int, kitas: int) -> None:
    """Write COUNT case rows as Excel in Germany saves them: semicolons, Windows-1252, TT.MM.JJJJ."""
    rng = random.Random(14)
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write(HEADER + "\r\n")
        family = 0
        for number in range(count):
            if number % 5 != 1:  # every fifth family has a second child in the file
                family = number
            birth = date(2020, 1, 1) + timedelta(days=rng.randrange(1400))
            fee = ";;;"
            if number % 10 == 0:
                fee = f"01.08.2024;{'endgültig' if number % 20 == 0 else 'vorläufig'};{rng.randint(1, 8)};"
            elif number % 10 == 5:
                fee = f"01.08.2024;vorläufig;;{rng.randint(0, 400)},{rng.randint(0, 99):02d}"
            out.write(f"AZ-ALT-{number:06d};KZ-{number:07d};Kind{number};Müller{family};{birth:%d.%m.%Y};Jürgen;"
                      f"Müller{family};Bärbel;Müller{family};Lindenstraße {family % 200 + 1};33330;Gütersloh;"
                      f"KITA-{number % kitas:03d};{rng.choice((25, 35, 45))};01.08.2024;;{fee}\r\n")


def measure(label: str, step):
    tracemalloc.start()
    started = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<34} {seconds:7.1f} s   Python-Spitze {peak / 2**20:6.1f} MB   Prozess-Spitze (RSS) {rss:6.0f} MB")
    return result, seconds, peak / 2**20


def main(count: int = 50_000, sample: int = 200) -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        db.upgrade(url)
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TODAY": TODAY.isoformat()})
        with app.app_context():
            session = db.session()
            seed.seed_demo(session, app.config["PUBLIC_URL"], TODAY)
            office_id = session.scalar(select(YouthOffice.id))
            session.add_all(Facility(office_id=office_id, name=f"Kita Nummer {number}", care_kind="kita",
                                     street="Schulweg 1", postcode_city="33330 Gütersloh", number=f"KITA-{number:03d}")
                            for number in range(40))
            session.commit()
        path = Path(folder) / "faelle.csv"
        write_file(path, count, 40)
        print(f"{count} Zeilen, {path.stat().st_size / 2**20:.1f} MB CSV (Windows-1252, Semikolon)")
        with app.app_context():
            dry, dry_s, dry_mb = measure("Probelauf (prüfen)", lambda: cases.check(
                db.session(), SYSTEM, office_id, path, TODAY))
            assert dry.ok and dry.new == count, dry.problems[:5]
        with app.app_context():
            real, real_s, real_mb = measure("Import (eine Transaktion)", lambda: cases.import_cases(
                UnitOfWork(db.session(), TODAY, "https://eb.example"), SYSTEM, office_id, path, path.name))
            assert real.written and real.new == count
        with app.app_context():
            again, again_s, _mb = measure("Zweiter Lauf (nichts Neues)", lambda: cases.import_cases(
                UnitOfWork(db.session(), TODAY, "https://eb.example"), SYSTEM, office_id, path, path.name))
            assert again.new == 0 and again.unchanged == count
            session = db.session()
            waiting = letters.count_waiting(session, office_id)
            # Render only a sample: the others are put aside by giving them a code hash of their own.
            keep = list(session.scalars(letters.waiting(office_id).limit(sample)))
            session.execute(update(FeeCase).where(FeeCase.office_id == office_id, FeeCase.access_code_hash.is_(None),
                                                  FeeCase.id.not_in(keep))
                            .values(access_code_hash=FeeCase.file_number))
            session.commit()
        with app.app_context():
            run, letters_s, _mb = measure(f"Einladungsschreiben ({sample})", lambda: letters.write_letters(
                app.extensions["db_sessions"], office_id, TODAY, "https://eb.example", Path(folder) / "druck"))
        per_letter = letters_s / max(1, run.written)
        print(f"Einladungsschreiben: {per_letter * 1000:.0f} ms je Schreiben; für alle {waiting} eingeladenen Fälle "
              f"hochgerechnet {per_letter * waiting / 60:.0f} min (getrennter Schritt nach dem Import)")
        ok = dry_s + real_s <= TARGET_SECONDS and max(dry_mb, real_mb) < TARGET_MB
        verdict = "erreicht" if ok else "VERFEHLT"
        print(f"Ziel: Probelauf + Import ≤ {TARGET_SECONDS} s, Spitze < {TARGET_MB} MB: {verdict}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:3])))

"""Benchmark: a batch of final notices — notices a second and peak memory, for the targets of issue 5.

Run: ``.venv/bin/python bench/notices_batch.py [COUNT] [WORKERS]`` (default 2,000 notices, one worker per
core). It builds a throwaway SQLite database with the demo office, a Kita for every fifty children, and
COUNT households whose declaration never came (each decided by the real ``decide``: the highest fee,
final, twelve months — the same notice a deadline's expiry issues), then times
``services.notices.batch.issue_due``: preparing every notice from the database, rendering it in the worker
processes, storing it with its events, the facility letters and the merged print file. Memory is the
peak resident set of the batch process and of its largest worker, sampled every 50 ms, and the peak of
all processes together (proportional set size, so that the pages the forked workers share are not
counted twice).
"""
from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from elternbeitraege import db
from elternbeitraege.app import create_app
from elternbeitraege.models import CarePeriod, CaseEvent, Child, Facility, FeeCase, Household
from elternbeitraege.services import demo as seed
from elternbeitraege.services.assessment.decisions import Decision, decide
from elternbeitraege.services.kernel.actor import SYSTEM
from elternbeitraege.services.kernel.uow import UnitOfWork
from elternbeitraege.services.notices.batch import Selection, issue_due
from elternbeitraege.services.notices.notice_text import DECLARATION_MISSING

TARGET_RATE = 25.0
TARGET_MB = 500
TODAY = date(2025, 7, 1)
START = date(2024, 8, 1)


def make_kitas(session, count: int) -> list[Facility]:
    """Add Kitas to the demo office: a town with 2,000 children in care has some forty of them."""
    office_id = session.query(Facility).first().office_id
    kitas = [Facility(office_id=office_id, name=f"Kita Nummer {number}", care_kind="kita",
                      street=f"Schulweg {number}", postcode_city="33330 Musterstadt") for number in range(1, count + 1)]
    session.add_all(kitas)
    session.flush()
    return kitas


def make_cases(session, count: int) -> None:
    """Add ``count`` households whose reminder ran out, fifty to a Kita, and decide each: the highest fee, finally."""
    kitas = make_kitas(session, max(1, count // 50))
    for number in range(count):
        facility = kitas[number % len(kitas)]
        household = Household(office_id=facility.office_id, parent1_first_name="Erika",
                              parent1_last_name=f"Muster{number}",
                              parent2_first_name="Max", parent2_last_name=f"Muster{number}",
                              street=f"Lindenweg {number % 90 + 1}", postcode="33330", city="Musterstadt")
        child = Child(household=household, first_name="Kim", last_name=f"Muster{number}",
                      birth_date=date(2022, 1, 1) + timedelta(days=number % 700))
        case = FeeCase(office_id=facility.office_id, facility=facility, household=household, child=child,
                       file_number=f"51-B-2024-{number:05d}", cash_reference=f"5.99.{number:07d}", care_kind="kita",
                       weekly_hours=(25, 35, 45)[number % 3], start_date=START, status="reminded",
                       declaration_due=START, reminder_due=START + timedelta(days=14), statute_id=seed.DEMO_STATUTE)
        case.care_periods.append(CarePeriod(valid_from=START, weekly_hours=case.weekly_hours))
        session.add_all([case, CaseEvent(case=case, role="facility", trigger="report", to_state="reminded")])
        session.flush()
        decide(session, case, SYSTEM, Decision("expire_declaration", True, highest_reason=DECLARATION_MISSING),
               TODAY)
        if number % 200 == 199:
            UnitOfWork(session, TODAY).commit()
    UnitOfWork(session, TODAY).commit()


def memory_mb(pid: int, field: str) -> float:
    """Return a process's resident (``Rss``) or proportional (``Pss``: shared pages split) memory in MB."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            line = next(line for line in rollup if line.startswith(f"{field}:"))
    except (OSError, StopIteration):
        return 0.0
    return int(line.split()[1]) / 1024


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found + [grandchild for child in found for grandchild in children_of(child)]


class MemoryWatch(threading.Thread):
    """Sample the memory of this process and its children until stopped: the largest resident set of the batch
    process and of any worker, and the peak of all of them together counted proportionally (pages that
    forked processes share are split between them, not counted once per process)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.main = self.worker = self.total = 0.0
        self.running = True

    def run(self) -> None:
        me = os.getpid()
        while self.running:
            children = children_of(me)
            self.main = max(self.main, memory_mb(me, "Rss"))
            self.worker = max([self.worker, *(memory_mb(child, "Rss") for child in children)])
            self.total = max(self.total, sum(memory_mb(pid, "Pss") for pid in (me, *children)))
            time.sleep(0.05)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        db.upgrade(url)
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TODAY": TODAY.isoformat()})
        sessions = app.extensions["db_sessions"]
        with app.app_context():
            seed.seed_demo(db.session(), app.config["PUBLIC_URL"], TODAY)
            started = time.perf_counter()
            make_cases(db.session(), count)
            print(f"{count} decided cases in {time.perf_counter() - started:.1f} s; rendering with {workers} workers")
        watch = MemoryWatch()
        watch.start()
        started = time.perf_counter()
        outcome = issue_due(sessions, Selection(1), TODAY, Path(folder) / "druck", workers)
        seconds = time.perf_counter() - started
        watch.running = False
        watch.join()
        size = outcome.print_file.stat().st_size / 1e6 if outcome.print_file else 0
        rate = outcome.issued / seconds
        print(f"issued {outcome.issued} notices, {outcome.facility_letters} facility letters, print file "
              f"{size:.0f} MB, in {seconds:.1f} s")
        verdict = "met" if rate >= TARGET_RATE else "MISSED"
        print(f"rate: {rate:.1f} notices/s (target >= {TARGET_RATE:.0f}) -> {verdict}")
        print(f"peak memory: batch process {watch.main:.0f} MB, largest worker {watch.worker:.0f} MB (resident); "
              f"all processes together {watch.total:.0f} MB (proportional) "
              f"(target < {TARGET_MB}) -> {'met' if watch.total < TARGET_MB else 'MISSED'}")
        app.extensions["db_engine"].dispose()


if __name__ == "__main__":
    main()

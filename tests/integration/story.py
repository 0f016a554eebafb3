"""A small driver for the workflow's paths: the facility and the parents act in the browser, the clerk and the
jobs through the services, each on a day of our choosing."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from elternbeitraege import db
from elternbeitraege.models import AssessmentRecord, Document, FeeCase, User
from elternbeitraege.services.cases import jobs
from elternbeitraege.services.kernel.actor import Actor
from elternbeitraege.services.kernel.uow import UnitOfWork
from tests.conftest import TODAY
from tests.helpers import access_code_in
from tests.web.steps import clerk_actor, declare_income, document_bytes, register, report

FACILITY = "kita-sonnenblume@musterstadt.example"
PUBLIC_URL = "http://localhost"


class Story:
    def __init__(self, app, login) -> None:
        self.app = app
        self.facility = login(app.test_client(), FACILITY)
        self.parents: dict[int, object] = {}

    def report(self, **changes) -> int:
        """Report an admission (Lena, born 15.3.2024, 35 hours from 1.8.2025 unless changed); return the case id."""
        return report(self.facility, **changes).id

    def parent(self, case_id: int, email: str | None = None):
        if case_id not in self.parents:
            client = self.app.test_client()
            code = access_code_in(document_bytes(self.app, case_id, "invitation"))
            assert register(client, code, email or f"eltern{case_id}@beispiel.example").status_code == 302
            self.parents[case_id] = client
        return self.parents[case_id]

    def declare_and_submit(self, case_id: int, employment: str = "52.000,00") -> None:
        client = self.parent(case_id)
        declare_income(client, case_id, employment)
        assert client.post(f"/eltern/faelle/{case_id}/erklaerung/pruefen").status_code == 302

    def act(self, service, *args, actor: Actor | None = None, today: date = TODAY, public_url: str = PUBLIC_URL,
            **kwargs):
        """Call a service as the clerk (or the given actor) in a unit of work of ``today``."""
        with self.app.app_context():
            session = db.session()
            return service(UnitOfWork(session, today, public_url), actor or self.clerk(session), *args, **kwargs)

    def on(self, case_id: int, service, *args, actor: Actor | None = None, **kwargs):
        """Call a case service (case id and version first) as the clerk or the given actor."""
        return self.act(service, case_id, self.case(case_id).version, *args, actor=actor, **kwargs)

    clerk = staticmethod(clerk_actor)

    def facility_actor(self) -> Actor:
        with self.app.app_context():
            return Actor.of(db.session().scalars(select(User).where(User.email == FACILITY)).one())

    def parent_actor(self, case_id: int) -> Actor:
        self.parent(case_id)
        with self.app.app_context():
            session = db.session()
            case = session.get(FeeCase, case_id)
            return Actor.of(session.scalars(select(User).where(User.household_id == case.household_id)).first())

    def case(self, case_id: int) -> FeeCase:
        with self.app.app_context():
            session = db.session()
            case = session.get(FeeCase, case_id)
            session.refresh(case)
            return case

    def status(self, case_id: int) -> str:
        return self.case(case_id).status

    def triggers(self, case_id: int) -> list[str]:
        with self.app.app_context():
            return [event.trigger for event in db.session().get(FeeCase, case_id).events]

    def documents(self, case_id: int, kind: str) -> list[Document]:
        with self.app.app_context():
            session = db.session()
            found = list(session.scalars(select(Document).where(Document.case_id == case_id, Document.kind == kind)
                                         .order_by(Document.id)))
            for document in found:
                _ = document.content  # load the deferred bytes while the session is open
            return found

    def records(self, case_id: int) -> list[AssessmentRecord]:
        with self.app.app_context():
            return list(db.session().scalars(select(AssessmentRecord).where(AssessmentRecord.case_id == case_id)
                                             .order_by(AssessmentRecord.id)))

    def run_due(self, day: date):
        with self.app.app_context():
            return jobs.run_due(self.app.extensions["db_sessions"], day, self.app.config["PUBLIC_URL"],
                                Path(self.app.config["PRINT_DIR"]))

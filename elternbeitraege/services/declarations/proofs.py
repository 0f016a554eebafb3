"""Proofs the parents upload: checked by content in a bounded process, limited per case, kept in the database,
shown only to those allowed, offered under a name that fits their type."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import files
from ...files import EXTENSIONS, SAME_EXTENSIONS, media_type_of
from ...models import Proof
from ..kernel.actor import Actor
from ..kernel.errors import InvalidInput, NotFound
from ..kernel.labels import file_size
from ..kernel.uow import UnitOfWork
from .answers import editable, writing

log = logging.getLogger(__name__)

__all__ = ["EXTENSIONS", "ProofLimits", "add_proof", "download", "media_type_of",
           "remove_proof", "stored_name", "upload_problem"]

NAME_LENGTH = 200
AGAIN = "Speichern Sie die Datei neu, zum Beispiel mit „Drucken als PDF“, oder laden Sie einen Scan oder ein Foto hoch."
PDF_PROBLEMS = {
    files.BROKEN: "Die PDF-Datei ist beschädigt und kann nicht geöffnet werden. Wählen Sie eine andere Datei aus.",
    files.ENCRYPTED: "Die PDF-Datei ist mit einem Passwort geschützt. Laden Sie eine Datei ohne Passwort hoch.",
    files.ACTIVE: "Die PDF-Datei enthält Programmcode, Formular-Aktionen oder angehängte Dateien, die wir aus "
                  "Sicherheitsgründen nicht annehmen. " + AGAIN,
    files.EXTRA: "Die PDF-Datei enthält außer dem Dokument noch andere Daten. " + AGAIN,
}
IMAGE_PROBLEMS = {
    files.BROKEN: "Das Bild ist beschädigt und kann nicht geöffnet werden. Wählen Sie eine andere Datei aus.",
    files.EXTRA: "Die Bilddatei enthält außer dem Bild noch andere Daten. Speichern Sie das Bild neu, zum Beispiel "
                 "als Bildschirmfoto, oder laden Sie ein PDF hoch.",
}
PROBLEMS = {
    files.EMPTY: "Die ausgewählte Datei ist leer. Wählen Sie eine andere Datei aus.",
    files.TYPE: "Die Datei muss ein PDF, JPG oder PNG sein.",
    files.COMPLEX: "Die Datei ist so aufwendig aufgebaut, dass wir sie nicht prüfen können. " + AGAIN,
    files.UNAVAILABLE: "Die Datei kann gerade nicht geprüft werden. Versuchen Sie es in einigen Minuten noch einmal.",
}


@dataclass(frozen=True)
class ProofLimits:
    """How large one proof may be, how many and how large all proofs of a case, how a file is checked."""

    max_bytes: int = 10 * 1024 * 1024
    max_count: int = 30
    max_total_bytes: int = 50 * 1024 * 1024
    bounds: files.Bounds = field(default_factory=files.Bounds)

    @classmethod
    def of(cls, settings: Mapping) -> ProofLimits:
        """Return the limits the app's settings give."""
        return cls(settings["MAX_UPLOAD_BYTES"], settings["MAX_PROOFS_PER_CASE"], settings["MAX_PROOF_BYTES_PER_CASE"],
                   files.bounds_from(settings))

    def hint(self) -> str:
        """Say before the upload what is allowed."""
        return (f"PDF, JPG oder PNG, höchstens {file_size(self.max_bytes)} je Datei. Sie können bis zu "
                f"{self.max_count} Dateien mit zusammen höchstens {file_size(self.max_total_bytes)} hochladen. "
                "Dokumente mit Passwort können wir nicht öffnen.")

    def usage(self, proofs: Iterable[Proof]) -> str:
        """Say how much of the limits the proofs already take."""
        proofs = list(proofs)
        return (f"Hochgeladen: {len(proofs)} von {self.max_count} Dateien, zusammen "
                f"{file_size(sum(proof.size for proof in proofs))} von {file_size(self.max_total_bytes)}.")


def upload_problem(content: bytes, max_bytes: int, bounds: files.Bounds = files.Bounds()) -> str | None:
    """Return what is wrong with an upload, in words the parent can act on, or None."""
    return _checked(content, max_bytes, bounds)[0]


def _checked(content: bytes, max_bytes: int, bounds: files.Bounds) -> tuple[str | None, files.Verdict | None]:
    """Return the problem (or None) and the verdict of the check (None when the size alone refuses)."""
    if len(content) > max_bytes:
        return f"Die Datei ist größer als {file_size(max_bytes)}. Wählen Sie eine kleinere Datei aus.", None
    verdict = files.check(content, bounds)
    return (None if verdict.ok else _message(verdict, bounds)), verdict


def _message(verdict: files.Verdict, bounds: files.Bounds) -> str:
    if verdict.problem == files.PIXELS:
        width, height = (f"{side:,}".replace(",", ".") for side in (verdict.width, verdict.height))
        return (f"Das Bild hat {width} × {height} Bildpunkte, erlaubt sind höchstens "
                f"{_millions(bounds.max_pixels)} Millionen. Verkleinern Sie das Bild oder fotografieren Sie das "
                "Dokument mit geringerer Auflösung und laden Sie es erneut hoch.")
    by_type = PDF_PROBLEMS if verdict.media_type == files.PDF else IMAGE_PROBLEMS
    return by_type.get(verdict.problem) or PROBLEMS.get(verdict.problem) or PDF_PROBLEMS[files.BROKEN]


def _millions(number: int) -> str:
    return f"{number / 1_000_000:.1f}".removesuffix(".0").replace(".", ",")


def add_proof(uow: UnitOfWork, actor: Actor, case_id: int, kind: str, filename: str, content: bytes,
              limits: ProofLimits) -> Proof:
    """Store an upload after checking its content and the case's room; the name gets the type's extension."""
    session = uow.session
    case, _declaration = editable(session, actor, case_id)
    verdict = None
    problem = _room_problem(session, case.id, len(content), limits)  # before the check: it costs a process
    if problem is None:
        problem, verdict = _checked(content, limits.max_bytes, limits.bounds)
    if problem:
        uow.rollback()
        raise InvalidInput({"file": problem})
    with writing(uow, actor, case_id) as (case, _declaration):
        # Counted again as part of the write: two uploads at once both move the case's version on, so the
        # later one is refused as changed meanwhile and cannot take a place the first took.
        problem = _room_problem(session, case.id, len(content), limits)
        if problem:
            raise InvalidInput({"file": problem})
        proof = Proof(case_id=case.id, kind=kind, original_name=stored_name(filename, verdict.media_type),
                      media_type=verdict.media_type, size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                      content=content, uploaded_by_id=actor.user_id)
        session.add(proof)
    log.info("proof %s added to case %s", proof.id, case.id)
    return proof


def _room_problem(session: Session, case_id: int, size: int, limits: ProofLimits) -> str | None:
    """Say what to do when the case has no room for one more proof of ``size`` bytes."""
    count, total = session.execute(select(func.count(Proof.id), func.coalesce(func.sum(Proof.size), 0))
                                   .where(Proof.case_id == case_id)).one()
    if count >= limits.max_count:
        return (f"Sie haben schon {count} Nachweise hochgeladen, mehr als {limits.max_count} sind nicht möglich. "
                "Entfernen Sie zuerst einen Nachweis, den das Jugendamt nicht braucht, oder fassen Sie mehrere "
                "Seiten in einer PDF-Datei zusammen.")
    if total + size > limits.max_total_bytes:
        return (f"Alle Nachweise zusammen dürfen höchstens {file_size(limits.max_total_bytes)} groß sein. "
                f"Hochgeladen sind schon {file_size(total)}, diese Datei hat {file_size(size)}. Entfernen Sie zuerst "
                "einen Nachweis oder laden Sie eine kleinere Datei hoch, zum Beispiel einen Scan mit geringerer "
                "Auflösung.")
    return None


def remove_proof(uow: UnitOfWork, actor: Actor, case_id: int, proof_id: int) -> None:
    """Delete one of the case's proofs while the declaration is still open."""
    session = uow.session
    with writing(uow, actor, case_id) as (case, _declaration):
        proof = session.scalars(select(Proof).where(Proof.id == proof_id, Proof.case_id == case.id)).first()
        if proof is None:
            raise NotFound(proof_id)
        session.delete(proof)


def stored_name(filename: str, media_type: str) -> str:
    """Return the name to keep and offer: the uploaded one without folders and control characters, its
    extension that of the type found (``evil.html`` holding a JPEG becomes ``evil.jpg``)."""
    name = "".join(char for char in filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] if char.isprintable())
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if extension.lower() not in SAME_EXTENSIONS[media_type]:
        extension = EXTENSIONS[media_type]
    stem = stem.strip(" .") or "Nachweis"
    return f"{stem[:NAME_LENGTH - len(extension) - 1]}.{extension}"


def download(proof: Proof) -> tuple[str, str]:
    """Return the name and media type to offer a stored proof under, both from its content (older proofs were
    stored under the name they came with)."""
    media_type = media_type_of(proof.content)
    if media_type is None:  # never stored so; offered as bytes to save, never to show
        return "Nachweis.bin", "application/octet-stream"
    return stored_name(proof.original_name, media_type), media_type

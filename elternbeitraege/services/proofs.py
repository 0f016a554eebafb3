"""Proofs the parents upload: checked by content and size, kept in the database, shown only to those allowed."""
from __future__ import annotations

import hashlib
import io
import logging

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Proof
from .actor import Actor
from .declarations import editable
from .errors import InvalidInput, NotFound

log = logging.getLogger(__name__)

SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def media_type_of(content: bytes) -> str | None:
    """Return the media type the content really has (PDF, JPEG, PNG), or None."""
    return next((kind for magic, kind in SIGNATURES.items() if content.startswith(magic)), None)


def upload_problem(content: bytes, max_bytes: int) -> str | None:
    """Return what is wrong with an upload, in words the parent can act on, or None."""
    if not content:
        return "Die ausgewählte Datei ist leer. Wählen Sie eine andere Datei aus."
    if len(content) > max_bytes:
        return f"Die Datei ist größer als {megabytes(max_bytes)}. Wählen Sie eine kleinere Datei aus."
    media_type = media_type_of(content)
    if media_type is None:
        return "Die Datei muss ein PDF, JPG oder PNG sein."
    if media_type == "application/pdf":
        return _pdf_problem(content)
    return None


def megabytes(size: int) -> str:
    """Write a size limit in megabytes the German way: ``10 MB``, ``0,5 MB``."""
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0").replace(".", ",") + " MB"


def _pdf_problem(content: bytes) -> str | None:
    try:
        reader = PdfReader(io.BytesIO(content))
        # an owner password only restricts printing or copying; the clerk can still open the file
        if reader.is_encrypted and not reader.decrypt(""):
            return "Die PDF-Datei ist mit einem Passwort geschützt. Laden Sie eine Datei ohne Passwort hoch."
    except (PdfReadError, DependencyError, ValueError, KeyError, TypeError, OSError):
        return "Die PDF-Datei ist beschädigt und kann nicht geöffnet werden. Wählen Sie eine andere Datei aus."
    return None


def add_proof(session: Session, actor: Actor, case_id: int, kind: str, filename: str, content: bytes,
              max_bytes: int) -> Proof:
    """Store an upload after checking its content; the original name is kept for display only."""
    case, _declaration = editable(session, actor, case_id)
    problem = upload_problem(content, max_bytes)
    if problem:
        raise InvalidInput({"file": problem})
    media_type = media_type_of(content)
    proof = Proof(case_id=case.id, kind=kind, original_name=_display_name(filename, media_type),
                  media_type=media_type, size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                  content=content, uploaded_by_id=actor.user_id)
    session.add(proof)
    session.commit()
    log.info("proof %s added to case %s", proof.id, case.id)
    return proof


def remove_proof(session: Session, actor: Actor, case_id: int, proof_id: int) -> None:
    """Delete one of the case's proofs while the declaration is still open."""
    case, _declaration = editable(session, actor, case_id)
    proof = session.scalars(select(Proof).where(Proof.id == proof_id, Proof.case_id == case.id)).first()
    if proof is None:
        raise NotFound(proof_id)
    session.delete(proof)
    session.commit()


def _display_name(filename: str, media_type: str) -> str:
    name = "".join(char for char in filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] if char.isprintable())
    return (name or f"Nachweis.{EXTENSIONS[media_type]}")[:200]

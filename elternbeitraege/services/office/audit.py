"""The administration's record: every change to an office, a facility or an account, with before and after."""
from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy.orm import Session

from ...models import AuditEntry
from ..kernel.actor import Actor


def record(session: Session, actor: Actor, office_id: int | None, subject: str, subject_id: int, action: str,
           before: Mapping[str, object] | None = None, after: Mapping[str, object] | None = None) -> AuditEntry:
    """Add an entry for a change (the caller commits it with the change itself); values are kept as text."""
    before, after = before or {}, after or {}
    changed = {key for key in {*before, *after} if before.get(key) != after.get(key)}
    entry = AuditEntry(office_id=office_id, actor_id=actor.user_id, subject=subject, subject_id=subject_id,
                       action=action, before=_text({key: before[key] for key in changed if key in before}),
                       after=_text({key: after[key] for key in changed if key in after}))
    session.add(entry)
    return entry


def _text(values: Mapping[str, object]) -> str:
    return json.dumps({key: None if value is None else str(value) for key, value in sorted(values.items())},
                      ensure_ascii=False)

"""Who acts: the plain facts about a signed-in user that services need to scope and record."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    role: str  # parent, clerk, admin, facility, system
    office_id: int | None = None
    facility_id: int | None = None
    household_id: int | None = None

    @classmethod
    def of(cls, user) -> Actor:
        """Return the actor for a user row."""
        return cls(user.id, user.role, user.office_id, user.facility_id, user.household_id)


SYSTEM = Actor(None, "system")

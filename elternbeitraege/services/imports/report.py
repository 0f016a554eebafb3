"""What a dry run or an import answers: problems by line and column, counts, conflicts."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ImportKind(StrEnum):
    """What a file holds."""

    FACILITIES = "facilities"
    CASES = "cases"


KIND_LABELS = {ImportKind.FACILITIES: "Einrichtungen", ImportKind.CASES: "Beitragsfälle"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: the line (1 is the header), the column's German name, what to do."""

    line: int
    column: str
    message: str


@dataclass
class Report:
    """The outcome of checking or importing one file."""

    kind: ImportKind
    rows: int = 0  # data rows read
    problems: list[Problem] = field(default_factory=list)
    new: int = 0  # rows that are (or would be) added
    unchanged: int = 0  # rows already imported exactly so
    conflicts: list[Problem] = field(default_factory=list)  # rows whose record differs from the file
    written: bool = False  # the real run stored the new rows
    letters_due: int = 0  # imported cases still waiting for their invitation letter

    MAX_PROBLEMS = 1000  # a file with more problems than this is reported only so far

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, line: int, column: str, message: str) -> None:
        """Note a problem (up to ``MAX_PROBLEMS``)."""
        if len(self.problems) < self.MAX_PROBLEMS:
            self.problems.append(Problem(line, column, message))

    @property
    def truncated(self) -> bool:
        return len(self.problems) >= self.MAX_PROBLEMS

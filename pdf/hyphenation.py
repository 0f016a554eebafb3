"""German hyphenation that reads both levels of the dictionary: joints of compounds first, then syllables.

WeasyPrint hyphenates with pyphen, and pyphen's German dictionaries (``hyph_de_DE.dic`` and its
copies for ``de``, ``de_AT`` and ``de_CH``, from LibreOffice) have two levels: a list of compounds
with their joints, and after ``NEXTLEVEL`` the syllable patterns. pyphen reads the file as one
level, so a syllable break may fall right beside a joint: the joint of "be|arbeitung" and the
syllable pattern ``a1r`` give "Bea-rbeitung". Read as the dictionary means it, a word is cut at
its joints, each part is hyphenated by the syllable patterns, and a syllable break keeps the
dictionary's ``COMPOUNDLEFTHYPHENMIN``/``COMPOUNDRIGHTHYPHENMIN`` letters away from a joint.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pyphen

NEXT_LEVEL = "NEXTLEVEL"
GERMAN = re.compile(r"de(_|$)", re.IGNORECASE)
_LIMIT = re.compile(r"^(COMPOUNDLEFTHYPHENMIN|COMPOUNDRIGHTHYPHENMIN)\s+(\d+)", re.MULTILINE)


@dataclass(frozen=True)
class _LevelText:
    """One level of a dictionary file, offered the way pyphen reads a file: the encoding on the first line."""

    encoding: str
    text: str

    def open(self, _mode: str) -> io.BytesIO:
        return io.BytesIO(f"{self.encoding}\n".encode("ascii"))

    def read_text(self, _encoding: str) -> str:
        return f"{self.encoding}\n{self.text}"


# Words of our letters that even both levels split wrongly, hyphenated by hand (like TeX's hyphenation list).
EXCEPTIONS = (
    "Ver-ar-bei-tung", "ver-ar-bei-ten", "ver-ar-bei-tet", "Zu-sam-men-ar-beit", "Brut-to-ar-beits-lohn",
    "Ge-samt-schuld-ner", "Ge-samt-schuld-nern", "Nach-weis-an-for-de-rung", "Ein-kom-mens-art",
    "Rück-fra-gen", "Rück-fra-ge", "rück-wir-kend", "Se-kun-där-ab-schrift",
)


def exception_positions(hyphenated: str) -> tuple[str, list[pyphen.DataInt]]:
    """Return a word hyphenated by hand without its hyphens, and where they were."""
    parts = hyphenated.lower().split("-")
    ends = [len("".join(parts[:index])) for index in range(1, len(parts))]
    return "".join(parts), [pyphen.DataInt(end) for end in ends]


class TwoLevelHyphDict(pyphen.HyphDict):  # type: ignore[misc]  # Pyphen ships no type hints
    """A dictionary of two levels, the joints of compounds and the syllables within each part, read when first used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cache = dict(exception_positions(word) for word in EXCEPTIONS)
        self.levels: tuple[pyphen.HyphDict | None, pyphen.HyphDict, int, int] | None = None

    def _levels(self) -> tuple[pyphen.HyphDict | None, pyphen.HyphDict, int, int]:
        if self.levels is None:
            with self.path.open("rb") as file:
                encoding = file.readline().decode().strip()
            first, _, second = self.path.read_text(encoding).partition(f"\n{NEXT_LEVEL}\n")
            limits = dict(_LIMIT.findall(first))
            if second:
                levels = (pyphen.HyphDict(_LevelText(encoding, first.partition("\n")[2])),
                          pyphen.HyphDict(_LevelText(encoding, second)))
            else:  # a dictionary of one level: syllables only
                levels = (None, pyphen.HyphDict(self.path))
            self.levels = (*levels, int(limits.get("COMPOUNDLEFTHYPHENMIN", 2)),
                           int(limits.get("COMPOUNDRIGHTHYPHENMIN", 2)))
        return self.levels

    def positions(self, word: str) -> list[pyphen.DataInt]:
        """Return where the word may be hyphenated: its joints, and syllable breaks not too close to a joint."""
        word = word.lower()
        points = self.cache.get(word)
        if points is None:
            points = self.cache[word] = self._positions(word)
        return points

    def _positions(self, word: str) -> list[pyphen.DataInt]:
        joint_level, syllable_level, left, right = self._levels()
        found = joint_level.positions(word) if joint_level is not None else []
        joints = [int(point) for point in found if 0 < point < len(word)]
        points = [pyphen.DataInt(joint) for joint in joints]
        for start, end in zip([0, *joints], [*joints, len(word)], strict=True):
            low = start + (left if start else 0)
            high = end - (right if end < len(word) else 0)
            points += [pyphen.DataInt(start + point, reference=point)
                       for point in syllable_level.positions(word[start:end]) if low <= start + point <= high]
        return sorted(set(points), key=int)


def install_german() -> None:
    """Make pyphen, and so WeasyPrint, hyphenate German with both levels of its dictionaries."""
    for name, path in pyphen.LANGUAGES.items():
        if GERMAN.match(name) and not isinstance(pyphen.hdcache.get(path), TwoLevelHyphDict):
            pyphen.hdcache[path] = TwoLevelHyphDict(path)

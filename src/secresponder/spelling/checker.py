"""The spell checker: a Hunspell en_GB dictionary read by spylls, the SEC's own words, and the
user's personal word list.

Why these: spylls is a complete Hunspell implementation in pure Python (the same
affix rules and suggestions as Hunspell, the checker of LibreOffice and Firefox), so
it installs with pip on a locked-down Windows laptop without a compiler, a system
library or admin rights. The en_GB dictionary (LibreOffice's, LGPL) ships inside the
package, so nothing has to be found on the computer; a Hunspell en_GB found on the
computer is used only when the shipped copy is missing.

Checking is per word with a cache: a word is looked up once, so re-checking a long
paragraph on each keystroke costs a dictionary read of the words seen so far.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from secresponder.bundled import resource_path
from secresponder.fileio import atomic_write_bytes
from secresponder.paths import APP_NAME
from secresponder.spelling.sec_terms import SEC_TERMS

LANGUAGE = "en_GB"
PERSONAL_NAME = "words-en_GB.txt"
# Letters with inner apostrophes or hyphens ("don't", "well-known"); digits make a token a
# reference or a number (MP231, SMETS2), which is not checked.
_WORD = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)
_MAX_WORD = 60


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, length, word) of each word worth checking in ``text``."""
    for match in _WORD.finditer(text):
        word = match.group()
        if any(ch.isdigit() or ch == "_" for ch in word) or len(word) > _MAX_WORD:
            continue
        yield match.start(), len(word), word


def dictionary_candidates() -> list[Path]:
    """Where an en_GB Hunspell dictionary may be: the shipped copy first, then the computer's."""
    found = [resource_path("dictionaries", LANGUAGE)]
    home = Path.home()
    found += [
        Path("/usr/share/hunspell") / LANGUAGE,
        Path("/usr/share/myspell") / LANGUAGE,
        home / "Library" / "Spelling" / LANGUAGE,  # macOS: the user's own dictionaries
        Path("/Library/Spelling") / LANGUAGE,
    ]
    for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        base = os.environ.get(variable)
        if base:  # LibreOffice's own copy on Windows
            found.append(Path(base) / "LibreOffice" / "share" / "extensions" / "dict-en"
                         / LANGUAGE)
    return found


def find_dictionary() -> Path | None:
    """The first candidate with both its .dic and .aff (as a path without the suffix)."""
    for stem in dictionary_candidates():
        if stem.with_suffix(".dic").is_file() and stem.with_suffix(".aff").is_file():
            return stem
    return None


def personal_words_path() -> Path:
    """The user's own words, in their configuration folder (not the shared workspace)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / PERSONAL_NAME


class SpellChecker:
    """British English checking; ``load`` reads the dictionary (about a second: off the UI
    thread); until then every word counts as correct."""

    def __init__(self, personal_path: Path | None = None) -> None:
        self.personal_path = personal_path or personal_words_path()
        self._dictionary = None
        self._cache: dict[str, bool] = {}
        self._extra = {w.casefold() for w in SEC_TERMS}
        self._personal: set[str] = set()
        self._lock = threading.Lock()
        self.problem = ""  # why checking is off, in one sentence, when it is

    @property
    def ready(self) -> bool:
        return self._dictionary is not None

    def load(self) -> bool:
        """Read the dictionary and the personal word list; False (with ``problem``) if none."""
        from spylls.hunspell import Dictionary

        stem = find_dictionary()
        if stem is None:
            self.problem = "No British English dictionary was found, so spelling is not checked."
            return False
        try:
            dictionary = Dictionary.from_files(str(stem))
        except Exception as exc:  # a damaged dictionary file must not stop the window
            self.problem = f"{stem}.dic could not be read ({exc}); spelling is not checked."
            return False
        self._personal = self._read_personal()
        with self._lock:
            self._dictionary = dictionary
            self._cache.clear()
        return True

    def _read_personal(self) -> set[str]:
        try:
            text = self.personal_path.read_text(encoding="utf-8")
        except OSError:
            return set()
        return {line.strip().casefold() for line in text.splitlines() if line.strip()}

    def is_correct(self, word: str) -> bool:
        known = self._cache.get(word)
        if known is not None:
            return known
        dictionary = self._dictionary
        if dictionary is None:
            return True
        folded = word.casefold()
        base = folded[:-2] if folded.endswith(("'s", "’s")) else folded  # the DCC's
        ok = (folded in self._extra or folded in self._personal
              or base in self._extra or base in self._personal
              or bool(dictionary.lookup(word))
              or bool(dictionary.lookup(word.replace("’", "'"))))
        self._cache[word] = ok
        return ok

    def misspelt(self, text: str) -> list[tuple[int, int, str]]:
        """The words of ``text`` not in the dictionary, with where they are."""
        if self._dictionary is None:
            return []
        check = self.is_correct
        return [(start, length, word) for start, length, word in words(text)
                if not check(word)]

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        dictionary = self._dictionary
        if dictionary is None:
            return []
        found: list[str] = []
        for suggestion in dictionary.suggest(word):
            if suggestion not in found:
                found.append(suggestion)
            if len(found) >= limit:
                break
        return found

    def add_word(self, word: str) -> None:
        """Know ``word`` from now on, here and in later runs (the user's own list)."""
        folded = word.casefold()
        self._personal.add(folded)
        self._cache.pop(word, None)
        self._cache = {w: ok for w, ok in self._cache.items() if w.casefold() != folded}
        words_sorted = sorted(self._personal)
        self.personal_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.personal_path, ("\n".join(words_sorted) + "\n").encode(),
                           overwrite=True)

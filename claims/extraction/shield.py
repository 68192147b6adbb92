"""Keep accented and mis-decoded words whole: combining marks and mojibake.

A name written with combining accents ("Jose\u0301", common in text from macOS) or
mis-decoded ("FranÃ§ois", where "§" is a byte of "ç" read as Latin-1) holds
characters that are not word characters, so every name pattern would cut the word
there. ``shield`` swaps each such character inside a word for a stand-in that is
a letter with no case (same length, so every offset stays valid), and
``unshield`` swaps them back in the strings the extractor returns.
"""

from __future__ import annotations

import re

# Inside a word: combining marks, C1 controls and the Latin-1 signs a mis-decoded
# UTF-8 byte becomes; not the no-break space, and not « », which are quote marks.
_BREAKERS = "".join(
    chr(code)
    for code in [*range(0x80, 0xC0), *range(0x300, 0x370)]
    if chr(code) not in "\xa0«»"
)
_RUN = re.compile(f"[{re.escape(_BREAKERS)}]+")
# Stand-ins: letters with no case, which a name test (isupper, istitle, lower)
# leaves alone, from a script news text does not use (Yi syllables).
_STAND_INS = "".join(chr(0xA000 + index) for index in range(len(_BREAKERS)))
_TO_STAND_IN = str.maketrans(_BREAKERS, _STAND_INS)
_FROM_STAND_IN = str.maketrans(_STAND_INS, _BREAKERS)
_USED = frozenset(_STAND_INS)
# Ã, Â; then grave, acute, circumflex, tilde, diaeresis, caron and cedilla.
_SIGNS = ("Ã", "Â", *"\u0300\u0301\u0302\u0303\u0308\u030c\u0327")


def shield(text: str) -> str | None:
    """Return ``text`` with its in-word breakers swapped, or None when it has none.

    None as well when the text already holds a stand-in, which could not then be
    told apart on the way back.
    """
    # A quick test first (a few substring searches): mojibake of Latin-1 letters
    # holds Ã or Â, and decomposed accents hold one of the common combining marks.
    if not any(mark in text for mark in _SIGNS):
        return None
    pieces: list[str] = []
    done = 0
    for run in _RUN.finditer(text):
        at = run.start()
        before = text[at - 1] if at else " "
        if before.isalnum() or before == "_":  # inside a word
            pieces += (text[done:at], run.group().translate(_TO_STAND_IN))
            done = run.end()
    if not pieces or not _USED.isdisjoint(text):
        return None
    pieces.append(text[done:])
    return "".join(pieces)


def unshield(value: str) -> str:
    """Return ``value`` with every stand-in swapped back."""
    return value.translate(_FROM_STAND_IN)

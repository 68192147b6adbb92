"""Speaker identity: the normalised key under which one person's claims gather."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")


def speaker_key(name: str | None) -> str:
    """Return the key of a speaker's name: accents, case and punctuation folded.

    "Matthew Miller", "MATTHEW  MILLER" and "Matthew Miller," share a key.
    """
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()[:200]

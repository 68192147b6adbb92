"""The ``Quote`` value the extractor returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

KINDS = ("direct", "partial", "split")


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quotation in an article and who said it.

    ``quote == text[start:end]`` and ``context == text[context_start:context_end]``;
    offsets are code points into the text given to ``extract``.
    """

    quote: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    role: str
    cue: str
    kind: str
    group: int
    context: str
    context_start: int
    context_end: int
    confidence: float
    # How the speaker was found: "post" (“…,” X said), "inverted" (“…,” said X),
    # "pre", "colon", "according", "intro" (the sentence before), "follow" (the
    # previous speaker goes on), "split", "continued", "transcript", "signature",
    # "subject", "possessive", "mixed", "final", "dash"; "" when nobody was found.
    attribution: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the quote as a JSON-ready dict."""
        return asdict(self)

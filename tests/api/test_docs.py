"""docs/api.md's five-line incremental sync, run as written against a live server."""

import re
from pathlib import Path
from typing import Any

from claims import services
from claims.models import Claim
from tests.factories import ClaimFactory

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def _sync_snippet() -> str:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Incremental sync in five lines", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_documented_sync_is_five_lines():
    code = [
        line
        for line in _sync_snippet().splitlines()
        if line.strip() and not line.startswith("import ")
    ]
    assert len(code) == 5, code


def test_the_documented_sync_sees_every_change_once(live_server, editor, raw_api_key):
    ClaimFactory.create_batch(3, rated=True, actor=editor)
    stored: dict[int, dict[str, Any]] = {}

    def store(rating: dict[str, Any]) -> None:
        if rating["withdrawn"]:
            stored.pop(rating["id"], None)
        else:
            stored[rating["id"]] = rating

    state: dict[str, str] = {}
    env = {"BASE": live_server.url, "KEY": raw_api_key, "state": state, "store": store}
    exec(_sync_snippet(), env)  # noqa: S102 - the documentation's own code
    assert len(stored) == 3

    first = Claim.objects.published().order_by("pk").first()
    services.correct_rating(
        first, actor=editor, verdict="true", summary="Yes.", note="n"
    )
    last = Claim.objects.published().order_by("pk").last()
    services.reopen_claim(last, actor=editor, note="Checking again")
    ClaimFactory.create_batch(2, rated=True, actor=editor)
    exec(_sync_snippet(), env)  # noqa: S102

    published = {c.pk: c for c in Claim.objects.published()}
    assert set(stored) == set(published)
    assert stored[first.pk]["rating"]["verdict"] == "true"
    assert all(stored[pk]["version"] == c.version for pk, c in published.items())

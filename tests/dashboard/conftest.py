"""Fixtures of the dashboard tests: a desk full of claims, some with hostile text."""

import hashlib

import pytest

from claims import services
from claims.models import Claim
from sources.models import Feed, Import, Source
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory, UserFactory

XSS_QUOTE = "<script>window.__xss=1</script> taxes doubled"
XSS_NAME = '"><img src=x onerror="window.__xss=2">Eve'
XSS_TITLE = "<script>window.__xss=3</script>Title \u202egnp.exe\u202c"
JS_URL = "javascript:window.__xss=4"


def page(client, url, status=200):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def hostile_source() -> Source:
    """Return an article whose title, URL and text try to become markup."""
    text = (
        f"Intro paragraph {Source.objects.count()}.\n"
        f"The minister said “{XSS_QUOTE}” at a briefing "
        f'and "><img src=x onerror=window.__xss=5> too.\n'
        "Last paragraph."
    )
    return SourceFactory(
        title=XSS_TITLE,
        url=JS_URL,
        canonical_url="",
        publisher='<b onmouseover="window.__xss=6">Pub</b>',
        text=text,
        content_sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def hostile_claim(*, rated: bool = False, actor=None) -> Claim:  # type: ignore[no-untyped-def]
    source = hostile_source()
    start = source.text.index(XSS_QUOTE)
    speaker = SpeakerFactory(name=XSS_NAME, key="eve-hostile", role="<i>role</i>")
    return ClaimFactory(
        source=source,
        speaker=speaker,
        quote=XSS_QUOTE,
        start=start,
        end=start + len(XSS_QUOTE),
        context=XSS_QUOTE,
        rated=rated,
        actor=actor,
    )


def make_desk(size: int, editor, reviewer) -> list[Claim]:  # type: ignore[no-untyped-def]
    """Create `size` claims in every status, assigned, with evidence and history."""
    claims = []
    for i in range(size):
        kind = i % 4
        claim = ClaimFactory(sourced=kind == 1, rated=kind == 2, actor=editor)
        if kind == 3:
            services.dismiss_claim(claim, actor=editor, reason="opinion")
        services.assign_claim(claim, actor=editor, assignee=reviewer)
        claims.append(claim)
    rated = [c for c in claims if c.status == Claim.Status.RATED]
    if rated:
        services.correct_rating(
            rated[0],
            actor=editor,
            verdict="false",
            summary="A corrected summary.",
            note="New figures",
        )
    for i in range(size):
        Import.objects.create(kind="text", state="done", source=claims[i].source)
        Feed.objects.create(
            url=f"https://feeds.example.org/{claims[i].pk}.xml", last_error="x"
        )
    return claims


@pytest.fixture
def desk_of():  # type: ignore[no-untyped-def]
    """Return a function that fills the desk with `size` claims."""

    def build(size: int):  # type: ignore[no-untyped-def]
        editor = UserFactory(username="ed", role="editor")
        reviewer = UserFactory(username="rev", role="reviewer")
        return make_desk(size, editor, reviewer)

    return build

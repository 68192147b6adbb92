"""Merging speakers: one person's claims under one name, now and in later imports."""

from typing import Any

import pytest
from django.urls import reverse

from claims import services, workflow
from claims.models import Claim, Speaker, SpeakerAlias
from claims.speakers import speaker_key
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def speaker(name: str) -> Speaker:
    return SpeakerFactory(name=name, key=speaker_key(name))


def test_merge_files_claims_under_the_name_kept_and_later_imports_follow(editor):
    keep, other = speaker("Dana Cole"), speaker("Dana M. Cole")
    own = ClaimFactory(speaker=keep)
    moving = [ClaimFactory(speaker=other), ClaimFactory(speaker=other, rated=True)]
    untouched = ClaimFactory()  # someone else's claim
    before = {c.pk: (c.version, c.updated_at) for c in Claim.objects.all()}

    assert services.merge_speakers(keep, [other], actor=editor) == 2

    after = {c.pk: c for c in Claim.objects.all()}
    assert {c.speaker_id for c in moving for c in [after[c.pk]]} == {keep.pk}
    for claim in moving:  # shown with a new name: the API copies change
        assert after[claim.pk].version == before[claim.pk][0]
        assert after[claim.pk].updated_at > before[claim.pk][1]
    for claim in (own, untouched):
        assert after[claim.pk].updated_at == before[claim.pk][1]
    assert not Speaker.objects.filter(pk=other.pk).exists()
    alias = SpeakerAlias.objects.get()
    assert (alias.key, alias.name, alias.speaker) == (other.key, "Dana M. Cole", keep)

    # An article that still writes the merged name files its claim under the kept one.
    source = SourceFactory(text="“Taxes will fall next year,” said Dana M. Cole.")
    assert services.extract_claims(source) == 1
    assert Claim.objects.get(source=source).speaker == keep
    assert Speaker.objects.filter(key=other.key).count() == 0


def test_a_second_merge_carries_the_first_ones_names(editor):
    first, second, third = (
        speaker("Tom Reyes"),
        speaker("Tom J. Reyes"),
        speaker("T. Reyes"),
    )
    ClaimFactory(speaker=first)
    services.merge_speakers(second, [first], actor=editor)
    services.merge_speakers(third, [second], actor=editor)
    assert dict(SpeakerAlias.objects.values_list("key", "speaker")) == {
        first.key: third.pk,
        second.key: third.pk,
    }
    assert Claim.objects.get().speaker == third
    source = SourceFactory(
        text="“We will win,” said Tom Reyes.\n\n“Soon,” said Tom J. Reyes."
    )
    services.extract_claims(source)
    assert {c.speaker for c in Claim.objects.filter(source=source)} == {third}


def test_merge_refusals_change_nothing(editor, reviewer):
    keep, other = speaker("Ann Lee"), speaker("Ann B. Lee")
    claim = ClaimFactory(speaker=other)
    with pytest.raises(workflow.NotPermitted, match="may not merge"):
        services.merge_speakers(keep, [other], actor=reviewer)
    with pytest.raises(workflow.InvalidTransition, match="at least one other"):
        services.merge_speakers(keep, [keep], actor=editor)
    gone = speaker("Ann Lee (gone)")
    Speaker.objects.filter(pk=gone.pk).delete()  # merged away in another tab
    with pytest.raises(workflow.StaleClaim, match="meanwhile"):
        services.merge_speakers(keep, [other, gone], actor=editor)
    claim.refresh_from_db()
    assert claim.speaker == other
    assert not SpeakerAlias.objects.exists()


def changelist() -> str:
    return reverse("admin:claims_speaker_changelist")


def select(*speakers: Speaker, **extra: Any) -> dict[str, Any]:
    return {
        "action": "merge_speakers",
        "_selected_action": [s.pk for s in speakers],
    } | extra


def test_admin_merge_asks_which_name_to_keep_then_merges(client, editor):
    big, small = speaker("Dana Cole"), speaker("Dana <b>M.</b> Cole")
    ClaimFactory.create_batch(2, speaker=big)
    ClaimFactory(speaker=small)
    client.force_login(editor)

    page = client.post(changelist(), select(big, small))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dana &lt;b&gt;M.&lt;/b&gt; Cole" in html and "<b>M.</b>" not in html
    # The speaker with most claims is offered first, and checked.
    assert html.index(f'value="{big.pk}" id="keep-{big.pk}" checked') < html.index(
        f'id="keep-{small.pk}"'
    )
    assert "1 claim(s) would move" in html
    assert not SpeakerAlias.objects.exists()  # asking changes nothing

    done = client.post(
        changelist(), select(big, small, confirm="yes", keep=big.pk), follow=True
    )
    assert [str(m) for m in done.context["messages"]] == [
        "Merged Dana <b>M.</b> Cole into Dana Cole: 1 claim(s) moved."
    ]
    assert "<b>M.</b>" not in done.content.decode()  # the message is escaped too
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Dana Cole"]
    assert Claim.objects.filter(speaker=big).count() == 3
    history = client.get(reverse("admin:claims_speaker_history", args=[big.pk]))
    assert "Merged Dana &lt;b&gt;M.&lt;/b&gt; Cole into it: 1 claim(s)." in (
        history.content.decode()
    )
    assert (
        client.get(reverse("admin:claims_speakeralias_changelist")).status_code == 200
    )


def test_admin_merge_needs_two_speakers_and_the_editor_role(client, editor, reviewer):
    one, two = speaker("Carl Woods"), speaker("Carl B. Woods")
    client.force_login(editor)
    alone = client.post(changelist(), select(one), follow=True)
    assert [str(m) for m in alone.context["messages"]] == [
        "Select two or more speakers to merge."
    ]
    client.force_login(reviewer)
    assert "merge_speakers" not in client.get(changelist()).content.decode()
    client.post(changelist(), select(one, two, confirm="yes", keep=one.pk))
    assert Speaker.objects.count() == 2


def test_the_ratings_feed_shows_moved_ratings_under_the_name_kept(
    client, editor, settings
):
    settings.FACTCHECK_FEED_SETTLE_SECONDS = 0
    keep, other = speaker("Lena Park"), speaker("Lena J. Park")
    rated = ClaimFactory(speaker=other, rated=True)
    services.merge_speakers(keep, [other], actor=editor)
    body = client.get(f"/api/v1/ratings/?speaker={keep.pk}").json()
    assert [(r["id"], r["speaker"]["name"]) for r in body["results"]] == [
        (rated.pk, "Lena Park")
    ]


def test_the_speaker_page_names_the_merged_spellings_and_old_links_follow(
    client, editor
):
    keep, other = speaker("Ann Lee"), speaker("Ann <i>B.</i> Lee")
    services.merge_speakers(keep, [other], actor=editor)
    client.force_login(editor)
    old = client.get(reverse("dashboard:speaker", args=[other.pk]))
    assert old.status_code == 301
    assert old["Location"] == reverse("dashboard:speaker", args=[keep.pk])
    page = client.get(old["Location"]).content.decode()
    assert "Also written as <bdi>Ann &lt;i&gt;B.&lt;/i&gt; Lee</bdi> (merged)" in page
    assert client.get(reverse("dashboard:speaker", args=[999999])).status_code == 404


@pytest.mark.django_db(transaction=True)  # the foreign key is checked at commit
def test_an_import_racing_a_merge_files_its_claim_under_the_name_kept(
    editor, monkeypatch
):
    keep, other = speaker("Dana Cole"), speaker("Dana M. Cole")
    looked_up = services._speakers_for

    def merged_right_after_the_look_up(quotes):  # type: ignore[no-untyped-def]
        found = looked_up(quotes)
        if Speaker.objects.filter(pk=other.pk).exists():
            services.merge_speakers(keep, [other], actor=editor)  # "another process"
        return found

    monkeypatch.setattr(services, "_speakers_for", merged_right_after_the_look_up)
    source = SourceFactory(text="“Taxes will fall next year,” said Dana M. Cole.")
    assert services.extract_claims(source) == 1
    assert Claim.objects.get(source=source).speaker == keep


def test_the_api_leads_a_merged_speakers_id_to_the_one_kept(client, editor):
    keep, other = speaker("Carl Woods"), speaker("Carl B. Woods")
    services.merge_speakers(keep, [other], actor=editor)
    client.force_login(editor)
    old = client.get(f"/api/v1/speakers/{other.pk}/?format=json")
    assert old.status_code == 301
    assert old["Location"] == f"/api/v1/speakers/{keep.pk}/?format=json"
    assert client.get(old["Location"]).json()["name"] == "Carl Woods"
    assert client.get("/api/v1/speakers/999999/").status_code == 404
    client.logout()  # no peeking at where a speaker went without the right
    assert client.get(f"/api/v1/speakers/{other.pk}/").status_code in (401, 403)

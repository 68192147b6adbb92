"""The reviewers' admin, driven through Django's test client on the real database."""

import re
from typing import Any

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services, tasks
from claims.admin.claim import quote_in_paragraph
from claims.models import Claim, ClaimAssignment, ClaimTransition, Evidence
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory, UserFactory

PASSWORD = "a-long-test-password"


def messages_of(response: Any) -> list[str]:
    """Return the messages a redirected POST left, as the next page shows them."""
    assert response.redirect_chain, "expected a redirect"
    return [str(m) for m in response.context["messages"]]


def post(client: Any, url: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(url, data or {}, follow=True)


def change_form_data(response: Any) -> dict[str, Any]:
    """Return the POST data of a change page as rendered: main form and inlines."""
    data: dict[str, Any] = {}

    def add(form: Any) -> None:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = getattr(value, "pk", value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, 0)
        for form in formset.initial_forms:
            add(form)
    return data


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def move_url(claim: Claim, slug: str) -> str:
    return reverse("admin:claims_claim_move", args=[claim.pk, slug])


# The whole walk ---------------------------------------------------------------


@pytest.mark.django_db
def test_admin_reviewer_filters_sources_a_claim_and_cannot_rate(
    client, postgres, mailoutbox, django_capture_on_commit_callbacks
):
    reviewer = UserFactory(username="rita", role="reviewer")
    editor = UserFactory(username="eddie", role="editor")
    article = SourceFactory(
        title="Budget debate",
        text="Opening.\nThe minister said “taxes fell by half” at the event.\nEnd.",
    )
    speaker = SpeakerFactory(name="Ann Minister", role="finance minister")
    start = article.text.index("taxes")
    claim = ClaimFactory(
        source=article,
        speaker=speaker,
        quote="taxes fell by half",
        start=start,
        end=start + len("taxes fell by half"),
    )
    other = ClaimFactory(quote="Unrelated claim about fishing quotas.")
    dismissed = ClaimFactory(quote="Taxes are too high, in my opinion.")
    services.dismiss_claim(dismissed, actor=editor, reason="opinion")

    assert client.login(username="rita", password=PASSWORD)

    # Filter: pending claims by this speaker, found by searching the quote.
    listing = client.get(
        reverse("admin:claims_claim_changelist"),
        {"status__exact": "pending", "speaker__id__exact": speaker.pk, "q": "taxes"},
    )
    assert listing.status_code == 200
    shown = list(listing.context["cl"].result_list)
    assert shown == [claim]
    assert other not in shown and dismissed not in shown
    by_source = client.get(
        reverse("admin:claims_claim_changelist"), {"q": "Budget debate"}
    )
    assert list(by_source.context["cl"].result_list) == [claim]

    # The claim page: the quote marked in its paragraph, speaker and role.
    page = client.get(change_url(claim))
    html = page.content.decode()
    assert "The minister said “<mark>taxes fell by half</mark>” at the event." in html
    assert "Ann Minister, finance minister" in html
    assert 'data-move="mark-sourced"' in html and 'data-move="rate"' not in html

    # Marking sourced without evidence is refused, with the reason.
    refused = post(client, move_url(claim, "mark-sourced"), {"version": claim.version})
    assert messages_of(refused) == [
        "Mark sourced: refused. Attach at least one piece of evidence first."
    ]

    # Attach evidence through the inline.
    data = change_form_data(page)
    data.update(
        {
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-url": "https://stats.example.org/revenue",
            "evidence-0-excerpt": "Revenue fell 3 percent.",
            "evidence-0-stance": "refutes",
            "evidence-0-claim": claim.pk,
        }
    )
    saved = post(client, change_url(claim), data)
    assert saved.redirect_chain, saved.context["errors"]
    assert messages_of(saved)[0].endswith("was changed successfully.")
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.url, evidence.stance, evidence.added_by) == (
        "https://stats.example.org/revenue",
        "refutes",
        reviewer,
    )

    # Mark sourced with the button.
    done = post(client, move_url(claim, "mark-sourced"), {"version": claim.version})
    assert messages_of(done) == ["Claim marked sourced."]
    claim.refresh_from_db()
    assert claim.status == "sourced"
    row = ClaimTransition.objects.get(claim=claim)
    assert (row.action, row.actor) == ("claim.mark_sourced", reviewer)

    # Rating as a reviewer is refused with a message; nothing changes.
    rate = post(
        client,
        move_url(claim, "rate"),
        {"version": claim.version, "verdict": "false", "summary": "It did not."},
    )
    assert messages_of(rate) == ["Rate: refused. You may not rate claims."]
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == ("sourced", "")
    assert ClaimTransition.objects.filter(claim=claim).count() == 1

    # An editor assigns the next claim to the reviewer: she gets an email.
    client.logout()
    assert client.login(username="eddie", password=PASSWORD)
    with django_capture_on_commit_callbacks() as kicks:
        assigned = post(
            client,
            move_url(other, "assign"),
            {"version": other.version, "assignee": reviewer.pk},
        )
    assert messages_of(assigned) == ["Claim assigned to rita."]
    assert kicks and mailoutbox == []  # the commit only kicks the dispatcher
    tasks.dispatch_events()  # what the worker runs for the kick
    assert [m.to for m in mailoutbox] == [[reviewer.email]]
    assert f"Claim #{other.pk} assigned to you" in mailoutbox[0].subject
    assert ClaimAssignment.objects.get(claim=other).assigned_by == editor

    # Back as the reviewer: "assigned to me" finds it.
    client.logout()
    assert client.login(username="rita", password=PASSWORD)
    mine = client.get(reverse("admin:claims_claim_changelist"), {"assigned": "me"})
    assert list(mine.context["cl"].result_list) == [other]


@pytest.mark.django_db
def test_admin_editor_rates_and_corrects_from_the_claim_page(client, editor):
    claim = ClaimFactory(sourced=True, actor=editor)
    client.force_login(editor)
    html = client.get(change_url(claim)).content.decode()
    assert 'data-move="rate"' in html and 'data-move="send-back"' in html
    missing = post(client, move_url(claim, "rate"), {"version": claim.version})
    assert messages_of(missing) == ["Rate: refused. A verdict is required."]
    rated = post(
        client,
        move_url(claim, "rate"),
        {"version": claim.version, "verdict": "false", "summary": "Wrong."},
    )
    assert messages_of(rated) == ["Claim rated and published."]
    claim.refresh_from_db()
    corrected = post(
        client,
        move_url(claim, "correct"),
        {
            "version": claim.version,
            "verdict": "half_true",
            "summary": "Partly.",
            "note": "New figures.",
        },
    )
    assert messages_of(corrected)[0].startswith("Rating corrected")
    assert list(claim.revisions.values_list("verdict", flat=True)) == [
        "false",
        "half_true",
    ]


@pytest.mark.django_db
def test_admin_move_from_a_stale_page_is_refused(client, editor):
    claim = ClaimFactory(rated=True, actor=editor)
    client.force_login(editor)
    seen = claim.version
    services.correct_rating(
        claim, actor=editor, verdict="true", summary="Right after all.", note="Data"
    )
    stale = post(
        client,
        move_url(claim, "correct"),
        {"version": seen, "verdict": "false", "summary": "No.", "note": "Oops"},
    )
    assert messages_of(stale) == [
        "Correct the rating: refused. The claim was changed by someone else; "
        "reload and retry."
    ]
    assert Claim.objects.get(pk=claim.pk).verdict == "true"


@pytest.mark.django_db
def test_admin_move_needs_post_and_a_known_move(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    assert client.get(move_url(claim, "mark-sourced")).status_code == 405
    assert client.post(move_url(claim, "publish")).status_code == 404
    client.logout()
    anonymous = client.post(move_url(claim, "dismiss"), {"reason": "opinion"})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert Claim.objects.get(pk=claim.pk).status == "pending"


@pytest.mark.django_db
def test_admin_saving_a_claim_writes_only_the_edited_fields(rf, editor):
    """A form built on a copy loaded before a move must not write the move back."""
    claim = ClaimFactory(sourced=True, actor=editor)
    loaded = Claim.objects.get(pk=claim.pk)
    services.send_back_claim(claim, actor=editor, note="The source is a blog.")
    model_admin = admin.site._registry[Claim]
    request = rf.post("/")
    request.user = editor
    form_class = model_admin.get_form(request, loaded, change=True)
    form = form_class(
        data={"speaker": loaded.speaker_id, "speaker_role": "mayor of Springfield"},
        instance=loaded,
    )
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.version) == ("pending", claim.version)
    assert stored.speaker_role == "mayor of Springfield"
    assert ClaimTransition.objects.filter(claim=claim).count() == 2


# The list ---------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_list_counts_statuses_and_puts_the_oldest_pending_first(client, editor):
    old, new = ClaimFactory(), ClaimFactory()
    sourced = ClaimFactory(sourced=True, actor=editor)
    Claim.objects.filter(pk=new.pk).update(created_at=old.created_at.replace(year=2030))
    Claim.objects.filter(pk=sourced.pk).update(
        created_at=old.created_at.replace(year=2000)
    )
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert list(response.context["cl"].result_list) == [old, new, sourced]
    html = re.sub(r"\s+", " ", response.content.decode())
    assert '<a href="?status__exact=pending"><strong>2</strong> pending</a>' in html
    assert '<a href="?status__exact=sourced"><strong>1</strong> sourced</a>' in html
    assert "<strong>0</strong> rated" in html


@pytest.mark.django_db
def test_admin_list_filters_claims_by_how_sure_the_speaker_is(client, reviewer):
    sure = ClaimFactory(confidence=0.98)
    likely = ClaimFactory(confidence=0.9)
    check = ClaimFactory(confidence=0.84)
    unnamed = ClaimFactory(confidence=0.45)
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_changelist")
    shown = {
        band: set(
            client.get(url, {"speaker_confidence": band}).context["cl"].result_list
        )
        for band in ("sure", "likely", "check")
    }
    assert shown == {"sure": {sure}, "likely": {likely}, "check": {check, unnamed}}
    html = client.get(url).content.decode()
    assert "Check the speaker (under 85%)" in html


@pytest.mark.django_db
def test_admin_actions_move_many_claims_and_report_each_refusal(client, reviewer):
    ready = ClaimFactory()
    services.attach_evidence(ready, actor=reviewer, excerpt="Table 2.")
    bare = ClaimFactory()
    client.force_login(reviewer)
    url = reverse("admin:claims_claim_changelist")
    response = post(
        client, url, {"action": "mark_sourced", "_selected_action": [ready.pk, bare.pk]}
    )
    assert messages_of(response) == [
        "1 claim(s) marked sourced.",
        f"Not changed: claim #{bare.pk}: attach at least one piece of evidence first",
    ]
    no_reason = post(client, url, {"action": "dismiss", "_selected_action": [bare.pk]})
    assert "a reason is required" in messages_of(no_reason)[0]
    dismissed = post(
        client,
        url,
        {"action": "dismiss", "_selected_action": [bare.pk], "reason": "duplicate"},
    )
    assert messages_of(dismissed) == ["1 claim(s) dismissed."]
    assert Claim.objects.get(pk=bare.pk).dismiss_reason == "duplicate"
    mine = post(client, url, {"action": "assign_to_me", "_selected_action": [ready.pk]})
    assert messages_of(mine) == ["1 claim(s) assigned to you."]
    assert Claim.objects.get(pk=ready.pk).assignee == reviewer


@pytest.mark.django_db
def test_admin_actions_are_offered_by_role(client, reviewer):
    ClaimFactory()
    client.force_login(UserFactory(username="viewer", is_staff=True))
    assert client.get(reverse("admin:claims_claim_changelist")).status_code == 403
    client.force_login(reviewer)
    response = client.get(reverse("admin:claims_claim_changelist"))
    actions = {
        name for name, _ in response.context["action_form"].fields["action"].choices
    }
    assert actions == {"", "mark_sourced", "send_back", "dismiss", "assign_to_me"}


# The quote in context ---------------------------------------------------------


def test_admin_quote_in_paragraph_escapes_and_marks_only_the_quote():
    text = "First.\n<b>Bold</b> he said “<script>x()</script>” & left.\nLast."
    start = text.index("<script>")
    end = text.index("”")
    html = str(quote_in_paragraph(text, start, end, "ignored"))
    assert (
        "&lt;b&gt;Bold&lt;/b&gt; he said "
        "“<mark>&lt;script&gt;x()&lt;/script&gt;</mark>”" in html
    )
    assert "&amp; left." in html and "First." not in html and "Last." not in html
    assert "<script>" not in html and "<b>" not in html


def test_admin_quote_in_paragraph_cuts_long_paragraphs_and_bad_offsets():
    text = "a" * 5000 + "QUOTE" + "b" * 5000
    html = str(quote_in_paragraph(text, 5000, 5005, "QUOTE"))
    assert "<mark>QUOTE</mark>" in html and len(html) < 1500
    assert (
        str(quote_in_paragraph("short", 10, 20, "<i>q</i>"))
        == "<mark>&lt;i&gt;q&lt;/i&gt;</mark>"
    )


# History ----------------------------------------------------------------------

HISTORY = ["claimtransition", "ratingrevision", "claimassignment", "event", "evidence"]


@pytest.mark.django_db
def test_admin_allows_no_change_or_deletion_of_history(client, editor):
    claim = ClaimFactory(rated=True, actor=editor)
    services.assign_claim(claim, actor=editor, assignee=editor)
    superuser = UserFactory(username="root", is_superuser=True)
    client.force_login(superuser)
    objects = {
        "claimtransition": claim.transitions.first(),
        "ratingrevision": claim.revisions.first(),
        "claimassignment": claim.assignments.first(),
        "event": claim.events.first(),
        "evidence": claim.evidence.first(),
    }
    for name in HISTORY:
        pk = objects[name].pk
        changelist = client.get(reverse(f"admin:claims_{name}_changelist"))
        assert changelist.status_code == 200, name
        assert "delete_selected" not in changelist.content.decode(), name
        delete = reverse(f"admin:claims_{name}_delete", args=[pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403, name
        change = reverse(f"admin:claims_{name}_change", args=[pk])
        assert client.post(change, {}).status_code == 403, name
        assert client.get(reverse(f"admin:claims_{name}_add")).status_code == 403, name
    for model in ("claims_claim", "claims_speaker", "sources_source"):
        pk = {"claims_claim": claim.pk, "claims_speaker": claim.speaker_id}.get(
            model, claim.source_id
        )
        delete = reverse(f"admin:{model}_delete", args=[pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403, model
    assert claim.transitions.count() == 2 and claim.revisions.count() == 1


@pytest.mark.django_db
def test_admin_speaker_and_source_pages_list_their_claims(client, reviewer):
    speaker = SpeakerFactory(name="Bo Speaker")
    source = SourceFactory(title="The article")
    claims = [ClaimFactory(speaker=speaker, source=source) for _ in range(3)]
    client.force_login(reviewer)
    for url in (
        reverse("admin:claims_speaker_change", args=[speaker.pk]),
        reverse("admin:sources_source_change", args=[source.pk]),
    ):
        html = client.get(url).content.decode()
        for claim in claims:
            assert change_url(claim) in html
    listing = client.get(reverse("admin:claims_speaker_changelist")).content.decode()
    assert "Bo Speaker" in listing


# Query budgets ----------------------------------------------------------------


def fill_desk(n: int, editor: Any) -> dict[str, Any]:
    """Make n claims of one speaker and article with history; one has n of each."""
    speaker, source = SpeakerFactory(), SourceFactory()
    claims = []
    for i in range(n):
        claim = ClaimFactory(speaker=speaker, source=source, sourced=True, actor=editor)
        if i % 2:
            services.rate_claim(claim, actor=editor, verdict="false", summary="No.")
        services.assign_claim(claim, actor=editor, assignee=editor)
        claims.append(claim)
    busy = claims[0]
    for i in range(n):
        services.attach_evidence(busy, actor=editor, url=f"https://e.example.org/{i}")
        services.send_back_claim(busy, actor=editor, note=f"Round {i}")
        services.mark_claim_sourced(busy, actor=editor)
    return {"speaker": speaker, "source": source, "claim": busy, "claims": claims}


def pages(desk: dict[str, Any]) -> list[str]:
    claim = desk["claim"]
    return [
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_changelist")
        + "?status__exact=sourced&q=Unemployment",
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_speaker_changelist"),
        reverse("admin:claims_speaker_change", args=[desk["speaker"].pk]),
        reverse("admin:sources_source_changelist"),
        reverse("admin:sources_source_change", args=[desk["source"].pk]),
        reverse("admin:claims_claimtransition_changelist"),
        reverse("admin:claims_ratingrevision_changelist"),
        reverse("admin:claims_claimassignment_changelist"),
        reverse("admin:claims_event_changelist"),
        reverse("admin:claims_evidence_changelist"),
        reverse(
            "admin:claims_claimtransition_change", args=[claim.transitions.first().pk]
        ),
    ]


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_admin_pages_keep_a_fixed_number_of_queries(client, editor, postgres):
    client.force_login(editor)
    small, large = fill_desk(2, editor), fill_desk(12, editor)
    for url in pages(small):
        client.get(url)  # warm caches (content types, permissions)
    for few_url, many_url in zip(pages(small), pages(large), strict=True):
        few = count_queries(client, few_url)
        many = count_queries(client, many_url)
        assert few == many, f"{many_url}: {few} queries for 2 rows, {many} for 12"
        assert many <= 20, f"{many_url}: {many} queries"

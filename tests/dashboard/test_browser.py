"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

Runs against pytest-django's live server on PostgreSQL; the import goes through a
real Celery worker on the real Redis broker, sharing the live server's database.
Every page is screenshotted at a laptop and a phone width into the folder named by
FACTCHECK_SCREENSHOTS (a temporary folder otherwise; its path is printed).
"""

import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.models import Claim, RatingRevision
from sources.models import Feed, Import
from tests.conftest import wait_for
from tests.dashboard.conftest import JS_URL, XSS_NAME, XSS_QUOTE, hostile_claim
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
WIDTHS = {"laptop": (1280, 800), "phone": (390, 844)}
TIMEOUT_MS = 15_000


def screenshot_dir() -> Path:
    folder = os.environ.get("FACTCHECK_SCREENSHOTS") or os.path.join(
        tempfile.gettempdir(), "factcheck-screenshots"
    )
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module", autouse=True)
def _say_where_screenshots_are() -> Iterator[None]:
    yield
    print(f"\nscreenshots of every dashboard page: {screenshot_dir()}")


class Session:
    """One browser context with console capture and the page-level checks."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.base = base_url
        self.context = browser.new_context(
            viewport=dict(zip(("width", "height"), WIDTHS["laptop"], strict=True))
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"{self.page.url}: {m.text}")
                if m.type == "error"
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: {e}"))
        self.page.on("dialog", lambda d: d.accept())

    def go(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        return response

    def login(self, username: str) -> None:
        self.go("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_url(self.base + "/")

    def check(self, name: str) -> None:
        """Assert nothing ran from imported text; screenshot laptop and phone."""
        page = self.page
        assert page.evaluate("typeof window.__xss") == "undefined", page.url
        assert page.locator('a[href^="javascript:" i]').count() == 0, page.url
        # The page fits a phone: nothing wider than the viewport but scroll boxes.
        folder = screenshot_dir()
        for label, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 1, f"{name} overflows a {label} by {overflow}px"
        page.set_viewport_size(
            dict(zip(("width", "height"), WIDTHS["laptop"], strict=True))
        )
        # Every visible control has a label; the keyboard reaches the skip link
        # first (unless a field has autofocus) and it shows where the focus is.
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll("input, select, textarea")]
                .filter(e => e.type !== "hidden")
                .filter(e => !(e.labels && e.labels.length))
                .filter(e => !e.getAttribute("aria-label"))
                .map(e => e.name || e.id)"""
        )
        assert not unlabelled, f"{name}: controls without a label: {unlabelled}"
        if page.evaluate("document.activeElement === document.body"):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                """() => { const e = document.activeElement;
                           const box = e.getBoundingClientRect();
                           return [e.className, getComputedStyle(e).outlineStyle,
                                   box.left >= 0]; }"""
            )
            assert focused == ["skip", "solid", True], f"{name}: Tab gave {focused}"

    def message(self) -> str:
        return self.page.locator(".messages").inner_text()

    def close(self) -> None:
        self.context.close()
        assert not self.errors, "\n".join(self.errors)


@pytest.fixture
def session(chromium, live_server, postgres):  # type: ignore[no-untyped-def]
    sessions: list[Session] = []

    def open_session() -> Session:
        sessions.append(Session(chromium, live_server.url))
        return sessions[-1]

    yield open_session
    for s in sessions:
        s.close()


def _mentions(data: Any, claim: Claim) -> bool:
    """Return whether an API body names `claim` (by id or by its quote)."""
    if isinstance(data, dict):
        if data.get("id") == claim.pk or data.get("claim_id") == claim.pk:
            return True
        return any(_mentions(v, claim) for v in data.values())
    if isinstance(data, list):
        return any(_mentions(v, claim) for v in data)
    return data == claim.quote


def test_browser_editor_imports_sources_and_rates_a_claim(
    session, celery_worker_process, seed_text
):
    UserFactory(username="ed", role="editor")
    s = session()
    s.go("/accounts/login/")
    s.check("login")
    s.login("ed")
    s.check("desk-empty")

    s.go("/sources/")
    s.check("sources-empty")
    s.page.get_by_label("Article text").fill(seed_text)
    s.page.get_by_role("button", name="Import text").click()
    s.page.wait_for_url(re.compile(r"/sources/imports/\d+/$"))
    # The poller reloads the page once the worker has extracted the claims.
    links = s.page.locator(".found-claims li a")
    links.nth(3).wait_for(timeout=90_000)
    assert links.count() == 4
    job = Import.objects.get()
    assert job.state == "done" and job.source.claims.count() == 4
    s.check("import-done")

    links.first.click()
    s.page.wait_for_url(re.compile(r"/claims/\d+/$"))
    claim_id = int(s.page.url.rstrip("/").rsplit("/", 1)[1])
    assert s.page.locator("mark").count() == 1
    s.page.get_by_label("Link").fill("https://stats.example.org/briefing")
    s.page.get_by_label("Stance").select_option("context")
    s.page.get_by_role("button", name="Add evidence").click()
    assert "Evidence added." in s.message()
    s.page.get_by_role("button", name="Mark sourced").click()
    assert "Marked sourced." in s.message()
    rate = s.page.locator('form[data-action="claim.rate"]')
    rate.get_by_label("Verdict").select_option("mostly_true")
    rate.get_by_label("Summary").fill("The briefing's transcript shows the words.")
    rate.get_by_role("button", name="Rate and publish").click()
    assert "Rated and published." in s.message()
    assert s.page.locator(".jsonld").inner_text().count('"ClaimReview"') == 1
    s.check("claim-rated")

    claim = Claim.objects.get(pk=claim_id)
    assert (claim.status, claim.verdict) == ("rated", "mostly_true")

    # The ratings feed holds back the last seconds' changes (they may still be
    # committing); poll it as a consumer would, with a deadline.
    def rating_in_feed() -> bool:
        response = s.page.request.get(s.base + "/api/v1/ratings/?format=json")
        assert response.ok, response.status
        return _mentions(json.loads(response.text()), claim)

    wait_for(rating_in_feed, timeout=30, interval=0.5)

    for name, path in [
        ("desk", "/"),
        ("queue", "/claims/"),
        ("queue-filtered", "/claims/?status=pending&sort=oldest"),
        ("speaker", claim.speaker.get_absolute_url() if claim.speaker else "/"),
        ("sources", "/sources/"),
        ("password-change", "/accounts/password/"),
    ]:
        s.go(path)
        s.check(name)


def test_browser_reviewer_has_no_rate_control_and_a_forged_rate_is_refused(session):
    UserFactory(username="rev", role="reviewer")
    claim = ClaimFactory(sourced=True)
    s = session()
    s.login("rev")
    s.go(claim.get_absolute_url())
    assert s.page.locator('form[data-action="claim.send_back"]').count() == 1
    assert s.page.locator('form[data-action="claim.rate"]').count() == 0
    assert s.page.locator('select[name="verdict"]').count() == 0
    s.check("claim-reviewer")
    # Forge the editor's form in the reviewer's page and submit it.
    with s.page.expect_navigation():
        s.page.evaluate(
            """() => {
              const form = document.createElement("form");
              form.method = "post";
              form.action = location.pathname + "act/";
              const fields = {
                csrfmiddlewaretoken:
                  document.querySelector("[name=csrfmiddlewaretoken]").value,
                action: "claim.rate", verdict: "true", summary: "forged",
                version: document.querySelector("[name=version]").value,
              };
              for (const [name, value] of Object.entries(fields)) {
                const input = document.createElement("input");
                input.type = "hidden"; input.name = name; input.value = value;
                form.appendChild(input);
              }
              document.body.appendChild(form);
              form.submit();
            }"""
        )
    assert "you may not rate claims" in s.message()
    claim.refresh_from_db()
    assert claim.status == "sourced" and claim.verdict == ""
    assert not RatingRevision.objects.filter(claim=claim).exists()
    # A refused POST answers 403; Chromium reports that status on the console.
    s.errors = [e for e in s.errors if "403" not in e]


def test_browser_hostile_text_never_runs_on_any_page(session):
    editor = UserFactory(username="ed", role="editor")
    claim = hostile_claim(rated=True, actor=editor)
    pending = hostile_claim()
    Feed.objects.create(
        url="https://f.example.org/x", title=XSS_NAME, last_error=XSS_QUOTE
    )
    Import.objects.create(kind="url", url=JS_URL, state="failed", error=XSS_QUOTE)
    job = Import.objects.create(kind="text", state="done", source=claim.source)
    s = session()
    s.login("ed")
    pages = [
        ("xss-desk", "/"),
        ("xss-queue", "/claims/"),
        ("xss-search", "/claims/?q=%3Cscript%3E"),
        ("xss-claim-rated", claim.get_absolute_url()),
        ("xss-claim-pending", pending.get_absolute_url()),
        ("xss-speaker", claim.speaker.get_absolute_url()),
        ("xss-sources", "/sources/"),
        ("xss-import", f"/sources/imports/{job.pk}/"),
    ]
    for name, path in pages:
        s.go(path)
        s.check(name)
    s.go(claim.get_absolute_url())
    assert XSS_QUOTE in s.page.locator("blockquote.quote").inner_text()
    assert XSS_QUOTE in s.page.locator("mark").inner_text()
    # The public fact-check page, read by anyone, with its JSON-LD inert.
    reader = session()
    reader.go(f"/fact-checks/{claim.pk}/")
    reader.check("xss-fact-check")
    assert XSS_QUOTE in reader.page.locator("blockquote.quote").inner_text()
    markup = reader.page.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(markup)["claimReviewed"].startswith("<script>")
    reader.go("/fact-checks/")
    reader.check("xss-fact-checks")
    reader.page.get_by_role("link", name=re.compile("taxes doubled")).click()
    reader.page.wait_for_url(f"**/fact-checks/{claim.pk}/")


def test_browser_editor_selects_all_and_assigns_in_bulk(session):
    UserFactory(username="ed", role="editor")
    reviewer = UserFactory(username="rev", role="reviewer")
    claims = ClaimFactory.create_batch(3)
    s = session()
    s.login("ed")
    s.go("/claims/?status=pending")
    s.page.get_by_label("Select every claim on this page").check()
    assert s.page.locator("[data-selected-count]").inner_text() == "3 selected"
    s.page.get_by_label("Assign to").select_option(label="rev")
    s.page.get_by_role("button", name="Assign", exact=True).click()
    s.page.wait_for_load_state("load")
    assert "3 claim(s) assigned to rev." in s.message()
    assert s.page.url.endswith("/claims/?status=pending")
    assert {c.pk for c in Claim.objects.filter(assignee=reviewer)} == {
        c.pk for c in claims
    }
    s.check("queue-after-bulk")

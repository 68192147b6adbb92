"""Swagger UI at /api/docs/ in a real browser: renders, local assets only, CSP holds."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import missing_service

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Recorded before any page script runs, so a blocked inline script is caught too.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        missing_service(
            "needs Chromium at /usr/bin/chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def test_swagger_ui_renders_every_endpoint_offline_under_the_csp(
    chromium, live_server, tmp_path
):
    page = chromium.new_page()
    page.add_init_script(CSP_LISTENER)
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock", timeout=15_000)
    paths = page.eval_on_selector_all(
        ".opblock-summary-path", "nodes => nodes.map(n => n.dataset.path)"
    )
    page.screenshot(path=str(tmp_path / "api-docs.png"), full_page=False)
    violations = page.evaluate("window.__csp")
    page.close()

    assert "/api/v1/ratings/" in paths and "/api/v1/claims/{id}/rate/" in paths
    assert len(paths) >= 20
    assert violations == [], violations
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
    assert not errors, errors

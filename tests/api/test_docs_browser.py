"""Swagger UI at /api/docs/ in a real browser: renders, local assets only, CSP holds."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

# Recorded before any page script runs, so a blocked inline script is caught too.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


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

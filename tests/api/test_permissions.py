"""The permission matrix from one table: every endpoint × every kind of caller."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from claims import services
from sources.models import Import
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "api_key", "reviewer", "editor"]


def _object(kind: str, editor: Any) -> Any:
    """Make the thing a row of the table acts on, in the state the action needs."""
    if kind == "rated":
        return ClaimFactory(rated=True, actor=editor)
    if kind == "pending":
        return ClaimFactory()
    if kind == "evidenced":
        claim = ClaimFactory()
        services.attach_evidence(claim, actor=editor, url="https://stats.example.org/e")
        return claim
    if kind == "sourced":
        return ClaimFactory(sourced=True, actor=editor)
    if kind == "dismissed":
        claim = ClaimFactory()
        services.dismiss_claim(claim, actor=editor, reason="opinion")
        return claim
    if kind == "speaker":
        return SpeakerFactory()
    if kind == "source":
        return SourceFactory()
    if kind == "import":
        return Import.objects.create(kind=Import.Kind.URL, url="https://n.example.org/")
    return None


CORRECTION = {"verdict": "true", "summary": "Right after all.", "note": "New data"}
# method, path ({pk} is the object's id), object kind, body,
# expected status for: anonymous, API key, reviewer, editor.
TABLE: list[tuple[str, str, str | None, dict[str, Any] | None, tuple[int, ...]]] = [
    ("get", "/api/v1/ratings/", None, None, (200, 200, 200, 200)),
    ("get", "/api/v1/claimreview/", None, None, (200, 200, 200, 200)),
    ("get", "/api/v1/claims/", None, None, (200, 200, 200, 200)),
    ("get", "/api/v1/claims/{pk}/", "rated", None, (200, 200, 200, 200)),
    ("get", "/api/v1/claims/{pk}/", "pending", None, (404, 404, 200, 200)),
    ("get", "/api/v1/claims/{pk}/claimreview/", "rated", None, (200, 200, 200, 200)),
    ("get", "/api/v1/speakers/", None, None, (401, 403, 200, 200)),
    ("get", "/api/v1/speakers/{pk}/", "speaker", None, (401, 403, 200, 200)),
    ("get", "/api/v1/sources/", None, None, (401, 403, 200, 200)),
    ("get", "/api/v1/sources/{pk}/", "source", None, (401, 403, 200, 200)),
    (
        "post",
        "/api/v1/sources/",
        None,
        {"text": "“Hi,” she said."},
        (401, 403, 202, 202),
    ),
    ("get", "/api/v1/imports/", None, None, (401, 403, 200, 200)),
    ("get", "/api/v1/imports/{pk}/", "import", None, (401, 403, 200, 200)),
    (
        "post",
        "/api/v1/claims/{pk}/attach-evidence/",
        "pending",
        {"url": "https://stats.example.org/x"},
        (401, 403, 201, 201),
    ),
    (
        "post",
        "/api/v1/claims/{pk}/mark-sourced/",
        "evidenced",
        {},
        (401, 403, 200, 200),
    ),
    (
        "post",
        "/api/v1/claims/{pk}/send-back/",
        "sourced",
        {"note": "Weak source"},
        (401, 403, 200, 200),
    ),
    (
        "post",
        "/api/v1/claims/{pk}/rate/",
        "sourced",
        {"verdict": "false", "summary": "No."},
        (401, 403, 403, 200),
    ),
    ("post", "/api/v1/claims/{pk}/correct/", "rated", CORRECTION, (401, 403, 403, 200)),
    (
        "post",
        "/api/v1/claims/{pk}/reopen/",
        "rated",
        {"note": "Hmm"},
        (401, 403, 403, 200),
    ),
    (
        "post",
        "/api/v1/claims/{pk}/dismiss/",
        "pending",
        {"reason": "opinion"},
        (401, 403, 200, 200),
    ),
    ("post", "/api/v1/claims/{pk}/restore/", "dismissed", {}, (401, 403, 403, 200)),
    (
        "post",
        "/api/v1/claims/{pk}/assign/",
        "pending",
        {"assignee": "other-reviewer"},
        (401, 403, 403, 200),
    ),
]

CASES = [
    pytest.param(
        method,
        path,
        kind,
        body,
        caller,
        expected[i],
        id=f"{method} {path} {kind} {caller}",
    )
    for method, path, kind, body, expected in TABLE
    for i, caller in enumerate(CALLERS)
]


def test_the_table_covers_every_endpoint_of_the_router():
    """A new endpoint must get a row: compare the table with the router's routes."""
    from factcheck.urls import router

    wanted = {
        (method, route)
        for prefix, viewset, _ in router.registry
        for route, methods in _routes(prefix, viewset)
        for method in methods
    }
    covered = {(method, path.removeprefix("/api/v1/")) for method, path, *_ in TABLE}
    assert wanted <= covered, f"no row for {sorted(wanted - covered)}"


def _routes(prefix: str, viewset: Any) -> list[tuple[str, set[str]]]:
    found = []
    if hasattr(viewset, "list"):
        found.append((f"{prefix}/", {"get"}))
    if hasattr(viewset, "create"):
        found.append((f"{prefix}/", {"post"}))
    if hasattr(viewset, "retrieve"):
        found.append((f"{prefix}/{{pk}}/", {"get"}))
    for extra in viewset.get_extra_actions():
        methods = {m.lower() for m in extra.mapping}
        found.append((f"{prefix}/{{pk}}/{extra.url_path}/", methods))
    return found


@pytest.mark.parametrize(
    ("method", "path", "kind", "body", "caller", "expected"), CASES
)
def test_permission_matrix(
    method, path, kind, body, caller, expected, editor, reviewer, raw_api_key
):
    obj = _object(kind, editor) if kind else None
    if body and body.get("assignee") == "other-reviewer":
        body = {"assignee": UserFactory(username="rev2", role="reviewer").pk}
    client = APIClient()
    if caller == "api_key":
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw_api_key}")
    elif caller in ("reviewer", "editor"):
        client.force_login(reviewer if caller == "reviewer" else editor)
    url = path.format(pk=obj.pk if obj else "")
    response = getattr(client, method)(url, body, format="json")
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert set(response.json()) == {"error"}
        if expected == 401:
            assert response["WWW-Authenticate"] == "Api-Key"

"""The OpenAPI schema under schemathesis, its examples, and the Swagger UI page."""

import re
import secrets
from html import unescape

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import services
from claims.models import Claim, Speaker
from factcheck.wsgi import application
from sources.models import Import, Source
from tests.factories import ClaimFactory

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture
def api_schema(db, editor, settings):  # type: ignore[no-untyped-def]
    """The live schema, with a few claims in every state for the examples to hit."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "api_key": None, "user": None},
    }
    for _ in range(2):
        ClaimFactory(rated=True, actor=editor)
        ClaimFactory(sourced=True, actor=editor)
        ClaimFactory()
    dismissed = ClaimFactory()
    services.dismiss_claim(dismissed, actor=editor, reason="opinion")
    Import.objects.create(kind=Import.Kind.URL, url="https://news.example.org/x")
    # Calling the WSGI app directly sends request_started/finished, whose
    # close_old_connections would close the test's transaction; Django's test
    # client disconnects it the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def editor_session(editor) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(editor)
    token = secrets.token_hex(16)  # a valid CSRF secret: 32 alphanumerics
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
    }


def _fuzz(
    schema, *, methods: set[str], examples: int, min_ok: int, **call
) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ids = {
        "claims": list(Claim.objects.values_list("pk", flat=True)),
        "speakers": list(Speaker.objects.values_list("pk", flat=True)),
        "sources": list(Source.objects.values_list("pk", flat=True)),
        "imports": list(Import.objects.values_list("pk", flat=True)),
    }
    """Run `examples` generated cases per operation; return the failures by operation.

    schemathesis's own pytest loader does not run under pytest 9, so each
    operation gets a plain hypothesis test built from `as_strategy()`.
    """
    failures: dict[str, str] = {}
    succeeded: set[str] = set()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in methods:
            continue
        operations += 1

        strategy = operation.as_strategy()
        if "{id}" in operation.path:
            # Mostly real rows, so actions meet claims in every state, not only 404s.
            pks = ids[operation.path.split("/")[3]]
            strategy = st.one_of(
                strategy,
                *(operation.as_strategy(path_parameters={"id": pk}) for pk in pks),
            )

        @given(case=strategy)
        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            # The schema's API-key scheme makes random keys; a bad key's 401 is
            # tested elsewhere, here the request is the caller's own.
            for name in ("X-Api-Key", "Authorization"):
                (case.headers or {}).pop(name, None)
            response = case.call(**call)
            if response.status_code < 300:
                succeeded.add(case.operation.label)
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - collect every operation's failures
            failures[operation.label] = f"{type(exc).__name__}: {exc}"[:2000]
    assert operations > 5, "the schema lost its operations"
    # Generated input must reach the endpoints, not only their 4xx answers.
    assert len(succeeded) >= min_ok, f"only {sorted(succeeded)} answered 2xx"
    return failures


def test_api_conforms_to_its_schema_as_an_editor(api_schema, editor_session):
    failures = _fuzz(
        api_schema,
        methods={"GET", "POST"},
        examples=5,
        min_ok=15,
        headers=editor_session["headers"],
        cookies=editor_session["cookies"],
    )
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())


def test_api_conforms_to_its_schema_anonymously(api_schema):
    # Anonymous readers reach the published endpoints; the rest answer 401.
    failures = _fuzz(api_schema, methods={"GET"}, examples=3, min_ok=4)
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())


@pytest.mark.django_db
def test_schema_is_openapi_3_with_an_example_for_every_operation(client):
    spec = client.get("/api/schema/?format=json").json()
    assert spec["openapi"].startswith("3.")
    missing = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = [
                media
                for code, response in operation["responses"].items()
                if code.startswith("2")
                for media in response.get("content", {}).values()
            ]
            request = operation.get("requestBody", {}).get("content", {}).values()
            has_example = any("examples" in m or "example" in m for m in content)
            if request:  # an action that takes input shows an example of it
                has_example = has_example and any("examples" in m for m in request)
            if not has_example:
                missing.append(f"{method.upper()} {path}")
    assert not missing, f"no example: {missing}"


@pytest.mark.django_db
def test_swagger_ui_loads_local_assets_only_under_the_csp(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    # No inline script to need a nonce, and nothing from another host.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    urls = [unescape(u) for u in re.findall(r'(?:src|href)="([^"]+)"', html)]
    assert urls and all(u.startswith("/") for u in urls), urls
    static = [u for u in urls if u.startswith(django_settings.STATIC_URL)]
    for url in static:
        assert finders.find(url.removeprefix(django_settings.STATIC_URL)), url
    # The start-up script is a same-origin file the CSP allows, not inline code.
    (script,) = [u for u in urls if u not in static]
    response = client.get(script)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert (
        b"SwaggerUIBundle" in response.content and b"/api/schema/" in response.content
    )

"""CSV exports of claims and ratings for editors' spreadsheets."""

import csv
import io

import pytest

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_claims_csv_has_a_row_per_claim_with_its_rating(editor_client):
    rated = ClaimFactory(rated=True)
    pending = ClaimFactory()
    rows = _rows(editor_client.get("/api/v1/claims/?format=csv"))
    by_id = {int(r["id"]): r for r in rows}
    assert set(by_id) == {rated.pk, pending.pk}
    assert by_id[rated.pk]["verdict"] == "mostly_false"
    assert by_id[rated.pk]["rating_value"] == "2"
    assert by_id[rated.pk]["speaker"] == rated.speaker.name
    assert by_id[rated.pk]["source_url"] == rated.source.url
    assert by_id[pending.pk]["status"] == "pending"
    assert by_id[pending.pk]["verdict"] == ""


def test_ratings_csv_lists_published_ratings(anon_client):
    rated = ClaimFactory(rated=True, quote='Taxes, "all of them", fell\nlast year.')
    rows = _rows(anon_client.get("/api/v1/ratings/?format=csv"))
    assert [int(r["id"]) for r in rows] == [rated.pk]
    assert rows[0]["quote"] == rated.quote
    assert rows[0]["withdrawn"] == "False"


def test_csv_cells_never_start_a_formula(anon_client):
    ClaimFactory(rated=True, quote='=HYPERLINK("http://evil.example","click")')
    rows = _rows(anon_client.get("/api/v1/ratings/?format=csv"))
    assert rows[0]["quote"].startswith("'=")

"""Renderers beyond JSON: JSON-LD for ClaimReview, CSV for editors' spreadsheets."""

import csv
import io
from collections.abc import Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer, JSONRenderer


class JSONLDRenderer(JSONRenderer):
    """schema.org data as `application/ld+json`."""

    media_type = "application/ld+json"
    format = "jsonld"


# A cell starting with one of these is a formula to a spreadsheet; imported quotes
# must stay text (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _dig(row: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(row, dict):
            return None
        row = row.get(part)
    return row


class CSVRenderer(BaseRenderer):
    """A page of results as CSV; the view names its columns in `csv_columns`."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        view = (renderer_context or {}).get("view")
        columns: dict[str, str] = getattr(view, "csv_columns", {})
        rows = data.get("results", data) if isinstance(data, dict) else data
        out = io.StringIO()
        writer = csv.writer(out)
        if isinstance(data, dict) and "error" in data:
            writer.writerow(["error", "message"])
            writer.writerow([data["error"].get("code"), data["error"].get("message")])
            return out.getvalue().encode()
        writer.writerow(columns.keys())
        for row in rows or []:
            writer.writerow(_cell(_dig(row, path)) for path in columns.values())
        return out.getvalue().encode()

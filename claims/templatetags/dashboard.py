"""Template filters of the dashboard: safe links, durations, query strings."""

import datetime as dt

from django import template
from django.http import QueryDict
from django.utils import timezone

from ..weblinks import http_url

register = template.Library()


register.filter("http_url", http_url)


@register.filter
def duration(seconds: float | None) -> str:
    """Return a number of seconds as a short human duration ("3 d 4 h", "12 min")."""
    if seconds is None:
        return "—"
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min"
    return f"{seconds} s"


@register.filter
def age(value: dt.datetime | None) -> str:
    """Return how long ago `value` was, as a short duration."""
    if value is None:
        return "—"
    return duration((timezone.now() - value).total_seconds())


@register.simple_tag(takes_context=True)
def query(context: template.Context, **changes: object) -> str:
    """Return the current query string with `changes` applied (None removes a key)."""
    params = QueryDict(mutable=True)
    params.update(context["request"].GET)
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None and value != "":
            params[key] = str(value)
    return "?" + params.urlencode() if params else "?"

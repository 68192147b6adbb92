"""factcheck: quote extraction and claim review for fact-checking desks."""

from .celery import app as celery_app

__all__ = ["celery_app"]

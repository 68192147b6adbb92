"""Find direct quotations in news text and attribute each to its speaker."""

from .pipeline import extract
from .quote import Quote

__all__ = ["Quote", "extract"]

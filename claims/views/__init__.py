"""The editors' dashboard: desk, queue, claim, sources and speakers pages."""

from ._old import claim_detail, desk, speaker_detail

__all__ = ["claim_detail", "desk", "speaker_detail"]

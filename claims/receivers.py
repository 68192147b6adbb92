"""Signal receivers: the claims app's reactions to other apps' events."""

from typing import Any


def schedule_extraction(sender: Any, *, source_id: int, **kwargs: Any) -> None:
    """Extract the claims of a newly imported source once its transaction commits."""
    from .tasks import extract_claims

    extract_claims.delay_on_commit(source_id)

"""The editors' dashboard: desk, queue, claim, sources and speakers pages."""

from .claim import claim_act, claim_assign, claim_detail, claim_evidence
from .desk import desk
from .queue import queue, queue_bulk, queue_csv
from .sources import (
    feed_create,
    feed_toggle,
    import_create,
    import_detail,
    import_status,
    source_list,
)
from .speakers import speaker_detail

__all__ = [
    "claim_act",
    "claim_assign",
    "claim_detail",
    "claim_evidence",
    "desk",
    "feed_create",
    "feed_toggle",
    "import_create",
    "import_detail",
    "import_status",
    "queue",
    "queue_bulk",
    "queue_csv",
    "source_list",
    "speaker_detail",
]

"""The ClaimReview preview on a rated claim's page: what the API publishes."""

import json

from .. import claimreview
from ..models import Claim


def claimreview_preview(claim: Claim) -> str:
    """Return the claim's schema.org ClaimReview, pretty-printed for display.

    Built by `claims.claimreview`, the same builder the API uses, so the preview
    is exactly what consumers receive. The template escapes the text.
    """
    return json.dumps(claimreview.claim_review(claim), indent=2, ensure_ascii=False)

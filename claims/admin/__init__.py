"""The reviewers' admin: claims, speakers, evidence and the history they leave."""

# Each module registers its pages. The last two are the editors' pages for
# webhook endpoints and deliveries, and for API keys (the raw key shown once).
from .. import admin_keys, admin_webhooks  # noqa: F401
from . import claim, history, people  # noqa: F401

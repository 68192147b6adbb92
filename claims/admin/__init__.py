"""The reviewers' admin: claims, speakers, evidence and the history they leave."""

# Each module registers its pages; `keys` and `webhooks` are the editors' pages
# for API keys (the raw key shown once) and webhook endpoints and deliveries.
from . import claim, history, keys, people, webhooks  # noqa: F401

"""The desk's roles: which model permissions the reviewer and editor groups hold."""

from typing import Any

REVIEWER = [
    "claims.view_claim",
    "claims.change_claim",
    "claims.review_claim",
    "claims.view_speaker",
    "claims.view_evidence",
    "claims.add_evidence",
    "claims.change_evidence",
    "claims.view_claimtransition",
    "claims.view_ratingrevision",
    "claims.view_claimassignment",
    "sources.view_source",
    "sources.add_source",
    "sources.view_import",
    "sources.add_import",
    "sources.view_feed",
]
EDITOR = REVIEWER + [
    "claims.rate_claim",
    "claims.assign_claim",
    "claims.restore_claim",
    "claims.change_speaker",
    "claims.view_speakeralias",
    "claims.view_event",
    "claims.view_webhookendpoint",
    "claims.add_webhookendpoint",
    "claims.change_webhookendpoint",
    "claims.view_webhookdelivery",
    "claims.view_webhookattempt",
    "claims.view_apikey",
    "claims.add_apikey",
    "claims.change_apikey",
    "sources.add_feed",
    "sources.change_feed",
    "sources.change_source",
    "sources.view_failedtask",
    "sources.change_failedtask",
]
ROLES = {"reviewer": REVIEWER, "editor": EDITOR}


def ensure_groups(
    group_model: Any,
    permission_model: Any,
    roles: dict[str, list[str]] | None = None,
) -> None:
    """Create or update the role groups; models are passed so migrations can call it.

    A migration passes its own frozen copy of `roles`: a later change to this
    module must come with a new migration, not rewrite what an old one did.
    """
    for name, dotted_names in (ROLES if roles is None else roles).items():
        group, _ = group_model.objects.get_or_create(name=name)
        wanted = set()
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            wanted.add((app_label, codename))
        perms = [
            p
            for p in permission_model.objects.filter(
                content_type__app_label__in={a for a, _ in wanted}
            ).select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in perms}
        if missing:
            raise LookupError(f"permissions missing for role {name}: {sorted(missing)}")
        group.permissions.set(perms)

"""Who may do what over the API: published ratings are public, the rest needs a perm."""

from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.views import APIView

from factcheck.api import ModelPermissions

from .. import workflow

__all__ = ["ACTION_PERMISSIONS", "ModelPermissions", "PublishedOrModelPermissions"]

# The permission each workflow action needs, read from the workflow's own table
# so the API cannot drift from it; the service checks again.
ACTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "attach_evidence": ("claims.add_evidence",),
    "mark_sourced": (workflow.TRANSITIONS["claim.mark_sourced"].permission,),
    "send_back": (workflow.TRANSITIONS["claim.send_back"].permission,),
    "rate": (workflow.TRANSITIONS["claim.rate"].permission,),
    "correct": (workflow.TRANSITIONS["claim.correct"].permission,),
    "reopen": (workflow.TRANSITIONS["claim.reopen"].permission,),
    "dismiss": (workflow.TRANSITIONS["claim.dismiss"].permission,),
    "restore": (workflow.TRANSITIONS["claim.restore"].permission,),
    # Reviewers may take a claim for themselves; the service decides the rest.
    "assign": ("claims.assign_claim", "claims.review_claim"),
}


class PublishedOrModelPermissions(permissions.BasePermission):
    """Anyone reads (the view shows only published claims to those without
    `view_claim`); a workflow action needs its permission."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if getattr(view, "action", None) is None:
            return True  # no handler for this method: let the view answer 405
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        needed = ACTION_PERMISSIONS.get(getattr(view, "action", "") or "", ())
        return any(user.has_perm(p) for p in needed)


def sees_unpublished(request: Request) -> bool:
    """Return whether the request's user may read claims still in review."""
    return bool(request.user.has_perm("claims.view_claim"))

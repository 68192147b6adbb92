"""The sitemap search engines read to find every published fact check."""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Claim


class FactCheckSitemap(Sitemap):
    """One entry per rated claim: its public page, changed when the claim was."""

    limit = 5000  # entries per sitemap page; a page is one indexed query

    def items(self) -> Any:
        return Claim.objects.published().order_by("id").only("id", "updated_at")

    def location(self, item: Claim) -> str:
        return reverse("fact-check", args=[item.pk])

    def lastmod(self, item: Claim) -> Any:
        return item.updated_at

"""factory_boy factories; claim traits move through the workflow, never `status=`."""

import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from claims import services
from claims.models import Claim, Evidence, Speaker
from claims.roles import ensure_groups
from sources.models import Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        """`UserFactory(role="editor")` puts the user in that role's group."""
        if create and extracted:
            if not Group.objects.filter(name=extracted).exists():
                # A transactional test's flush drops the migration's groups.
                ensure_groups(Group, Permission)
            self.groups.add(Group.objects.get(name=extracted))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"Article number {n}. " + "Some text. " * 20)
    content_sha256 = factory.LazyAttribute(
        lambda s: hashlib.sha256(s.text.encode()).hexdigest()
    )
    publisher = "Example News"
    url = factory.Sequence(lambda n: f"https://news.example.org/a/{n}")
    canonical_url = factory.LazyAttribute(lambda s: s.url)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    key = factory.LazyAttribute(lambda s: s.name.lower())
    role = "spokesperson"


class ClaimFactory(factory.django.DjangoModelFactory):
    """A pending claim; `sourced=True` and `rated=True` go through the services."""

    class Meta:
        model = Claim

    source = factory.SubFactory(SourceFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    quote = factory.Sequence(lambda n: f"Unemployment fell by {n} percent last year.")
    start = factory.Sequence(lambda n: n * 10)
    end = factory.LazyAttribute(lambda c: c.start + len(c.quote))
    context = factory.LazyAttribute(lambda c: f"“{c.quote}” he said.")

    # `sourced`, `rated` and `actor` are read in `_create`, not declared as
    # Params: factory_boy strips Params before `_create`, which silently made
    # every "sourced" or "rated" claim a pending one.

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        sourced = kwargs.pop("sourced", False)
        rated = kwargs.pop("rated", False)
        actor = kwargs.pop("actor", None)
        claim = super()._create(model_class, *args, **kwargs)
        if sourced or rated:
            actor = actor or UserFactory(username="factory-editor", role="editor")
            services.attach_evidence(
                claim, actor=actor, url="https://stats.example.org/t1", stance="refutes"
            )
            services.mark_claim_sourced(claim, actor=actor)
        if rated:
            services.rate_claim(
                claim,
                actor=actor,
                verdict=Claim.Verdict.MOSTLY_FALSE,
                summary="The official statistics show a smaller fall.",
            )
        return claim


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    url = "https://stats.example.org/table"
    stance = Evidence.Stance.SUPPORTS

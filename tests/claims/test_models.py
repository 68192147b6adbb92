"""Database constraints, proven on PostgreSQL by writing around the ORM's checks."""

import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim, ClaimTransition
from tests.factories import ClaimFactory


@pytest.mark.django_db
def test_a_bogus_status_is_refused_by_the_database(postgres):
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="published")


@pytest.mark.django_db
def test_a_bogus_verdict_is_refused_by_the_database(postgres):
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(verdict="pants_on_fire")


@pytest.mark.django_db
def test_rated_without_a_verdict_is_refused_by_the_database(postgres):
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="rated")


@pytest.mark.django_db
def test_a_verdict_on_an_unrated_claim_is_refused_by_the_database(postgres):
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(verdict="false", summary="x")


@pytest.mark.django_db
def test_a_second_claim_on_the_same_span_is_refused(postgres):
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(source=claim.source, start=claim.start, end=claim.end)


@pytest.mark.django_db
def test_a_transition_that_stays_put_is_refused_unless_a_correction(postgres, editor):
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimTransition.objects.create(
            claim=claim, action="claim.rate", from_status="rated", to_status="rated"
        )
    ClaimTransition.objects.create(
        claim=claim, action="claim.correct", from_status="rated", to_status="rated"
    )


@pytest.mark.django_db
def test_rated_without_a_written_summary_is_refused_by_the_database(postgres, editor):
    claim = ClaimFactory(rated=True, actor=editor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(summary="")
    # Leaving "rated" while keeping the verdict is refused too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="sourced")


@pytest.mark.django_db
def test_a_correction_that_is_not_from_rated_is_refused_by_the_database(postgres):
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimTransition.objects.create(
            claim=claim,
            action="claim.correct",
            from_status="pending",
            to_status="pending",
        )
    transition = ClaimTransition.objects.create(
        claim=claim,
        action="claim.dismiss",
        from_status="pending",
        to_status="dismissed",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimTransition.objects.filter(pk=transition.pk).update(to_status="pending")

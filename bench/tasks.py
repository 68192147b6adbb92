"""The baseline task of P10: a bare no-op, Celery's own cost and nothing else."""

from celery import shared_task


@shared_task(name="bench.noop")
def noop() -> None:
    """Do nothing; the worker's and the broker's cost per message is all there is."""

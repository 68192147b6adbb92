"""P13: workflow moves pending → sourced → rated through the services, vs raw UPDATEs.

Side A: for each claim, `attach_evidence`, `mark_claim_sourced`, `rate_claim` (each
its own transaction; on PostgreSQL each one statement: the evidence INSERT … SELECT,
the compare-and-set with its transition row, and for the rating its revision and
outbox event too; the dispatcher kick goes to the benchmarks' Redis when no kick
is waiting there, and no worker takes it here, so one is sent per key expiry).
Side B: the same rows moved by two raw `UPDATE … WHERE id = %s AND status = %s`
statements, each its own transaction. Between sides the rows go back to pending.
"""

import argparse
import time

from .harness import Row, emit, interleave, log, med, paired_ratio

SUMMARY = "Official records show the figure was far lower."


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from claims import services
    from claims.models import Claim
    from sources.models import Source

    from .datasets import bench_users, copy_rows

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE sources_source, claims_speaker RESTART IDENTITY CASCADE"
        )
    editor = bench_users()["editor"]
    source = Source.objects.create(
        title="Moves", text="Workflow benchmark.", content_sha256="moves" * 8
    )
    copy_rows(
        Claim,
        (
            {
                "source_id": source.pk,
                "quote": f"Claim number {i} of the workflow benchmark.",
                "start": i * 100,
                "end": i * 100 + 40,
            }
            for i in range(args.claims)
        ),
    )
    ids = list(Claim.objects.order_by("id").values_list("id", flat=True))

    def reset() -> None:
        with connection.cursor() as cursor:
            for table in (
                "claims_ratingrevision",
                "claims_event",
                "claims_claimtransition",
                "claims_evidence",
            ):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
            cursor.execute(
                "UPDATE claims_claim SET status = 'pending', verdict = '', "
                "summary = '', version = 1, rated_at = NULL"
            )

    def via_services(round_no: int) -> dict[str, float]:
        claims = list(Claim.objects.filter(pk__in=ids).order_by("id"))
        t0 = time.perf_counter()
        for claim in claims:
            services.attach_evidence(
                claim, actor=editor, url="https://stats.example.org/report"
            )
            services.mark_claim_sourced(claim, actor=editor)
            services.rate_claim(claim, actor=editor, verdict="false", summary=SUMMARY)
        elapsed = time.perf_counter() - t0
        rated = Claim.objects.filter(pk__in=ids, status="rated").count()
        if rated != len(ids):
            raise RuntimeError(f"services rated {rated} of {len(ids)} claims")
        reset()
        return {"s": elapsed, "moves_per_s": 2 * len(ids) / elapsed}

    def via_sql(round_no: int) -> dict[str, float]:
        connection.ensure_connection()
        raw = connection.connection  # psycopg connection, autocommit on
        t0 = time.perf_counter()
        with raw.cursor() as cursor:
            for pk in ids:
                cursor.execute(
                    "UPDATE claims_claim SET status = 'sourced', "
                    "version = version + 1, status_changed_at = now(), "
                    "updated_at = now() WHERE id = %s AND status = 'pending'",
                    [pk],
                )
                cursor.execute(
                    "UPDATE claims_claim SET status = 'rated', verdict = 'false', "
                    "summary = %s, rated_at = now(), version = version + 1, "
                    "status_changed_at = now(), updated_at = now() "
                    "WHERE id = %s AND status = 'sourced'",
                    [SUMMARY, pk],
                )
        elapsed = time.perf_counter() - t0
        rated = Claim.objects.filter(pk__in=ids, status="rated").count()
        if rated != len(ids):
            raise RuntimeError(f"SQL rated {rated} of {len(ids)} claims")
        reset()
        return {"s": elapsed, "moves_per_s": 2 * len(ids) / elapsed}

    a, b = interleave(via_services, via_sql, rounds=args.rounds, log=log)
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        # The dispatcher kicks went to the benchmarks' own Redis db; drop them.
        from factcheck.celery import app, forget_kicks

        with app.connection_for_write() as conn:
            for queue in ("default", "imports", "notifications"):
                conn.default_channel.queue_purge(queue)
        forget_kicks()
    ratio = paired_ratio(a, b, "moves_per_s")
    broker = "Redis" if not settings.CELERY_TASK_ALWAYS_EAGER else "eager (no broker)"
    cache = "; feed ETags forgotten in Redis" if settings.CACHE_URL else ""
    emit(
        [
            Row(
                "P13",
                f"workflow moves pending → sourced → rated via the services "
                f"({len(ids):,} claims; evidence, transition, revision, outbox)",
                "raw SQL UPDATE of the same rows (one transaction per move)",
                "≥ 0.3×",
                result=f"{ratio:.3f}×",
                detail=(
                    f"services {med(a, 'moves_per_s'):,.0f} moves/s vs SQL "
                    f"{med(b, 'moves_per_s'):,.0f} moves/s; dispatcher kick: {broker}"
                    f"{cache}"
                ),
                met=ratio >= 0.3,
                extra={"rounds": args.rounds},
            )
        ]
    )


if __name__ == "__main__":
    main()

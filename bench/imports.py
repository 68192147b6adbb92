"""P6 and P7: importing articles' text into claims, against COPY and against itself.

P6: import N synthetic articles (bytes in: decoding, cleaning, hashing, the source
row, extraction and the claim rows, as `manage.py import_article` does, minus the
network) vs COPY of the very claim rows it produced into the same table.
P7: the same import again (every article already there) vs the first import.

The N articles are split over the rounds (N/rounds each, into tables that grow as
one import of N would): each round imports its share (A), imports it again (A'),
then takes its claim rows out and COPYs them back (B), so the sides interleave.
Extraction runs on commit in-process (no broker: the embedded mode's eager task).
"""

import argparse
import io
import time

from .harness import Row, emit, log, med, median

CLAIM_COLUMNS_SQL = """
SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
FROM information_schema.columns
WHERE table_name = 'claims_claim' AND column_name <> 'id'
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection

    from claims.models import Claim
    from sources.services import import_bytes

    from .datasets import synthetic_articles

    articles = [text.encode() for _, text in synthetic_articles(args.articles)]
    megabytes = sum(map(len, articles)) / 1e6

    def reset() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE sources_source, claims_speaker RESTART IDENTITY CASCADE"
            )

    def run_import(batch: list[bytes]) -> tuple[float, int, int]:
        before = Claim.objects.count()
        created_sources = 0
        t0 = time.perf_counter()
        for data in batch:
            _, created = import_bytes(data)
            created_sources += created
        elapsed = time.perf_counter() - t0
        return elapsed, Claim.objects.count() - before, created_sources

    with connection.cursor() as cursor:
        cursor.execute(CLAIM_COLUMNS_SQL)
        columns = cursor.fetchone()[0]

    def copy_baseline(after_id: int) -> tuple[float, int]:
        """Take out the claims with id > `after_id` and COPY the same rows back."""
        buffer = io.BytesIO()
        where = f"WHERE id > {int(after_id)}"
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(
                f"COPY (SELECT {columns} FROM claims_claim {where} ORDER BY id) "  # noqa: S608
                "TO STDOUT"
            ) as copy:
                for chunk in copy:
                    buffer.write(chunk)
            cursor.execute(f"DELETE FROM claims_claim {where}")  # noqa: S608
            data = buffer.getvalue()
            t0 = time.perf_counter()
            with raw.copy(f"COPY claims_claim ({columns}) FROM STDIN") as copy:
                for start in range(0, len(data), 1 << 20):
                    copy.write(data[start : start + (1 << 20)])
            elapsed = time.perf_counter() - t0
        return elapsed, data.count(b"\n")

    def last_id() -> int:
        return Claim.objects.order_by("-id").values_list("id", flat=True).first() or 0

    # Warm-up on other articles: code paths, caches and plans; then a clean slate.
    reset()
    warm = [t.encode() for _, t in synthetic_articles(min(50, args.articles), 7)]
    run_import(warm)
    copy_baseline(0)
    reset()

    # The articles are split over the rounds: each round imports its share into
    # the growing tables (A), imports the same share again (A'), then takes the
    # share's claim rows out and COPYs them back into the same table (B).
    share = -(-len(articles) // args.rounds)
    first, again, copies = [], [], []
    for i in range(args.rounds):
        batch = articles[i * share : (i + 1) * share]
        before = last_id()
        t, rows, sources = run_import(batch)
        first.append({"s": t, "rows": rows, "rows_per_s": rows / t})
        t2, rows2, sources2 = run_import(batch)
        again.append({"s": t2, "rows": rows2, "sources": sources2})
        tc, rows_c = copy_baseline(before)
        copies.append({"s": tc, "rows": rows_c, "rows_per_s": rows_c / tc})
        log(
            f"round {i + 1}/{args.rounds}: import {rows} claims from {sources} "
            f"articles in {t:.2f}s; again {t2:.2f}s ({rows2} new); "
            f"COPY {rows_c} rows in {tc:.3f}s"
        )
    reset()

    p6 = median(
        [a["rows_per_s"] / b["rows_per_s"] for a, b in zip(first, copies, strict=True)]
    )
    p7 = median([b["s"] / a["s"] for a, b in zip(first, again, strict=True)])
    created_again = max(r["rows"] for r in again)
    n = args.articles
    rows = sum(r["rows"] for r in first)
    emit(
        [
            Row(
                "P6",
                f"import of {n:,} articles' text → claims (PostgreSQL; parsing and "
                f"extraction included, network excluded; {args.rounds} rounds of "
                f"{share:,})",
                "COPY of the same claim rows into the same table",
                "≥ 0.5× rows/s",
                result=f"{p6:.3f}×",
                detail=(
                    f"import {med(first, 'rows_per_s'):,.0f} claims/s "
                    f"({rows:,.0f} claims, {megabytes:.1f} MB, "
                    f"{share / med(first, 's'):,.0f} articles/s) vs COPY "
                    f"{med(copies, 'rows_per_s'):,.0f} rows/s"
                ),
                met=p6 >= 0.5,
                extra={"rounds": args.rounds},
            ),
            Row(
                "P7",
                f"the same {n:,}-article import again",
                "the first import",
                "0 rows created; ≤ 1.0× its time",
                result=f"{p7:.3f}× time, {created_again} rows created",
                detail=(
                    f"again {med(again, 's'):.2f} s vs first {med(first, 's'):.2f} s "
                    f"per round of {share:,} articles"
                ),
                met=created_again == 0 and p7 <= 1.0,
                extra={"rounds": args.rounds},
            ),
        ]
    )


if __name__ == "__main__":
    main()

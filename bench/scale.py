"""P-scale: the ratings feed's first page and a filtered page, small desk vs large.

Two gunicorn servers (2 workers each), one on the small data set and one on the
large (same generator, same seed), hit in turn with one connection, so the figure
is the latency of one request. The filtered page is `?verdict=false`.
"""

import argparse

from . import load
from .harness import Row, emit, interleave, log, med, paired_ratio, stop_on_sigterm

PAGES = [
    ("first page", "/api/v1/ratings/"),
    ("filtered page", "/api/v1/ratings/?verdict=false"),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small-db", required=True)
    parser.add_argument("--large-db", required=True)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    stop_on_sigterm()

    import psycopg

    def count(url: str) -> int:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM claims_claim").fetchone()
            return int(row[0]) if row else 0

    small_n, large_n = count(args.small_db), count(args.large_db)
    row = Row(
        "P-scale",
        f"ratings/ first page and ?verdict=false page with {small_n:,} vs "
        f"{large_n:,} claims (one connection, gunicorn)",
        f"the {small_n:,}-claim case",
        "≤ 1.5× latency",
    )
    with load.gunicorn(args.small_db) as small, load.gunicorn(args.large_db) as large:
        status, _, _ = load.get(small, PAGES[0][1])
        if status == 404:
            emit([row.skipped("endpoint missing: GET /api/v1/ratings/ is 404")])
            return
        parts, worst, ok = [], 0.0, True
        for label, path in PAGES:
            load.warm(small, path, n=2)
            load.warm(large, path, n=2)

            def side(port: int, path: str = path):  # type: ignore[no-untyped-def]
                def run(round_no: int) -> dict[str, float]:
                    return load.latency(
                        port,
                        path,
                        seconds=args.seconds if round_no >= 0 else 1.0,
                    )

                return run

            a, b = interleave(side(large), side(small), rounds=args.rounds, log=log)
            ratio = paired_ratio(a, b, "p50_ms")
            worst = max(worst, ratio)
            ok = ok and ratio <= 1.5
            parts.append(
                f"{label}: {ratio:.2f}× (p50 {med(a, 'p50_ms'):.1f} ms, p99 "
                f"{med(a, 'p99_ms'):.1f} ms, {med(a, 'rps'):,.1f} req/s vs p50 "
                f"{med(b, 'p50_ms'):.1f} ms, p99 {med(b, 'p99_ms'):.1f} ms, "
                f"{med(b, 'rps'):,.1f} req/s)"
            )
    row.result = f"{worst:.2f}× p50 latency (worst page)"
    row.detail = "; ".join(parts)
    row.met = ok
    row.extra = {"rounds": args.rounds}
    emit([row])


if __name__ == "__main__":
    main()

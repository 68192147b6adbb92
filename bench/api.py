"""P1 and P4: the ratings feed under gunicorn, against a bare view and against itself.

P1: `GET /api/v1/ratings/` (first page of 50) vs `/bench/ratings-values/`, a bare
Django view returning the same 50 rows from values() as JsonResponse.
P4: the same request with a matching `If-None-Match` (304) vs the 200 response.
Both sides share one gunicorn (2 sync workers) and take turns, A B A B. With the
benchmarks' Redis db at hand it is the site's cache (`CACHE_URL`), as in
production: throttle counters and the feed's remembered ETags live there.
"""

import argparse
import json

from . import env, load
from .harness import Row, emit, interleave, log, med, paired_ratio, stop_on_sigterm

API = "/api/v1/ratings/"
BASELINE = "/bench/ratings-values/"
CONNECTIONS = 4


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    stop_on_sigterm()
    import os

    db_url = os.environ["DATABASE_URL"]
    redis_url = env.bench_redis_url()
    cache = {"CACHE_URL": redis_url} if redis_url else {}
    p1 = Row(
        "P1",
        "GET /api/v1/ratings/ page of 50 under gunicorn (2 workers, DEBUG off, "
        "persistent DB connections"
        f"{', Redis as the cache' if cache else ''}), {CONNECTIONS} connections",
        "a bare Django view returning the same 50 rows from values() as JsonResponse",
        "≥ 0.85× throughput; p99 ≤ 3× p50",
    )
    p4 = Row(
        "P4",
        "the same request with a matching If-None-Match",
        "the 200 response",
        "≥ 2×",
    )
    with load.gunicorn(db_url, **cache) as port:
        status, headers, body = load.get(port, API)
        if status == 404:
            emit(
                [
                    p1.skipped("endpoint missing: GET /api/v1/ratings/ is 404"),
                    p4.skipped("endpoint missing: GET /api/v1/ratings/ is 404"),
                ]
            )
            return
        if status != 200:
            raise RuntimeError(f"GET {API} answered {status}: {body[:500]!r}")
        results = json.loads(body).get("results", [])
        _, _, base_body = load.get(port, BASELINE)
        base_ids = [r["id"] for r in json.loads(base_body)["results"]]
        if [r["id"] for r in results] != base_ids:
            log("note: the API's first page and the baseline's differ in rows")
        etag = headers.get("ETag", "")
        load.warm(port, API)
        load.warm(port, BASELINE)

        def hit(path: str, headers: dict[str, str] | None = None, expect: int = 200):  # type: ignore[no-untyped-def]
            def side(round_no: int) -> dict[str, float]:
                return load.hammer(
                    port,
                    path,
                    headers=headers,
                    connections=CONNECTIONS,
                    seconds=args.seconds if round_no >= 0 else 1.0,
                    expect=expect,
                )

            return side

        a, b = interleave(hit(API), hit(BASELINE), rounds=args.rounds, log=log)
        ratio = paired_ratio(a, b, "rps")
        tail = med(a, "p99_ms") / med(a, "p50_ms")
        p1.result = f"{ratio:.3f}× throughput; p99 = {tail:.2f}× p50"
        p1.detail = (
            f"API {med(a, 'rps'):,.0f} req/s (p50 {med(a, 'p50_ms'):.1f} ms, p99 "
            f"{med(a, 'p99_ms'):.1f} ms) vs bare view {med(b, 'rps'):,.0f} req/s "
            f"(p50 {med(b, 'p50_ms'):.1f} ms, p99 {med(b, 'p99_ms'):.1f} ms); "
            f"{len(results)} rows/page"
        )
        p1.met = ratio >= 0.85 and tail <= 3.0
        p1.extra = {"rounds": args.rounds}

        if not etag:
            p4.skipped("no ETag on GET /api/v1/ratings/")
        else:
            a4, b4 = interleave(
                hit(API, {"If-None-Match": etag}, expect=304),
                hit(API),
                rounds=args.rounds,
                log=log,
            )
            ratio4 = paired_ratio(a4, b4, "rps")
            p4.result = f"{ratio4:.3f}×"
            p4.detail = (
                f"304 {med(a4, 'rps'):,.0f} req/s (p50 {med(a4, 'p50_ms'):.1f} ms, "
                f"p99 {med(a4, 'p99_ms'):.1f} ms) vs 200 {med(b4, 'rps'):,.0f} "
                f"req/s (p50 {med(b4, 'p50_ms'):.1f} ms, p99 "
                f"{med(b4, 'p99_ms'):.1f} ms)"
            )
            p4.met = ratio4 >= 2.0
            p4.extra = {"rounds": args.rounds}
    emit([p1, p4])


if __name__ == "__main__":
    main()

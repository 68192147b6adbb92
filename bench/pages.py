"""P14: the desk and the queue with a large desk, against the API for the same data.

The editor's pages under gunicorn (logged in by a session cookie) vs the API
request an integration would make for the same data, as the same editor:
the desk `/` vs `GET /api/v1/claims/` (the newest claims, first page), the queue
`/claims/?status=pending` vs `GET /api/v1/claims/?status=pending`. One connection,
so the figure is the latency of one request.
"""

import argparse
import os

from . import load
from .harness import Row, emit, interleave, log, med, paired_ratio, stop_on_sigterm

PAIRS = [
    ("desk /", "/", "/api/v1/claims/"),
    (
        "queue /claims/?status=pending",
        "/claims/?status=pending",
        "/api/v1/claims/?status=pending",
    ),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    stop_on_sigterm()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from claims.models import Claim

    from .datasets import bench_users

    editor = bench_users()["editor"]
    client = Client()
    client.force_login(editor)
    cookie = {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}="
        f"{client.cookies[settings.SESSION_COOKIE_NAME].value}"
    }
    n = Claim.objects.count()
    row = Row(
        "P14",
        f"desk page and queue page with {n:,} claims (editor, one connection, "
        "gunicorn)",
        "the API request for the same data, as the same editor",
        "≤ 2×",
    )
    parts, worst, ok, missing = [], 0.0, True, []
    with load.gunicorn(os.environ["DATABASE_URL"]) as port:
        for label, page, api in PAIRS:
            status, _, body = load.get(port, page, cookie)
            api_status, _, _ = load.get(port, api, cookie)
            if status in (404, 302) or api_status == 404:
                missing.append(f"{page} → {status}, {api} → {api_status}")
                continue
            if status != 200 or api_status != 200:
                raise RuntimeError(f"{page} → {status}, {api} → {api_status}")
            load.warm(port, page, cookie, n=5)
            load.warm(port, api, cookie, n=5)

            def side(path: str):  # type: ignore[no-untyped-def]
                def run(round_no: int) -> dict[str, float]:
                    return load.latency(
                        port,
                        path,
                        headers=cookie,
                        seconds=args.seconds if round_no >= 0 else 1.0,
                    )

                return run

            a, b = interleave(side(page), side(api), rounds=args.rounds, log=log)
            ratio = paired_ratio(a, b, "p50_ms")
            worst = max(worst, ratio)
            ok = ok and ratio <= 2.0
            parts.append(
                f"{label}: {ratio:.2f}× (page p50 {med(a, 'p50_ms'):.1f} ms, p99 "
                f"{med(a, 'p99_ms'):.1f} ms vs API p50 {med(b, 'p50_ms'):.1f} ms, "
                f"p99 {med(b, 'p99_ms'):.1f} ms)"
            )
    if not parts:
        emit([row.skipped("endpoint missing: " + "; ".join(missing))])
        return
    row.result = f"{worst:.2f}× p50 latency (worst page)"
    row.detail = "; ".join(parts + [f"missing: {m}" for m in missing])
    row.met = ok and not missing
    row.extra = {"rounds": args.rounds}
    emit([row])


if __name__ == "__main__":
    main()

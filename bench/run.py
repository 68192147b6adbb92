"""Run the benchmarks and write docs/benchmarks.md (`make bench`, `make bench-smoke`).

Every figure is a ratio against a baseline measured in the same run, interleaved
A B A B, at least five rounds (two in `--smoke`), median reported. Each benchmark
runs in its own process on its own database (see `bench/env.py` for the names),
prints its rows as JSON, and the runner writes the table. `--smoke` runs all of
them on tiny sizes to prove they still work, prints the table and writes nothing;
a benchmark whose service (PostgreSQL, Redis) is missing reports a skipped row
naming it rather than failing.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this directory would shadow the standard library for imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench import env, report  # noqa: E402
from bench.harness import Row, log  # noqa: E402

ENV_REDIS_DB = "FACTCHECK_BENCH_REDIS_DB"
FULL = {
    "rounds": 5,
    "articles": 2000,
    "moves": 500,
    "tasks": 10_000,
    "small": 10_000,
    "large": 1_000_000,
    "pages": 100_000,
    "seconds": 3,
}
SMOKE = {
    "rounds": 2,
    "articles": 20,
    "moves": 20,
    "tasks": 200,
    "small": 300,
    "large": 3_000,
    "pages": 1_000,
    "seconds": 1,
}

PLACEHOLDERS = {
    "P1": ("GET /api/v1/ratings/ page of 50 under gunicorn", "bare values() view"),
    "P4": ("the same request with a matching If-None-Match", "the 200 response"),
    "P6": ("import of articles' text → claims", "COPY of the same claim rows"),
    "P7": ("the same import again", "the first import"),
    "P8": ("quote extraction on the shared corpus", "a plain regex pass"),
    "P10": ("Celery: our tasks through a real worker on Redis", "bare no-op tasks"),
    "P13": ("workflow moves pending → sourced → rated", "raw SQL UPDATE"),
    "P-scale": ("ratings/ pages with 10,000 vs 1,000,000 claims", "the 10,000 case"),
    "P14": ("desk and queue pages with 100,000 claims", "the API request"),
}
TARGETS = {
    "P1": "≥ 0.85× throughput; p99 ≤ 3× p50",
    "P4": "≥ 2×",
    "P6": "≥ 0.5× rows/s",
    "P7": "0 rows created; ≤ 1.0× its time",
    "P8": "report ratio and MB/s (≥ 5 MB/s)",
    "P10": "≥ 0.7×",
    "P13": "≥ 0.3×",
    "P-scale": "≤ 1.5× latency",
    "P14": "≤ 2×",
}


def placeholder(row_id: str, reason: str) -> Row:
    what, baseline = PLACEHOLDERS[row_id]
    return Row(row_id, what, baseline, TARGETS[row_id]).skipped(reason)


def run_case(
    ids: list[str], module: str, args: list[str], child: dict[str, str], timeout: int
) -> list[Row]:
    """Run `python -m bench.<module> args` and return the rows it printed."""
    log(f"{'/'.join(ids)}: python -m bench.{module} {' '.join(args)}")
    started = time.monotonic()
    # Its own session, so a timeout stops its servers and workers with it.
    proc = subprocess.Popen(
        [env.PYTHON, "-m", f"bench.{module}", *args],
        cwd=ROOT,
        env=child,
        stdout=subprocess.PIPE,
        stderr=None,  # progress goes straight to the terminal
        text=True,
        start_new_session=True,
    )
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    except BaseException:
        _stop_group(proc)
        if sys.exc_info()[0] is subprocess.TimeoutExpired:
            return [placeholder(i, f"failed: timed out after {timeout} s") for i in ids]
        raise
    lines = [line for line in stdout.splitlines() if line.startswith("[")]
    if proc.returncode != 0 or not lines:
        reason = f"failed: bench.{module} exited {proc.returncode}"
        return [placeholder(i, reason) for i in ids]
    rows = [Row(**r) for r in json.loads(lines[-1])]
    log(f"{'/'.join(ids)}: done in {time.monotonic() - started:.0f} s")
    return rows


def _stop_group(proc: subprocess.Popen[str]) -> None:
    """SIGTERM the case's process group, then SIGKILL what is left."""
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def build_dataset(db_url: str, claims: int, *, reuse: bool) -> None:
    """Create the database by COPY with `claims` claims (or reuse a complete one)."""
    if reuse and env.database_exists(db_url) and _claim_count(db_url) == claims:
        log(f"reusing {env.database_name(db_url)} ({claims:,} claims)")
        return
    env.create_database(db_url)
    env.migrate(db_url)
    log(f"building {env.database_name(db_url)}: {claims:,} claims by COPY")
    subprocess.run(
        [env.PYTHON, "-m", "bench.datasets", "--claims", str(claims)],
        cwd=ROOT,
        env=env.child_env(db_url),
        check=True,
        timeout=1800,
    )


def _claim_count(db_url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(db_url, connect_timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM claims_claim").fetchone()
            return int(row[0]) if row else -1
    except psycopg.Error:
        return -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, no file")
    parser.add_argument("--only", default="", help="comma-separated row ids")
    parser.add_argument("--large", type=int, default=0, help="P-scale large size")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument(
        "--keep", action="store_true", help="keep the data set databases"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="reuse complete data set databases"
    )
    args = parser.parse_args(argv)
    sizes = dict(SMOKE if args.smoke else FULL)
    if args.large:
        sizes["large"] = args.large
    wanted = {s.strip() for s in args.only.split(",") if s.strip()}
    started = time.monotonic()

    base = env.base_database_url()
    pg_problem = env.postgres_problem(base)
    redis_url = env.bench_redis_url()
    redis_problem = env.redis_problem(redis_url)
    root = env.root_name(base, smoke=args.smoke) if base else ""
    db = {
        key: env.database_url(base, f"{root}{suffix}") if base else ""
        for key, suffix in (
            ("main", ""),
            ("small", "_small"),
            ("large", "_large"),
            ("pages", "_pages"),
        )
    }
    rounds = str(sizes["rounds"])

    def want(*ids: str) -> bool:
        return not wanted or bool(wanted.intersection(ids))

    rows: list[Row] = []
    created: list[str] = []
    try:
        if not pg_problem and want("P6", "P7", "P13", "P10"):
            env.create_database(db["main"])
            env.migrate(db["main"])
            created.append(db["main"])
        if not pg_problem and want("P1", "P4", "P-scale"):
            build_dataset(db["small"], sizes["small"], reuse=args.reuse)
            created.append(db["small"])
        if not pg_problem and want("P-scale"):
            build_dataset(db["large"], sizes["large"], reuse=args.reuse)
            created.append(db["large"])
        if not pg_problem and want("P14"):
            build_dataset(db["pages"], sizes["pages"], reuse=args.reuse)
            created.append(db["pages"])

        cases = [
            (
                ["P1", "P4"],
                "api",
                ["--seconds", str(sizes["seconds"]), "--rounds", rounds],
                env.child_env(db["small"], redis_url if not redis_problem else ""),
                pg_problem,
            ),
            (
                ["P6", "P7"],
                "imports",
                ["--articles", str(sizes["articles"]), "--rounds", rounds],
                env.child_env(db["main"]),
                pg_problem,
            ),
            (
                ["P8"],
                "extraction_row",
                ["--smoke"] if args.smoke else [],
                env.child_env(),
                "",
            ),
            (
                ["P10"],
                "throughput",
                ["--tasks", str(sizes["tasks"]), "--rounds", rounds],
                env.child_env(db["main"], redis_url),
                pg_problem or redis_problem,
            ),
            (
                ["P13"],
                "moves",
                ["--claims", str(sizes["moves"]), "--rounds", rounds],
                # Redis as broker and cache, as in production: a move that
                # changes the ratings feed also forgets its remembered ETags.
                env.child_env(
                    db["main"],
                    redis_url if not redis_problem else "",
                    **(
                        {"CACHE_URL": redis_url}
                        if redis_url and not redis_problem
                        else {}
                    ),
                ),
                pg_problem,
            ),
            (
                ["P-scale"],
                "scale",
                [
                    "--small-db",
                    db["small"],
                    "--large-db",
                    db["large"],
                    "--seconds",
                    str(sizes["seconds"]),
                    "--rounds",
                    rounds,
                ],
                env.child_env(db["small"]),
                pg_problem,
            ),
            (
                ["P14"],
                "pages",
                ["--seconds", str(sizes["seconds"]), "--rounds", rounds],
                env.child_env(db["pages"]),
                pg_problem,
            ),
        ]
        for ids, module, case_args, child, problem in cases:
            if not want(*ids):
                continue
            if problem:
                log(f"{'/'.join(ids)}: skipped, {problem}")
                rows.extend(placeholder(i, f"skipped: {problem}") for i in ids)
                continue
            rows.extend(run_case(ids, module, case_args, child, timeout=1800))
    finally:
        if not args.keep:
            for url in created:
                env.drop_database(url)

    order = list(PLACEHOLDERS)
    rows.sort(key=lambda r: order.index(r.id) if r.id in order else len(order))
    elapsed = time.monotonic() - started
    given = argv if argv is not None else sys.argv[1:]
    extra_args = [a for a in given if a != "--smoke"]
    command = " ".join(
        [
            *(
                f"{name}={os.environ[name]}"
                for name in ("DATABASE_URL", "CELERY_BROKER_URL", ENV_REDIS_DB)
                if os.environ.get(name)
            ),
            *(
                ["make bench-smoke" if args.smoke else "make bench"]
                if not extra_args
                else [".venv/bin/python bench/run.py", *extra_args]
            ),
        ]
    )
    text = report.render(
        rows,
        command=command,
        sizes=sizes,
        elapsed=elapsed,
        databases={k: env.database_name(v) for k, v in db.items() if v},
        redis_url=redis_url,
        db_url=base,
    )
    if args.smoke:
        print(report.table(rows))
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(report.table(rows))
        log(f"wrote {args.out}")
    failed = [r for r in rows if r.detail.startswith("failed")]
    log(f"{len(rows)} rows in {elapsed:.0f} s; {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

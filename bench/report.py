"""docs/benchmarks.md: the machine, the versions, the command and the table."""

import datetime as dt
import os
import platform
import shutil
import subprocess
from importlib import metadata
from typing import Any

from .harness import Row

# What would close each target that is missed: read from the profiles taken while
# building these benchmarks; the runner prints it under the table for a missed row.
CLOSING_WORK = {
    "P1": (
        "The ratings page is a DRF view (authentication, throttles, filter "
        "backends, cursor pagination, serializer); the baseline is one values() "
        "query into JsonResponse. To close: feed the serializer from `values()` "
        "(or serialize with plain dicts) and render with orjson, as FACTS.md "
        "measured (0.99× with values(), 1.28× with orjson); keep the page's "
        "queries at two (no COUNT: cursor pagination)."
    ),
    "P4": (
        "A 304 must be decided before the page is rendered: compute the ETag from "
        "one cheap aggregate (max(updated_at), count) of the filtered queryset, "
        "compare it with If-None-Match, and return before serializing. If the "
        "ETag is computed from the rendered body, a 304 costs as much as a 200."
    ),
    "P6": (
        "The import path does one article at a time: about nine statements and "
        "three commits per article (source insert; on commit the extraction "
        "task: count, speaker insert and select, claim bulk insert, count, "
        "source update), while COPY streams every row in one statement. To "
        "close: a batch import service (`import_articles(batch)`) that dedupes a "
        "whole batch by hash in one query, inserts sources with one multi-row "
        "INSERT … ON CONFLICT DO NOTHING RETURNING, extracts in process, creates "
        "speakers once per batch and inserts the batch's claims in one "
        "statement (or COPY into a temporary table and INSERT … SELECT … ON "
        "CONFLICT), one transaction per batch of a few hundred articles. The "
        "per-article path stays for the UI, where latency matters, not rows/s."
    ),
    "P7": (
        "A re-import parses and hashes the text and finds the source by hash: "
        "one indexed look-up. If it is slow, look for an extraction re-run."
    ),
    "P8": "See docs/extraction.md: the extractor's speed is its owner's row.",
    "P10": (
        "Found while building this benchmark: Celery's Django fix-up closes the "
        "database connection before and after every task unless "
        "`CELERY_DB_REUSE_MAX` is set, so each task paid a new PostgreSQL "
        "connection (about 3× slower than with reuse). `CELERY_DB_REUSE_MAX` "
        "in the settings fixes that. What remains is the task's own work: "
        "`dispatch_events` opens a transaction and runs `SELECT … FOR UPDATE "
        "SKIP LOCKED` and the endpoints query even when the outbox is empty; an "
        "`EXISTS` probe on the partial index `event_due_idx` before the "
        "transaction would make the common empty case one round trip. "
        "`acks_late` costs about 20% by itself (FACTS.md) and is kept on purpose."
    ),
    "P13": (
        "A move through the services costs about five statements and a commit "
        "(guard query, compare-and-set UPDATE, transition INSERT; rating adds "
        "the revision and the outbox event, and a savepoint because `move()` "
        "opens its own `atomic()` inside the service's), against one UPDATE. To "
        "close: `transaction.atomic(savepoint=False)` inside `move()` when "
        "already in a transaction, and check the evidence guard with the same "
        "UPDATE (`… AND EXISTS (SELECT 1 FROM claims_evidence …)`) instead of a "
        "separate query."
    ),
    "P-scale": (
        "A page whose cost grows with the table lacks an index for its order "
        "and filter: the ratings feed walks `claim_ratings_feed_idx` "
        "(updated_at, id) WHERE status = 'rated'; a filter on verdict or "
        "speaker needs the filter column in front of that index, and any COUNT "
        "of the filtered set (page-number pagination) grows with the table: "
        "use cursor pagination."
    ),
    "P14": (
        "The desk's aggregates (counts per status, per-day series over 30 days, "
        "time in state, workload) scan the claims table; with 100,000 claims "
        "each is a sequential or index scan. To close: restrict every "
        "aggregate to its window with an index on the window column, or keep "
        "per-day counters updated by the workflow in the same transaction."
    ),
}


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _command_output(*cmd: str) -> str:
    if not shutil.which(cmd[0]):
        return "not installed"
    try:
        out = subprocess.run(
            cmd, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (
        (out.stdout or out.stderr).strip().splitlines()[0]
        if (out.stdout or out.stderr)
        else "unknown"
    )


def machine() -> list[str]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "unknown"
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kib = int(f.readline().split()[1])
            memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores (shared with the other "
        "engineers' test runs while this ran)",
        f"- Memory: {memory}; OS: {platform.platform()}",
    ]


def versions(redis_url: str) -> list[str]:
    pg = _command_output("psql", "--version")
    redis_server = _command_output("redis-server", "--version")
    return [
        f"- Python {platform.python_version()}; Django {_version('Django')}; "
        f"DRF {_version('djangorestframework')}; Celery {_version('celery')}; "
        f"kombu {_version('kombu')}; psycopg {_version('psycopg')}; "
        f"gunicorn {_version('gunicorn')}",
        f"- PostgreSQL: {pg}; Redis: {redis_server}",
        f"- Load generator: {_command_output('wrk', '--version')}"
        if shutil.which("wrk")
        else "- Load generator: Python threads with http.client (wrk not installed)",
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(rows: list[Row]) -> str:
    lines = [
        "| # | what | baseline in the same run | result (median) | detail | "
        "target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        met = {True: "yes", False: "**no**", None: "—"}[r.met]
        lines.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (r.id, r.what, r.baseline, r.result, r.detail, r.target, met)
            )
            + " |"
        )
    return "\n".join(lines)


def render(
    rows: list[Row],
    *,
    command: str,
    sizes: dict[str, Any],
    elapsed: float,
    databases: dict[str, str],
    redis_url: str,
) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand. Every "
        "figure is a ratio against a baseline measured in the same run, the two "
        "sides interleaved A B A B after a discarded warm-up pair, "
        f"{sizes['rounds']} rounds each, the median of the per-round ratios "
        "reported, with p50/p99 latency beside throughput where there is load. "
        "All traffic is on 127.0.0.1; every load loop stops at a request count "
        "or a deadline.",
        "",
        f"Run: {now}, `{command}`, {elapsed / 60:.1f} minutes.",
        "",
        "## Machine and versions",
        "",
        *machine(),
        *versions(redis_url),
        "",
        "## Results",
        "",
        table(rows),
        "",
    ]
    missed = [r for r in rows if r.met is False]
    if missed:
        out += ["## Targets missed, and the work to close them", ""]
        for r in missed:
            out += [
                f"- **{r.id}** ({r.result}; target {r.target}). "
                + CLOSING_WORK.get(r.id, ""),
                "",
            ]
    notes = [r for r in rows if r.note]
    if notes:
        out += ["## Notes", ""]
        out += [f"- **{r.id}**: {r.note}" for r in notes]
        out += [""]
    out += [
        "## How it was measured",
        "",
        "- Data sets come from `bench/datasets.py` (seeded, deterministic): "
        "synthetic articles written from the module's own word lists (never the "
        "corpus), and desks of claims in every status written with PostgreSQL "
        "COPY. Databases: "
        + ", ".join(f"`{name}`" for name in databases.values())
        + "; created, migrated and dropped by the run.",
        f"- Sizes: {sizes['articles']:,} articles (P6/P7), {sizes['moves']:,} "
        f"claims moved (P13), {sizes['tasks']:,} tasks per side (P10), "
        f"{sizes['small']:,} vs {sizes['large']:,} claims (P-scale; P1/P4 use the "
        f"first), {sizes['pages']:,} claims (P14), {sizes['seconds']} s of load "
        "per side per round.",
        "- HTTP rows run the site under gunicorn (2 sync workers, the Dockerfile's "
        "shape), DEBUG off, persistent database connections "
        "(`DATABASE_CONN_MAX_AGE=600`), settings `bench.settings` (the project's, "
        "plus `bench.urls` with the baseline views; throttles run but with "
        "rates no load generator reaches).",
        "- Celery rows use a real worker (the Procfile's prefork, concurrency 2) "
        "on the benchmarks' own Redis db and `bench.*` queues.",
        "",
    ]
    return "\n".join(out)

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
        "The page is built from `values()`, shaped by a plain function and "
        "rendered with orjson (from about 0.16× to 0.44×), and the feed's "
        "filter is one indexed predicate, `first_rated_at IS NOT NULL`, down a "
        "partial index on (updated_at, id) (0.41–0.42× to 0.51–0.59×). The "
        "page's revisions now come with it, one `jsonb_agg` subquery per row, "
        "so a page is one query on PostgreSQL (a request carrying "
        "If-None-Match keeps the plain page query and fetches revisions only "
        "for a 200). The same subquery through the ORM (an ArraySubquery of a "
        "JSONObject) took longer to compile per request than the query it "
        "replaced and left the request no faster, so it is written as SQL. "
        "Profiled in process on the 10,000-claim set: the second query cost "
        "about 1.3 ms of a 4.5 ms request; DRF's own path (authentication, "
        "permissions, throttles, negotiation, finalize, render) is about "
        "0.3 ms, and stays, since keys and throttles must keep working. CPU "
        "per request (the Python process and its PostgreSQL backend, 1,500 "
        "requests, old and new alternately, two rounds) went from 6.2–8.2 ms "
        "to 4.7–6.1 ms, the same-run ratio to the bare view from 0.45–0.52× "
        "to 0.53–0.60×. Under gunicorn on the shared two-core machine (load "
        "average 2–3.7 from other work) the gain is smaller than the noise of "
        "one run: P1 was 0.52–0.58× before and 0.47–0.65× after "
        "(`bench/run.py --only P1,P4`, six and seven runs); two gunicorns side "
        "by side, old and new code on one data set, six alternating rounds, "
        "gave 217 against 230 API req/s (median; new over old 0.91–1.33 per "
        "round) and 0.49× against 0.52× the bare view. What is left is the "
        "baseline's own work plus the feed's: building the `values()` query "
        "with 19 joined columns (about 0.5 ms, as the baseline's), loading the "
        "rows "
        "(Django's per-value time-zone loader), shaping 50 items (about "
        "0.45 ms), the ETag, links and render (about 0.4 ms). Closing the rest "
        "would take not building the page per request (a rendered-page cache "
        "under the remembered ETags' generation), which would measure a cache "
        "rather than the API."
    ),
    "P4": (
        "A conditional request for a ratings page remembers the page's ETag in "
        "the shared cache (`claims/feed_etags.py`) under a generation token "
        "that every write changing a feed page replaces on commit, so a repeat "
        "304 costs a cache read and no query; the last page, where settling "
        "rows land without a write, is never remembered, and without "
        "`CACHE_URL` nothing is. Measured alternately with Redis as the cache "
        "(`bench/run.py --only P1,P4`, four runs before, five after): "
        "1.42–1.66× before, 3.23–3.86× after (304 at 580–930 req/s against "
        "200 at 150–250). "
        "With a per-process cache (nothing remembered) it was 1.32–1.63× "
        "before and 1.56–1.76× after (two runs a side)."
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
        "per-article path stays for the dashboard, where latency matters, not "
        "rows/s."
    ),
    "P7": (
        "A re-import parses and hashes the text and finds the source by hash: "
        "one indexed look-up. If it is slow, look for an extraction re-run."
    ),
    "P8": (
        "The row is the extractor's own (`bench/extraction.py`, issue 3): the "
        "regex pass only pairs marks, while the extractor also splits "
        "sentences, filters scare quotes and attributes every quote to a "
        "speaker (cue search, name resolution, pronoun antecedents), all in "
        "pure Python per quote. The figure depends on the machine: the same "
        "code ran 45–50× slower than the regex on one machine (3.65–4.33 "
        "MB/s) and 32–34× on the next (5.35–5.65 MB/s). The profile is flat "
        "(framing about 44%, speaker resolution about 26%, no function above "
        "a few percent); the speed passes of the last three rounds, each with "
        "byte-identical output, took about 22%, 11% and 8% of the "
        "instructions of their day away (docs/extraction.md, Speed). A large "
        "further cut would take a different design (one pass "
        "per paragraph building the cue, sentence and name tables for all its "
        "quotes), not more tuning."
    ),
    "P10": (
        "Two causes were found and fixed while building this benchmark. "
        "Celery's Django fix-up closed the database connection before and "
        "after every task, so each task paid a new PostgreSQL connection "
        "(about 3× slower); `CELERY_DB_REUSE_MAX` (default 50) in the settings "
        "keeps it. And `dispatch_events`, which nearly always finds the outbox "
        "empty, opened a transaction with `SELECT … FOR UPDATE SKIP LOCKED` and "
        "an endpoints query each time; it now probes `event_due_idx` first "
        "(0.33× before; 0.62× to 0.78× in three runs after, so the target is "
        "met or missed by this machine's run-to-run noise). What is left is "
        "`acks_late` (about 20% by itself, FACTS.md, kept on purpose) and the "
        "one probe query per task."
    ),
    "P13": (
        "Profiled per claim (300 claims, `CaptureQueriesContext`, wall and "
        "client CPU time): evidence was 4 statements with BEGIN and COMMIT "
        "(1.4–1.8 ms), mark sourced 4 (1.9–2.3 ms), rate 6 plus the dispatcher "
        "kick (3.0–3.8 ms, of which the Celery publish 0.6–0.8 ms); 4.1 of the "
        "6.4 ms per claim was client CPU, about half of a move's spent building "
        "and compiling its QuerySet UPDATE. Now each is one statement in autocommit "
        "mode: a move is the compare-and-set UPDATE (written out, values "
        "prepared by their fields) with its transition and, for a rating, its "
        "revision and outbox event as data-modifying CTEs; evidence is one "
        "INSERT … SELECT from the claim row locked FOR UPDATE; the kick is sent "
        "only when none is waiting (a Redis SET NX, 0.16 ms, that the kicked "
        "run clears before reading). Evidence 0.6–0.9 ms, mark 0.7–1.1 ms, "
        "rate 1.0–1.6 ms, client CPU about 1 ms per claim; forcing the "
        "statement-by-statement path on PostgreSQL costs 5.1–6.0 ms per claim "
        "against 2.9–4.2 ms, so the CTEs are worth their lines. Alternate runs "
        "(`bench/run.py --only P13`, six each, load average 1.4–2.8): "
        "0.092–0.118× before, 0.255–0.308× after, so the target is met or "
        "missed by this shared machine's noise. The row now runs with Redis as "
        "the cache too, as in production: a rating, or any move of a claim "
        "ever rated, also replaces the generation of the ratings feed's "
        "remembered ETags on commit (one more Redis write; moves of claims "
        "never rated skip it, since the feed cannot show them). Measured "
        "alternately in one hour: 0.294–0.296× without the cache, 0.232–0.260× "
        "with it. What is left: three commits "
        "per claim against the baseline's two, the rating's Redis round trips, "
        "and planning each statement (0.08–0.1 ms; Django binds parameters "
        "client-side, so nothing is prepared: psycopg's prepared statements "
        "need `server_side_binding`, a project-wide change to measure against "
        "the whole suite first)."
    ),
    "P-scale": (
        "The feed is one indexed predicate (`first_rated_at IS NOT NULL`, "
        "partial indexes on (updated_at, id) and on (verdict, updated_at, id) "
        "for `?verdict=`); each page walks its index and stops at 51 rows, so "
        "it does not grow with the table. Before, the filter `status = "
        "'rated' OR EXISTS (rating revision)` ran as a hashed subplan over "
        "every revision, and a verdict page scanned the plain `updated_at` "
        "index: the worst page went from 1.24–1.25× to 1.05–1.14× in "
        "alternate runs on one machine. If this is missed, read the slower "
        "page's plan (`EXPLAIN ANALYZE`): a filter outside those indexes makes "
        "PostgreSQL scan. Also `jit = off` for this OLTP database "
        "(`OPTIONS: {'options': '-c jit=off'}`): a JIT compile of a big plan "
        "costs about 0.45 s (seen while an earlier version of the feed "
        "counted the whole table for its ETag)."
    ),
    "P14": (
        "The desk's aggregates (counts per status, per-day series over 30 days, "
        "time in state, workload) scan the claims table; with 100,000 claims "
        "each is a sequential or index scan. To close: restrict every aggregate "
        "to its window with an index on the window column, or keep per-day "
        "counters updated by the workflow in the same transaction."
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
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; load average when the "
        f"report was written: {os.getloadavg()[0]:.1f}",
        f"- Memory: {memory}; OS: {platform.platform()}",
    ]


def _postgres_server(db_url: str) -> str:
    if not db_url:
        return "not used"
    try:
        from .env import admin_connect

        with admin_connect(db_url) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            return f"server {row[0]}" if row else "unknown"
    except Exception as exc:  # noqa: BLE001 - a report line, never a failure
        return f"unknown ({exc.__class__.__name__})"


def _redis_server(redis_url: str) -> str:
    if not redis_url:
        return "not used"
    try:
        import redis

        info = redis.Redis.from_url(redis_url, socket_timeout=2).info("server")
        return f"server {info.get('redis_version', 'unknown')}"
    except Exception as exc:  # noqa: BLE001 - a report line, never a failure
        return f"unknown ({exc.__class__.__name__})"


def versions(redis_url: str, db_url: str = "") -> list[str]:
    pg = _postgres_server(db_url)
    redis_server = _redis_server(redis_url)
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
    db_url: str = "",
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
        *versions(redis_url, db_url),
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
        "rates no load generator reaches). P1/P4's gunicorn uses the "
        "benchmarks' Redis db as its cache (`CACHE_URL`), as production does, "
        "so its workers share the throttle counters and the ratings feed's "
        "remembered ETags.",
        "- Celery rows use a real worker (the Procfile's prefork, concurrency 2) "
        "on the benchmarks' own Redis db and `bench.*` queues.",
        "",
        "Per row (each module's docstring has the details):",
        "",
        "- P1/P4 (`bench/api.py`): one gunicorn, 4 connections; the baseline "
        "view (`bench/views.py`) selects the first 50 rated claims in the feed's "
        "order with `values()` (speaker and source joined) into `JsonResponse`. "
        "P4 sends the ETag of the 200 response back as `If-None-Match` and "
        "checks that every answer is a 304.",
        "- P6/P7 (`bench/imports.py`): each round truncates, imports every "
        "article (`sources.services.import_bytes`, extraction on commit in "
        "process), imports them all again, then COPYs the claim rows the first "
        "import made back into the emptied claims table.",
        "- P8 (`bench/extraction.py`, the extractor's own): CPU time of "
        "`claims.extraction.extract` against a bare quote-pairing regex over "
        "the PolNeAR texts in `../shared/corpus/` (read at run time only).",
        "- P10 (`bench/throughput.py`): each batch is published first, then the "
        "worker is told to consume it; the clock runs until the queue and the "
        "unacked set are empty.",
        "- P13 (`bench/moves.py`): `attach_evidence`, `mark_claim_sourced`, "
        "`rate_claim` per claim against two `UPDATE … WHERE id = %s AND status "
        "= %s` per claim; the rows go back to pending between sides.",
        "- P-scale (`bench/scale.py`) and P14 (`bench/pages.py`): one "
        "keep-alive connection, requests one after another for the round's "
        "time but at least five, p50 compared. P14 compares the desk `/` with "
        "`GET /api/v1/claims/` and the queue `/claims/?status=pending` with "
        "`GET /api/v1/claims/?status=pending`, both as the same logged-in "
        "editor.",
        "",
    ]
    return "\n".join(out)

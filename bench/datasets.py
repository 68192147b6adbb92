"""Deterministic, seeded data sets for the benchmarks.

- `synthetic_articles(n, seed)`: plain-text news articles with quotes in the shapes
  reporters write them (`"…," said Name, the role.` / `Name said: "…"`), made from
  this module's own word lists, never from the corpus or the seeds.
- `build_claims(n, seed)`: a review desk of `n` claims in every status, with
  speakers, sources, reviewers and the rated claims' transition and revision rows,
  written with PostgreSQL COPY (no ORM per row), then ANALYZEd.

Run inside Django (bench settings): `python -m bench.datasets --claims 10000`.
"""

import argparse
import datetime as dt
import hashlib
import random
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

SEED = 20261128

FIRST = [
    "Ada",
    "Bram",
    "Cora",
    "Dario",
    "Elin",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kaja",
    "Lior",
    "Mira",
    "Nils",
    "Oona",
    "Pavel",
    "Quinn",
    "Rosa",
    "Soren",
    "Tamar",
    "Ugo",
    "Vera",
    "Wim",
    "Xenia",
    "Yusuf",
    "Zora",
    "Amos",
    "Bea",
    "Cyril",
    "Dana",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Marchetti",
    "Haddad",
    "Novak",
    "Brennan",
    "Sato",
    "Albrecht",
    "Moreau",
    "Quispe",
    "Varga",
    "Delacroix",
    "Nakamura",
    "Osei",
    "Petrov",
    "Castellano",
    "Ferreira",
    "Halvorsen",
    "Iqbal",
    "Jansen",
    "Kowalczyk",
    "Laurent",
    "Mbeki",
    "Nordahl",
    "Ostrander",
    "Pereira",
    "Rahimi",
    "Szabo",
    "Takeda",
    "Ulloa",
]
ROLES = [
    "the city's finance director",
    "a spokeswoman for the ministry",
    "the union's president",
    "a senator from the northern district",
    "the mayor",
    "an economist at the institute",
    "the health commissioner",
    "a police spokesman",
    "the opposition leader",
    "the governor",
]
SUBJECTS = [
    "unemployment",
    "the deficit",
    "crime",
    "school funding",
    "the new bridge",
    "housing prices",
    "the tax plan",
    "water quality",
    "hospital waiting times",
    "the pension fund",
    "bus fares",
    "the harbour project",
    "emissions",
    "the election budget",
    "rents",
]
CHANGES = [
    "fell by",
    "rose by",
    "doubled in",
    "dropped to",
    "grew by",
    "shrank by",
    "climbed to",
    "stayed at",
]
FILLER = [
    "The council met on Tuesday evening to discuss the proposal.",
    "Officials have not released the full report.",
    "Residents packed the hall, and the meeting ran late.",
    "The figures were published in the annual review last month.",
    "Critics say the numbers leave out the rural districts.",
    "The measure goes to a vote next week.",
    "Several members asked for an independent audit.",
    "The agency did not respond to a request for comment.",
]
CUES = ["said", "says", "told reporters", "added", "argued", "claimed", "warned"]
VERDICTS = ["true", "mostly_true", "half_true", "mostly_false", "false", "unproven"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _claim_sentence(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    number = rng.randint(2, 95)
    year = rng.randint(2010, 2026)
    return (
        f"{subject[0].upper()}{subject[1:]} {rng.choice(CHANGES)} {number} percent "
        f"since {year}"
    )


def synthetic_article(index: int, seed: int = SEED) -> tuple[str, str]:
    """Return (title, text) of article `index`: 6–10 quotes, about 2 KB."""
    rng = random.Random(seed * 1_000_003 + index)
    speakers = [(_name(rng), rng.choice(ROLES)) for _ in range(rng.randint(2, 4))]
    title = f"{rng.choice(SUBJECTS).capitalize()} debate, report {index}"
    paragraphs = [f"{title}", f"{rng.choice(FILLER)} {rng.choice(FILLER)}"]
    for q in range(rng.randint(6, 10)):
        name, role = rng.choice(speakers)
        surname = name.split()[1]
        claim = _claim_sentence(rng)
        shape = q % 4
        if shape == 0:
            quote = f"“{claim},” said {name}, {role}."
        elif shape == 1:
            quote = f"{name}, {role}, said: “{claim}, and we can prove it.”"
        elif shape == 2:
            quote = f"“{claim},” {surname} {rng.choice(CUES)}. “That is the record.”"
        else:
            quote = f'"{claim}," {name} {rng.choice(CUES)} on {_weekday(rng)}.'
        paragraphs.append(f"{rng.choice(FILLER)} {rng.choice(FILLER)} {quote}")
    paragraphs.append(f"The so-called “{rng.choice(SUBJECTS)} plan” remains unclear.")
    return title, "\n\n".join(paragraphs) + "\n"


def _weekday(rng: random.Random) -> str:
    return rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])


def synthetic_articles(n: int, seed: int = SEED) -> list[tuple[str, str]]:
    """Return `n` deterministic articles as (title, text)."""
    return [synthetic_article(i, seed) for i in range(n)]


# --- the desk, by COPY ---------------------------------------------------------


def _columns(model: Any) -> tuple[list[str], dict[str, Any]]:
    """Return the model's columns (without id) and each column's default value."""
    from django.db import models
    from django.utils import timezone

    now = timezone.now()
    columns, defaults = [], {}
    for f in model._meta.concrete_fields:
        if f.primary_key and isinstance(f, models.AutoField):
            continue
        columns.append(f.column)
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.column] = now
        elif f.has_default():
            value = f.get_default()
            if isinstance(f, models.JSONField):
                from psycopg.types.json import Jsonb

                value = Jsonb(value)
            defaults[f.column] = value
        elif f.null:
            defaults[f.column] = None
        else:
            defaults[f.column] = "" if f.empty_strings_allowed else None
    return columns, defaults


def copy_rows(
    model: Any, rows: Iterable[dict[str, Any]], *, with_id: bool = False
) -> int:
    """COPY `rows` (column → value; the rest take the field's default) into `model`."""
    from django.db import connection

    columns, defaults = _columns(model)
    if with_id:
        columns = ["id", *columns]
        defaults = {"id": None, **defaults}
    table = model._meta.db_table
    count = 0
    cols = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row.get(c, defaults[c]) for c in columns])
                count += 1
        if with_id:
            # The table name comes from the model's meta, never from input.
            sql = (
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                f'COALESCE((SELECT max(id) FROM "{table}"), 1))'
            )
            cursor.execute(sql)
    return count


def _anchor() -> dt.datetime:
    """Midnight UTC today: the data set's "now", the same all day."""
    today = dt.datetime.now(dt.UTC).date()
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)


def bench_users() -> dict[str, Any]:
    """Create (or fetch) the editor and ten reviewers the benchmarks act as."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from claims.roles import ensure_groups

    if not Group.objects.filter(name="editor").exists():
        ensure_groups(Group, Permission)
    user_model = get_user_model()
    editor, _ = user_model.objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True}
    )
    editor.groups.add(Group.objects.get(name="editor"))
    reviewers = []
    for i in range(10):
        user, _ = user_model.objects.get_or_create(
            username=f"bench-reviewer-{i}", defaults={"is_staff": True}
        )
        user.groups.add(Group.objects.get(name="reviewer"))
        reviewers.append(user)
    return {"editor": editor, "reviewers": reviewers}


def build_claims(n: int, seed: int = SEED, *, log: Any = None) -> dict[str, int]:
    """Fill an empty, migrated database with a desk of `n` claims; return counts.

    Status mix: 40% pending, 15% sourced, 30% rated, 15% dismissed; created over
    the last 365 days; every rated claim has its `claim.rate` transition and its
    rating revision, as the workflow would have written them.
    """
    from django.db import connection

    from claims.models import Claim, ClaimTransition, RatingRevision, Speaker
    from sources.models import Source

    say = log or (lambda message: None)
    if Claim.objects.exists() or Speaker.objects.exists() or Source.objects.exists():
        raise SystemExit("build_claims needs an empty, migrated database")
    rng = random.Random(seed)
    users = bench_users()
    editor_id = users["editor"].pk
    reviewer_ids = [u.pk for u in users["reviewers"]]
    anchor = _anchor()
    n_speakers = max(20, n // 200)
    n_sources = max(5, n // 8)
    t0 = time.monotonic()

    names = sorted({f"{f} {ln}" for f in FIRST for ln in LAST})
    speakers = []
    for i in range(n_speakers):
        base = names[i % len(names)]
        name = base if i < len(names) else f"{base} {i // len(names) + 1}"
        speakers.append(
            {"name": name, "key": name.lower(), "role": rng.choice(ROLES)[:300]}
        )
    copy_rows(Speaker, speakers)
    speaker_ids = [
        pk for (pk,) in Speaker.objects.order_by("id").values_list("id").iterator()
    ]

    def sources() -> Iterator[dict[str, Any]]:
        for i in range(n_sources):
            text = (
                f"Synthetic article {i} of the benchmark desk. "
                f"{FILLER[i % len(FILLER)]}"
            )
            yield {
                "title": f"{SUBJECTS[i % len(SUBJECTS)].capitalize()} report {i}",
                "url": f"https://news.example.org/{i}",
                "canonical_url": f"https://news.example.org/{i}",
                "publisher": "Example News",
                "text": text,
                "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
                "created_at": anchor - dt.timedelta(days=365 * (1 - i / n_sources)),
                "extracted_at": anchor,
            }

    copy_rows(Source, sources())
    source_ids = [
        pk for (pk,) in Source.objects.order_by("id").values_list("id").iterator()
    ]
    say(f"{n_speakers} speakers, {n_sources} sources in {time.monotonic() - t0:.1f}s")

    rated: list[tuple[int, dt.datetime, str, str]] = []
    statuses = ["pending"] * 40 + ["sourced"] * 15 + ["rated"] * 30 + ["dismissed"] * 15

    def claims() -> Iterator[dict[str, Any]]:
        for i in range(n):
            status = statuses[rng.randrange(100)]
            created = anchor - dt.timedelta(seconds=int(365 * 86400 * (1 - i / n)))
            changed = created + dt.timedelta(hours=rng.randint(1, 240))
            quote = _claim_sentence(rng) + "."
            slot = i // len(source_ids)
            row: dict[str, Any] = {
                "id": i + 1,
                "source_id": source_ids[i % len(source_ids)],
                "speaker_id": rng.choice(speaker_ids) if rng.random() < 0.9 else None,
                "quote": quote,
                "start": slot * 200,
                "end": slot * 200 + len(quote),
                "context": f"“{quote}” the speaker said.",
                "speaker_mention": "the speaker",
                "cue": "said",
                "confidence": round(rng.random(), 3),
                "checkworthiness": round(rng.random(), 3),
                "status": status,
                "created_at": created,
                "updated_at": changed if status != "pending" else created,
                "status_changed_at": changed if status != "pending" else created,
                "assignee_id": rng.choice(reviewer_ids) if rng.random() < 0.5 else None,
            }
            if status == "rated":
                verdict = rng.choice(VERDICTS)
                summary = f"Records show {SUBJECTS[i % len(SUBJECTS)]} did not change."
                row.update(
                    verdict=verdict,
                    summary=summary,
                    rated_at=changed,
                    first_rated_at=changed,
                    version=3,
                )
                rated.append((i + 1, changed, verdict, summary))
            elif status == "dismissed":
                row.update(dismiss_reason="opinion", version=2)
            elif status == "sourced":
                row.update(version=2)
            yield row

    copy_rows(Claim, claims(), with_id=True)
    say(f"{n} claims in {time.monotonic() - t0:.1f}s")

    copy_rows(
        ClaimTransition,
        (
            {
                "id": k + 1,
                "claim_id": claim_id,
                "action": "claim.rate",
                "from_status": "sourced",
                "to_status": "rated",
                "actor_id": editor_id,
                "at": at,
            }
            for k, (claim_id, at, _, _) in enumerate(rated)
        ),
        with_id=True,
    )
    copy_rows(
        RatingRevision,
        (
            {
                "claim_id": claim_id,
                "transition_id": k + 1,
                "verdict": verdict,
                "summary": summary,
                "actor_id": editor_id,
                "created_at": at,
            }
            for k, (claim_id, at, verdict, summary) in enumerate(rated)
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"{len(rated)} rated claims with history; done in {time.monotonic() - t0:.1f}s")
    return {
        "claims": n,
        "rated": len(rated),
        "speakers": n_speakers,
        "sources": n_sources,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    import django

    django.setup()
    from .harness import log

    counts = build_claims(args.claims, args.seed, log=log)
    print(counts, file=sys.stderr)


if __name__ == "__main__":
    main()

"""`manage.py extract_quotes`: JSON lines per file, no database, clear errors."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.extraction import evaluation

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_933459f4706ab866.txt"


def run(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("extract_quotes", *args, "--format", "jsonl", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_extract_quotes_prints_one_object_per_file_in_order(tmp_path):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes("Intro line.\r\n\r\n“Keep going,” said Ann Lee.\r\n".encode())
    rows = run(str(SEED), str(crlf))
    assert [row["file"] for row in rows] == [str(SEED), str(crlf)]
    text = SEED.read_bytes().decode("utf-8")
    assert len(rows[0]["quotes"]) == 4
    for quote in rows[0]["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["quote"]
        assert {"speaker", "role", "cue", "kind", "group", "confidence"} <= set(quote)
        assert quote["attribution"] in ("post", "inverted", "pre", "split", "follow")
    # Offsets count code points in the bytes as given: \r\n is not normalised.
    (quote,) = rows[1]["quotes"]
    raw = crlf.read_bytes().decode("utf-8")
    assert raw[quote["start"] : quote["end"]] == "Keep going"
    assert quote["speaker"] == "Ann Lee"


def test_extract_quotes_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "nope.txt"))


def test_extract_quotes_refuses_text_that_is_not_utf8(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes('café "quoted" said Ann'.encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run(str(bad))


def test_extract_quotes_refuses_binary_files(tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02 said \x00")
    with pytest.raises(CommandError, match="binary"):
        run(str(binary))


def test_extract_quotes_prints_nothing_when_one_file_is_bad(tmp_path):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("extract_quotes", str(SEED), str(tmp_path / "x"), stdout=out)
    assert out.getvalue() == ""


def test_extract_quotes_gives_first_person_quotes_to_the_writer(tmp_path):
    essay = tmp_path / "essay.txt"
    essay.write_text("“Your Honor,” I said, “I regret it.”\n", encoding="utf-8")
    assert [q["speaker"] for q in run(str(essay))[0]["quotes"]] == [None, None]
    rows = run(str(essay), "--writer", "Dana Cole")
    assert [q["speaker"] for q in rows[0]["quotes"]] == ["Dana Cole", "Dana Cole"]


def test_evaluate_quotes_prints_scores_and_the_calibration_table():
    if not evaluation.corpus_path().exists():
        pytest.skip(f"PolNeAR corpus not found at {evaluation.corpus_path()}")
    out = io.StringIO()
    call_command("evaluate_quotes", "--split", "dev", stdout=out)
    assert out.getvalue().split()[:2] == ["split", "articles"]
    out = io.StringIO()
    call_command("evaluate_quotes", "--split", "dev", "--calibration", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "dev:" and lines[1].split()[:3] == [
        "attribution",
        "mention",
        "quotes",
    ]
    assert any(line.split()[:2] == ["post", "pronoun"] for line in lines)

"""Score ``extract`` on the PolNeAR quote corpus: quote P/R/F1, speaker accuracy."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import lexicon
from .names import is_role_noun
from .pipeline import extract
from .quote import Quote

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SPACE = re.compile(r"\s+")
_PRONOUN_MENTIONS = lexicon.words("he she they i we it you him her them")
# Words that open a description, not a name; alone they name nobody ("Others",
# "Someone", "Several said").
_DESCRIPTIVE = lexicon.words(
    """
    the a an another one some two three this that these those someone somebody
    anyone anybody everyone everybody nobody others several many few each every
    multiple hundreds thousands dozens
    """
)
_LINKS = frozenset({"of", "for", "at", "from", "in", "with"})
_SURNAME_PARTICLES = frozenset(
    {"de", "del", "della", "der", "van", "von", "da", "di", "du", "la", "le"}
)
_NAME_DROP = frozenset({"the", "a", "an", "jr", "sr", "ii", "iii"})
# A party label before a name is a description, not part of it ("Democrat Ann Lee").
_AFFILIATIONS = frozenset(
    {"democrat", "democratic", "republican", "gop", "independent", "libertarian"}
)
_RELATIVE = frozenset({"which", "who", "whose", "whom", "that"})
_PARENS = re.compile(r'\([^()]*\)|[“"][^”"]*[”"]')
_CONNECTORS = frozenset({"and", "&", "de", "van", "von", "la", "le", "da"})


def corpus_path() -> Path:
    """Return the corpus file in ``$FACTCHECK_CORPUS_DIR`` or ``../shared/corpus``."""
    base = os.environ.get("FACTCHECK_CORPUS_DIR") or str(
        PROJECT_ROOT.parent / "shared" / "corpus"
    )
    return Path(base) / "polnear" / "quotes.jsonl"


def load_split(split: str, path: Path | None = None) -> list[dict[str, Any]]:
    """Return the corpus records of one split (train, dev, test or all)."""
    records = []
    with open(path or corpus_path(), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if split == "all" or record["split"] == split:
                records.append(record)
    return records


def normalise_quote(text: str) -> str:
    """Return quote text compared case-, space- and edge-punctuation-insensitively."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return _EDGE.sub("", _SPACE.sub(" ", text).strip().lower())


def normalise_name(name: str) -> str:
    """Return a name without titles, initials, determiners, appositions or accents."""
    name = unicodedata.normalize("NFKD", name.split(",")[0])
    name = "".join(c for c in name if not unicodedata.combining(c)).replace("’", "'")
    name = re.sub(r"'s?\b", "", name.lower())
    tokens = [t.strip(".-'") for t in name.split()]
    while len(tokens) > 1 and (
        tokens[0] in lexicon.TITLES
        or tokens[0] in _NAME_DROP
        or tokens[0] in _AFFILIATIONS
        or tokens[0] == "del"  # Delegate
    ):
        tokens.pop(0)
        if tokens[:2] == ["of", "state"]:
            del tokens[:2]
    for index, token in enumerate(tokens):
        if index and token in _LINKS:
            del tokens[index:]  # "Sen. Dana Cole of Utah" → "dana cole"
            break
    titles = [n for n, t in enumerate(tokens[:-1]) if t in lexicon.TITLES]
    if titles:
        del tokens[: titles[-1] + 1]  # "Harbor City Mayor Tom Reyes" → "tom reyes"
    tokens = [t for t in tokens if len(t) > 1 and t not in _NAME_DROP]
    for index in range(len(tokens) - 2, -1, -1):
        if tokens[index] in _SURNAME_PARTICLES:
            # "de Blasio", "Van Hollen": one surname, with or without a first name.
            tokens[index : index + 2] = [f"{tokens[index]}_{tokens[index + 1]}"]
    # Middle names come and go ("Ann Marie Baxter"): compare first and last.
    return " ".join(tokens[:1] + tokens[-1:]) if len(tokens) > 2 else " ".join(tokens)


def last_name(name: str) -> str:
    tokens = normalise_name(name).split()
    return tokens[-1].rpartition("_")[2] if tokens else ""  # "de_blasio": "blasio"


def same_surname(name: str, target: str) -> bool:
    """Return True when ``name`` and the gold ``target`` share a last name (the
    lenient test). A gold name of one word may be a given name or a surname
    written first ("Tom" for Tom Ebeling, "Xi" for Xi Jinping), so there the
    predicted first name counts too."""
    if last_name(name) == last_name(target):
        return True
    gold = normalise_name(target).split()
    if len(gold) != 1:
        return False
    tokens = normalise_name(name).split()
    return bool(tokens) and tokens[0] == gold[0]


def gold_name(gold: dict[str, Any]) -> str | None:
    """Return the name a speaker should resolve to, or None when it is not scored."""
    if gold.get("speaker_resolved_silver"):
        return gold["speaker_resolved_silver"]
    mention = gold.get("speaker")
    if not mention or mention.lower() in _PRONOUN_MENTIONS:
        return None
    # The name inside the mention: "A top aide, Lena Park," → "Lena Park". A part is a
    # name when its head is a proper noun: "The Daily Ledger" is, but "The Republican
    # nominee", "Other leaders" or "Dana's niece" are descriptions, scored like a
    # pronoun without silver: not at all.
    for index, part in enumerate(_PARENS.sub(" ", mention).split(",")):
        words = part.split()
        if not words or not words[-1][:1].isupper():
            continue  # the head noun is common: a description ("Club for Growth ad")
        if index and words[0].lower() in _RELATIVE:
            continue  # "…, which include X and Y": a clause, not an apposition
        for cut, word in enumerate(words):
            if cut and word.lower() in _LINKS:
                del words[cut:]  # "Gov. Tom Reyes of Utah", "Friends of the Park"
                break
        while words and (
            words[0].lower() in _DESCRIPTIVE or words[0].lower() in lexicon.TITLES
        ):
            words.pop(0)
        if not words or not words[-1][:1].isupper():
            continue
        run = len(words)
        while run > 0 and (
            words[run - 1][:1].isupper() or words[run - 1].lower() in _CONNECTORS
        ):
            run -= 1
        titled = words[run].endswith(".") and len(words[run]) <= 5  # "Del. X"
        if run and not titled and not is_role_noun(words[run - 1]):
            continue  # "notes released Monday", "a poll by the Ledger": not the head
        name = words[run:]
        while name and name[0].lower() in ("and", "&"):
            name.pop(0)
        if name:
            return " ".join(name)
    return None


@dataclass
class Score:
    """Counts for one split; the ratios are properties."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    named: int = 0
    strict: int = 0
    exact: int = 0
    lenient: int = 0
    mentions: int = 0
    mention_hits: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def ratio(self, hits: int, total: int) -> float:
        return hits / total if total else 0.0

    def row(self, split: str) -> dict[str, Any]:
        return {
            "split": split,
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_n": self.named,
            "speaker_strict": round(self.ratio(self.strict, self.named), 4),
            "speaker_exact": round(self.ratio(self.exact, self.named), 4),
            "speaker_lenient": round(self.ratio(self.lenient, self.named), 4),
            "mention_n": self.mentions,
            "speaker_mention": round(self.ratio(self.mention_hits, self.mentions), 4),
        }


def match(
    golds: list[dict[str, Any]], preds: list[Quote]
) -> Iterator[tuple[dict[str, Any], Quote]]:
    """Pair gold and predicted quotes by normalised text or a joined prediction."""
    free: dict[str, list[int]] = {}
    for index, pred in enumerate(preds):
        free.setdefault(normalise_quote(pred.quote), []).append(index)
    used: set[int] = set()
    left: list[dict[str, Any]] = []
    for gold in golds:
        candidates = [
            i for i in free.get(normalise_quote(gold["quote"]), []) if i not in used
        ]
        if candidates:
            best = min(candidates, key=lambda i: abs(preds[i].start - gold["start"]))
            used.add(best)
            yield gold, preds[best]
        else:
            left.append(gold)
    for gold in left:
        for index, pred in enumerate(preds):
            if (
                pred.start <= gold["start"]
                and gold["end"] <= pred.end
                and (normalise_quote(gold["quote"]) in normalise_quote(pred.quote))
            ):
                used.add(index)
                yield gold, pred
                break


def score(
    records: Iterable[dict[str, Any]], extractor: Callable[[str], list[Quote]] = extract
) -> Score:
    """Return the counts for ``records`` scored against ``extractor``."""
    result = Score()
    for record in records:
        preds = extractor(record["text"])
        golds = record["quotes"]
        result.articles += 1
        result.gold += len(golds)
        result.predicted += len(preds)
        pairs = list(match(golds, preds))
        result.matched_gold += len(pairs)
        result.matched_predicted += len({id(pred) for _, pred in pairs})
        for gold, pred in pairs:
            _score_speaker(result, record, gold, pred)
    return result


def _score_speaker(
    result: Score, record: dict[str, Any], gold: dict[str, Any], pred: Quote
) -> None:
    target = gold_name(gold)
    predicted = pred.speaker or ""
    if target is not None:
        result.named += 1
        # "Donald Trump and Paul Ryan" (both spoke) names each of them.
        names = [predicted, *predicted.split(" and ")] if predicted else []
        exact = any(normalise_name(n) == normalise_name(target) for n in names)
        lenient = any(same_surname(n, target) for n in names)
        # A gold name of one word ("Reyes" with no silver expansion) says nothing about
        # the first name, so there the strict test is the surname.
        strict = exact or (lenient and len(normalise_name(target).split()) == 1)
        result.strict += strict
        result.exact += exact
        result.lenient += lenient
        if not strict:
            result.misses.append(
                {
                    "id": record["id"],
                    "quote": gold["quote"][:80],
                    "gold": target,
                    "mention": gold["speaker"],
                    "method": gold.get("speaker_resolved_method"),
                    "predicted": pred.speaker,
                    "lenient": lenient,
                }
            )
    mention = gold.get("speaker")
    if mention:
        result.mentions += 1
        overlap = (
            pred.speaker_start is not None
            and pred.speaker_end is not None
            and (
                pred.speaker_start < gold["speaker_mention_end"]
                and gold["speaker_mention_start"] < pred.speaker_end
            )
        )
        tokens = normalise_name(mention).split()
        by_name = (
            bool(tokens)
            and tokens[-1] not in _PRONOUN_MENTIONS
            and (tokens[-1] in normalise_name(predicted).split())
        )
        result.mention_hits += overlap or by_name


def calibration(
    records: Iterable[dict[str, Any]], extractor: Callable[[str], list[Quote]] = extract
) -> dict[tuple[str, str], list[int]]:
    """Return ``[quotes, right]`` by attribution and mention ("name" or "pronoun"):
    how often each way of finding a speaker names the right person (lenient)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for record in records:
        text = record["text"]
        for gold, pred in match(record["quotes"], extractor(text)):
            target = gold_name(gold)
            if target is None or not pred.speaker or pred.speaker_start is None:
                continue
            said = text[pred.speaker_start : pred.speaker_end].lower()
            key = (pred.attribution, "pronoun" if said in _PRONOUN_MENTIONS else "name")
            row = counts.setdefault(key, [0, 0])
            row[0] += 1
            row[1] += same_surname(pred.speaker, target)
    return counts


def format_calibration(counts: dict[tuple[str, str], list[int]]) -> str:
    """Return the calibration table, with each rate shrunk toward its mention
    type's mean by 20 quotes' weight: the confidence a quote of that kind earns."""
    means = {}
    for mention in ("name", "pronoun"):
        rows = [row for key, row in counts.items() if key[1] == mention]
        total = sum(n for n, _ in rows)
        means[mention] = sum(hits for _, hits in rows) / total if total else 0.0
    lines = [
        f"{'attribution':<12} {'mention':<8} {'quotes':>7} {'right':>7} {'shrunk':>7}"
    ]
    for (how, mention), (n, hits) in sorted(counts.items(), key=lambda kv: -kv[1][0]):
        shrunk = (hits + 20 * means[mention]) / (n + 20)
        lines.append(
            f"{how or '-':<12} {mention:<8} {n:>7} {hits / n:>7.3f} {shrunk:>7.2f}"
        )
    return "\n".join(lines)


def main(
    argv: list[str] | None = None,
    out: Callable[[str], Any] = print,
    err: Callable[[str], Any] = lambda line: print(line, file=sys.stderr),
) -> int:
    """Print the score table for the splits asked for; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--split", default="test", help="train, dev, test, all or a comma list"
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON row per split"
    )
    parser.add_argument(
        "--misses", type=int, default=0, help="print N speaker disagreements"
    )
    parser.add_argument(
        "--calibration",
        action="store_true",
        help="print how often each attribution is right, by split",
    )
    args = parser.parse_args(argv)
    path = corpus_path()
    if not path.exists():
        err(f"corpus not found: {path} (set FACTCHECK_CORPUS_DIR)")
        return 2
    if args.calibration:
        for split in args.split.split(","):
            out(f"{split}:")
            out(format_calibration(calibration(load_split(split, path))))
        return 0
    rows = []
    for split in args.split.split(","):
        result = score(load_split(split, path))
        rows.append(result.row(split))
        for miss in result.misses[: args.misses]:
            out(json.dumps(miss, ensure_ascii=False))
    if args.json:
        for row in rows:
            out(json.dumps(row))
    else:
        out(format_table(rows))
    return 0


def format_table(rows: list[dict[str, Any]]) -> str:
    """Return the score rows as a plain-text table."""
    heads = [
        "split",
        "articles",
        "gold",
        "predicted",
        "precision",
        "recall",
        "f1",
        "speaker_n",
        "speaker_strict",
        "speaker_exact",
        "speaker_lenient",
        "speaker_mention",
    ]
    lines = ["  ".join(f"{h:>9}" if i else f"{h:<6}" for i, h in enumerate(heads))]
    for row in rows:
        lines.append(
            "  ".join(
                f"{row[h]!s:>9}" if i else f"{row[h]:<6}" for i, h in enumerate(heads)
            )
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())

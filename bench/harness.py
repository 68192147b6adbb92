"""Interleaved A/B rounds, percentiles, and the row each benchmark reports."""

import json
import signal
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Row:
    """One line of the results table; `met` is None when nothing was measured."""

    id: str
    what: str
    baseline: str
    target: str
    result: str = ""
    detail: str = ""
    met: bool | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def skipped(self, reason: str) -> "Row":
        """Mark the row as not measured, saying why."""
        self.result = "not measured"
        self.detail = reason
        self.met = None
        return self


def percentile(values: list[float], pct: float) -> float:
    """Return the `pct` percentile (nearest rank) of `values`."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def interleave(
    a: Callable[[int], dict[str, float]],
    b: Callable[[int], dict[str, float]],
    *,
    rounds: int,
    warmup: bool = True,
    log: Callable[[str], None] | None = None,
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Run `a` and `b` alternately (A B A B …), `rounds` times each.

    Each callable gets the round number and returns its measurements. A warm-up
    pair runs first and is thrown away, so neither side pays for cold caches.
    """
    if warmup:
        a(-1)
        b(-1)
    results_a: list[dict[str, float]] = []
    results_b: list[dict[str, float]] = []
    for i in range(rounds):
        results_a.append(a(i))
        results_b.append(b(i))
        if log:
            log(f"round {i + 1}/{rounds}: A {fmt_dict(results_a[-1])}")
            log(f"round {i + 1}/{rounds}: B {fmt_dict(results_b[-1])}")
    return results_a, results_b


def paired_ratio(
    a: list[dict[str, float]],
    b: list[dict[str, float]],
    key: str,
    *,
    invert: bool = False,
) -> float:
    """Return the median over rounds of a[key] / b[key] (or b/a when `invert`)."""
    ratios = []
    for ra, rb in zip(a, b, strict=True):
        num, den = (rb[key], ra[key]) if invert else (ra[key], rb[key])
        if den:
            ratios.append(num / den)
    return median(ratios)


def med(results: list[dict[str, float]], key: str) -> float:
    return median([r[key] for r in results])


def fmt_dict(d: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.4g}" for k, v in d.items())


def stop_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so `finally` stops the servers and workers."""

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def log(message: str) -> None:
    """Progress on stderr; stdout carries only the JSON rows."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def emit(rows: list[Row]) -> None:
    """Print the rows as one JSON line, the last line the runner reads."""
    print(json.dumps([asdict(r) for r in rows]), flush=True)

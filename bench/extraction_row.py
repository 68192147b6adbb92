"""P8's row: runs the extractor's own benchmark, `bench/extraction.py`, and reports it.

`bench/extraction.py` belongs to the extractor (quote extraction vs a plain regex
pass over the shared corpus, ratio and MB/s); this wrapper only turns what it
returns into the table's row, and says so when it is missing.
"""

import argparse
import importlib
import inspect

from .harness import Row, emit


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args(argv)
    row = Row(
        "P8",
        "quote extraction on the shared corpus",
        "a plain regex pass over the same texts",
        "report the ratio and MB/s (≥ 5 MB/s)",
    )
    try:
        module = importlib.import_module("bench.extraction")
    except ModuleNotFoundError as exc:
        if exc.name != "bench.extraction":
            raise
        emit([row.skipped("bench/extraction.py is missing (the extractor's)")])
        return
    run = getattr(module, "run", None)
    if run is None:
        emit([row.skipped("bench/extraction.py has no run() to call")])
        return
    kwargs = (
        {"smoke": args.smoke} if "smoke" in inspect.signature(run).parameters else {}
    )
    result = run(**kwargs)
    if isinstance(result, Row):
        emit([result])
        return
    if isinstance(result, dict) and "skipped" in result:
        emit([row.skipped(str(result["skipped"]))])
        return
    ratio = float(result["ratio"])
    mbps = float(result["mb_per_s"])
    row.result = f"{ratio:.3f}× the regex pass; {mbps:.1f} MB/s"
    row.detail = str(result.get("detail", ""))
    row.met = mbps >= 5.0
    emit([row])


if __name__ == "__main__":
    main()

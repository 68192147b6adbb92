"""P8's row: runs the extractor's own benchmark, `bench/extraction.py`, and reports it.

`bench/extraction.py` belongs to the extractor (quote extraction vs a plain regex
pass over the shared corpus, MB/s and the ratio) and prints its row with `--json`;
this wrapper only hands that row to the runner, or says why there is none.
"""

import argparse
import contextlib
import importlib
import io
import json

from .harness import Row, emit

TARGET = "report the ratio and MB/s (≥ 5 MB/s)"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args(argv)
    row = Row(
        "P8",
        "quote extraction on the shared corpus",
        "a plain regex pass over the same texts",
        TARGET,
    )
    try:
        module = importlib.import_module("bench.extraction")
    except ModuleNotFoundError as exc:
        if exc.name != "bench.extraction":
            raise
        emit([row.skipped("bench/extraction.py is missing (the extractor's)")])
        return
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            module.main(["--json", *(["--smoke"] if args.smoke else [])])
    except SystemExit as exc:
        if exc.code not in (None, 0):
            emit([row.skipped(f"skipped: {exc.code}")])
            return
    lines = [line for line in out.getvalue().splitlines() if line.startswith("{")]
    if not lines:
        emit([row.skipped("bench/extraction.py printed no JSON row")])
        return
    data = json.loads(lines[-1])
    fields = set(Row.__dataclass_fields__)
    result = Row(**{k: v for k, v in data.items() if k in fields})
    emit([result])


if __name__ == "__main__":
    main()

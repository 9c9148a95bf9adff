"""Damage the example's statements at random and check what ixtag promises: it either stops
with a one-line IxtagError or writes a report that Arelle finds clean (no error,
inconsistency or warning); never a traceback, never an invalid report.

    python scripts/fuzz.py [--seed N] [--runs N] [--keep DIR]

Each run blanks lines, drops tokens and changes digits inside the five statements. Inputs
that break the promise are written to --keep for a regression test.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"


def damaged(lines: list[str], rng: random.Random, span: tuple[int, int]) -> list[str]:
    """A copy of the lines with up to 30 random edits between span[0] and span[1]."""
    out = list(lines)
    for _ in range(rng.randrange(1, 30)):
        index = rng.randrange(*span)
        tokens = out[index].split()
        choice = rng.random()
        if choice < 0.3:
            out[index] = ""
        elif tokens and choice < 0.6:
            del tokens[rng.randrange(len(tokens))]
            out[index] = " ".join(tokens)
        elif tokens:
            k = rng.randrange(len(tokens))
            tokens[k] = tokens[k].replace("1", "7")
            out[index] = " ".join(tokens)
    return out


def check(text: str, workdir: Path, titles: tuple[str, ...] = ()) -> list[str]:
    """Problems with ixtag's output for this input; [] when the promise holds. ``titles``:
    the statement titles of the undamaged text; while one of them is still printed, giving
    up (an IxtagError) breaks the promise as much as an invalid report does."""
    from tagger.errors import IxtagError
    from tagger.options import TagOptions
    from tagger.pipeline import tag
    from tagger.report import write_report
    from tagger.validation import validate_report

    path = workdir / "damaged.txt"
    path.write_text(text, encoding="utf-8")
    try:
        written = write_report(tag(path, TagOptions(stem="damaged")), workdir / "out")
    except IxtagError as exc:
        printed = {line.strip() for line in text.splitlines()}
        readable = [title for title in titles if title in printed]
        return [f"no report although {readable[0]} is printed: {exc}"] if readable else []
    summary = validate_report(written.package)
    return [f"{m.level} {m.code}" for m in summary.run.problems]


TITLES = ("綜合收益表", "綜合全面虧損表", "綜合資產負債表", "綜合權益變動表", "綜合現金流量表")


def statement_span(lines: list[str]) -> tuple[int, int]:
    """From the first primary statement's title to the notes heading."""
    start = next(i for i, line in enumerate(lines) if line.strip() == "綜合收益表")
    end = next(i for i, line in enumerate(lines) if line.strip() == "財務報表附註")
    return start, end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    span = statement_span(lines)
    rng = random.Random(args.seed)
    broken = 0
    for run in range(args.runs):
        text = "\n".join(damaged(lines, rng, span))
        with tempfile.TemporaryDirectory() as workdir:
            problems = check(text, Path(workdir), TITLES)
        if problems:
            broken += 1
            print(f"run {run}: {sorted(set(problems))}")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"seed{args.seed}-run{run}.txt").write_text(text, encoding="utf-8")
    print(f"{args.runs} runs, {broken} broke the promise")


if __name__ == "__main__":
    main()

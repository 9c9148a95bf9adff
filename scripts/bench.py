"""Speed and memory of ixtag on the bundled example (or files given), measured, not asserted.

    python scripts/bench.py [ANNOUNCEMENT ...] [--runs N] [--no-validate] [--pdf [PDF ...]]

Prints, per input: the median wall time of each stage over N runs (read+segment, match+facts
+arithmetic, writing the package, Arelle validation), the peak Python memory of one tagging
run (tracemalloc), and throughput (input KB and facts per second). With --pdf, for each PDF in
../shared/pdf (or given): its pages, the time to read it and to tag it, the time to tag the
same text as a .txt, and the ratio. Timings vary with the machine: compare ratios between
versions on one machine, not absolute numbers. The CPU seconds beside the wall times (of the
process, or of the `ixtag` child processes) move much less with other work on the machine.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"


def _timed(function, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _cpu(clock, function, runs: int) -> float:
    """Median CPU seconds of ``function`` by ``clock``: on a shared machine, wall time grows
    with the other work running beside the bench, CPU time much less."""
    times = []
    for _ in range(runs):
        start = clock()
        function()
        times.append(clock() - start)
    return statistics.median(times)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_FIRST_SIGHT = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from tagger.pipeline import tag\n"
    "tag(Path(sys.argv[2]))\n"
    "start, cpu = time.perf_counter(), time.process_time()\n"
    "tag(Path(sys.argv[1]))\n"
    "print(time.perf_counter() - start, time.process_time() - cpu)\n"
)


def first_sight(path: Path, runs: int) -> tuple[float, float]:
    """In-process tagging of a text the process has not seen, once another announcement
    has warmed it (taxonomy, regular expressions, candidate lists), as in a batch: the
    repeated runs of `bench` reuse what is memoised per line of text, this does not."""
    warm = sorted((ROOT / "tests" / "corpus").glob("*.txt"))[0]
    times, cpu = [], []
    for _ in range(runs):
        command = [sys.executable, "-c", _FIRST_SIGHT, str(path), str(warm)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        wall, seconds = map(float, done.stdout.split())
        times.append(wall)
        cpu.append(seconds)
    return statistics.median(times), statistics.median(cpu)


def bench(path: Path, runs: int, validate: bool) -> dict[str, float]:
    from tagger.pipeline import tag
    from tagger.report import write_report
    from tagger.vocabulary import default_vocabulary

    vocab = default_vocabulary()  # loaded once per process, as the CLI does
    tag_time, result = _timed(lambda: tag(path, vocab=vocab), runs)
    tag_cpu = _cpu(time.process_time, lambda: tag(path, vocab=vocab), runs)
    first_sight_time, first_sight_cpu = first_sight(path, runs)
    with tempfile.TemporaryDirectory() as out:
        write_time, written = _timed(lambda: write_report(result, Path(out)), runs)
        tracemalloc.start()
        tag(path, vocab=vocab)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        row = {
            "tag s (read .. write in memory)": tag_time,
            "tag cpu s": tag_cpu,
            "tag s, text not seen before": first_sight_time,
            "tag cpu s, text not seen before": first_sight_cpu,
            "save s": write_time,
            "peak MiB": peak / 2**20,
            "facts": float(len(result.facts)),
            "KB/s": path.stat().st_size / 1024 / (tag_time + write_time),
        }
        if validate:
            from tagger.validation import validate_report

            validate_report(written.package)  # first run pays Arelle's import and caches
            row["validate s"], _ = _timed(lambda: validate_report(written.package), runs)
    return row


SHARED_PDFS = ROOT.parent / "shared" / "pdf"
IXTAG = Path(sys.executable).with_name("ixtag")


def stage_times(path: Path, runs: int, clock=time.perf_counter, pick=statistics.median):
    """In-process time of each stage of `tagger.pipeline.tag`, in the order it runs: the
    median of wall times, or (``--stages``, for a busy machine) the least CPU time."""
    from tagger import pipeline

    vocab = pipeline.vocabulary_for(None)
    names = [
        "read_text",
        "lay_out",
        "segment",
        "read_columns",
        "match_document",
        "build_facts",
        "add_combined_eps",
        "tag_notes",
        "eps_inputs",
        "tag_movements",
        "with_class_headers",
        "tag_balance_movements",
        "split_by_confidence",
        "resolve_duplicates",
        "note_summations",
        "find_summations",
        "anchor_to_totals",
        "band_facts",
        "breakdown_facts",
        "ageing_facts",
        "ecl_matrix_facts",
        "restated_facts",
        "single_row_facts",
        "section_row_facts",
        "function_facts",
        "text_figures",
        "headcount_facts",
        "dividend_facts",
        "pledged_facts",
        "missed_concepts",
        "untagged_cells",
        "untagged_text_figures",
        "note_sections",
        "entity_facts",
        "printed_totals",
        "build_package",
    ]
    spent: dict[str, list[float]] = {name: [] for name in names}
    originals = {name: getattr(pipeline, name) for name in names}

    def timed(name):
        def call(*args, **kwargs):
            start = clock()
            try:
                return originals[name](*args, **kwargs)
            finally:
                spent[name].append(clock() - start)

        return call

    for name in names:
        setattr(pipeline, name, timed(name))
    try:
        for _ in range(runs):
            pipeline.tag(path, vocab=vocab)
    finally:
        for name, function in originals.items():
            setattr(pipeline, name, function)
    return {name: pick(times) for name, times in spent.items() if times}


def process_times(path: Path, runs: int) -> dict[str, float]:
    """`ixtag tag` and `ixtag validate` as a user runs them: whole processes, start-up and
    imports included. The project's modules are byte-compiled first, as `pip install` does:
    with PYTHONDONTWRITEBYTECODE set (as on the development machine) an editable install
    would otherwise compile about 50 modules from source in every process (0.04 s). For the
    same reason one untimed `ixtag tag` runs first with bytecode writing allowed, as a user's
    first run does: it keeps the compiled regular expressions (tagger.regex_cache)."""
    for package in ("tagger", "taxonomy", "xbrl"):
        compileall.compile_dir(ROOT / package, quiet=1)
    first_run = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [str(IXTAG), "tag", str(path), "-o", out],
            check=True,
            capture_output=True,
            env=first_run,
        )
        tag_time, _ = _timed(
            lambda: subprocess.run(
                [str(IXTAG), "tag", str(path), "-o", out], check=True, capture_output=True
            ),
            runs,
        )
        package = Path(out) / f"{path.stem}.xbri"
        validate = [str(IXTAG), "validate", str(package)]
        validate_time, _ = _timed(
            lambda: subprocess.run(validate, check=True, capture_output=True), runs
        )
        tagging = [str(IXTAG), "tag", str(path), "-o", out]
        tag_cpu, validate_cpu = (
            _cpu(_children_cpu, lambda c=command: subprocess.run(c, capture_output=True), runs)
            for command in (tagging, validate)
        )
        _, tag_peak = probed(tagging)
    return {
        "ixtag tag s": tag_time,
        "ixtag validate s": validate_time,
        "tag / validate": tag_time / validate_time,
        "ixtag tag cpu s": tag_cpu,
        "ixtag validate cpu s": validate_cpu,
        "tag / validate, cpu": tag_cpu / validate_cpu,
        "ixtag tag peak MB": tag_peak,
    }


def batch(path: Path, size: int = 200) -> dict[str, float]:
    """`ixtag tag FOLDER --jobs 1` and `--jobs 2` on a batch of `size` announcements (the
    corpus and renamed copies of `path`): announcements per second, and the speed-up."""
    corpus = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    row: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        for source in corpus:
            (inputs / source.name).write_bytes(source.read_bytes())
        for number in range(size - len(corpus)):
            (inputs / f"copy-{number:04d}.txt").write_bytes(path.read_bytes())
        for jobs in (1, 2):
            out = Path(folder) / f"out{jobs}"
            command = [str(IXTAG), "tag", str(inputs), "-o", str(out), "--jobs", str(jobs)]
            row[f"--jobs {jobs} s"], peak = probed(command)
            row[f"--jobs {jobs} per s"] = size / row[f"--jobs {jobs} s"]
            row[f"--jobs {jobs} peak MB per process"] = peak
    row["speed-up"] = row["--jobs 1 s"] / row["--jobs 2 s"]
    return row


_PROBE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], capture_output=True)\n"
    "seconds = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(seconds, peak)\n"
)


def probed(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of one command (its largest process, workers included),
    read by a fresh intermediate process whose only children are that command's: this
    script's own children (Arelle's validate runs) would otherwise set the peak."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *command], capture_output=True, text=True, check=True
    )
    seconds, peak = map(float, done.stdout.split())
    return seconds, peak


def refusal(megabytes: int = 50) -> dict[str, float]:
    """How long `ixtag tag` takes to refuse a text file over the size limit, and its memory."""
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        with big.open("wb") as out:
            out.truncate(megabytes * 2**20)  # a sparse file: nothing to write
        seconds, peak = probed([str(IXTAG), "tag", str(big), "-o", folder])
    return {f"refuse {megabytes} MB s": seconds, "peak MB of that process": peak}


def growth(path: Path, runs: int) -> dict[str, float]:
    """In-process tagging time of the document 1, 4 and 16 times as long (itself repeated),
    and the last against the first."""
    from tagger.pipeline import tag
    from tagger.vocabulary import default_vocabulary

    vocab = default_vocabulary()
    text = path.read_text(encoding="utf-8")
    row: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for times in (1, 4, 16):
            longer = Path(folder) / f"x{times}.txt"
            longer.write_text("\n".join([text] * times), encoding="utf-8")
            row[f"{times}x s"], _ = _timed(lambda p=longer: tag(p, vocab=vocab), runs)
    row["16x / 1x"] = row["16x s"] / row["1x s"]
    return row


def bench_pdf(path: Path, runs: int) -> dict[str, float]:
    """A PDF read and tagged, against its own text (as ixtag reads it) tagged as a .txt."""
    import pypdfium2

    from tagger.pipeline import tag
    from tagger.reader import read_text
    from tagger.vocabulary import default_vocabulary

    vocab = default_vocabulary()
    document = pypdfium2.PdfDocument(str(path))
    pages = len(document)
    document.close()
    read_time, source = _timed(lambda: read_text(path), runs)
    pdf_time, _ = _timed(lambda: tag(path, vocab=vocab), runs)
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / f"{path.stem}.txt"
        text.write_text("\n".join(line.text for line in source.lines), encoding="utf-8")
        text_time, _ = _timed(lambda: tag(text, vocab=vocab), runs)
    return {
        "pages": float(pages),
        "read PDF s": read_time,
        "read s / 60 pages": read_time * 60 / pages,
        "tag PDF s": pdf_time,
        "tag its text s": text_time,
        "PDF / text": pdf_time / text_time,
    }


def print_stages(path: Path, runs: int) -> None:
    """The least CPU time of each stage and of the whole in-process run over ``runs``: on a
    machine other work shares, the least CPU time is the steadiest figure to compare."""
    from tagger.pipeline import tag, vocabulary_for

    vocab = vocabulary_for(None)
    whole = []
    for _ in range(runs):
        start = time.process_time()
        tag(path, vocab=vocab)
        whole.append(time.process_time() - start)
    stages = stage_times(path, runs, clock=time.process_time, pick=min)
    print(f"{path.name}: tag {min(whole) * 1000:.1f} ms CPU (least of {runs})")
    print(f"    a text not seen before   {first_sight(path, runs)[1] * 1000:7.1f} (median CPU)")
    for name, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        print(f"    {name:24} {seconds * 1000:7.1f}")


def _print(title: str, row: dict[str, float]) -> None:
    print(title)
    for key, value in row.items():
        print(f"    {key:22} {value:10.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[EXAMPLE])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--pdf", nargs="*", type=Path, help="PDFs (default: ../shared/pdf)")
    parser.add_argument("--batch", type=int, default=200, help="batch size; 0: no batch run")
    parser.add_argument(
        "--stages", action="store_true", help="only the least CPU time of each stage, in ms"
    )
    args = parser.parse_args()
    if args.stages:
        for path in args.inputs:
            print_stages(path, args.runs)
        return
    start = time.perf_counter()
    from tagger.vocabulary import default_vocabulary

    default_vocabulary()
    print(f"taxonomy load (once per process): {time.perf_counter() - start:.3f} s")
    for path in args.inputs:
        row = bench(path, args.runs, not args.no_validate)
        print(f"{path.name}:")
        for key, value in row.items():
            print(f"  {key:16} {value:10.3f}")
        _print("  stages, in process (median s)", stage_times(path, args.runs))
        if not args.no_validate and IXTAG.is_file():
            _print("  whole processes (median s)", process_times(path, args.runs))
        _print("  growth with length (in process)", growth(path, max(1, args.runs // 2)))
        if IXTAG.is_file():
            _print("  an input over the size limit", refusal())
        if args.batch and IXTAG.is_file():
            _print(f"  a batch of {args.batch} announcements", batch(path, args.batch))
    if args.pdf is not None:
        bench_pdfs(args.pdf or sorted(SHARED_PDFS.glob("*.pdf")), min(args.runs, 3))


def bench_pdfs(pdfs: list[Path], runs: int) -> None:
    """`bench_pdf` of each PDF, printed; a PDF that is not there is skipped, saying so."""
    if not pdfs:
        print(f"PDF benchmark skipped: no PDF given and none in {SHARED_PDFS}")
    for path in pdfs:
        if not path.is_file():
            print(f"{path}: skipped, no such file")
            continue
        print(f"{path.name}:")
        for key, value in bench_pdf(path, runs).items():
            print(f"  {key:18} {value:10.3f}")


if __name__ == "__main__":
    main()

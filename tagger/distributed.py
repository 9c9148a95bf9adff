"""Tagging beyond one machine, with Dask (the optional extra `pip install ixtag[dask]`).

    from dask.distributed import Client
    from tagger.distributed import tag_on_cluster

    client = Client("tcp://scheduler:8786")            # or Client() for a local cluster
    rows = tag_on_cluster(client, ["s3://bucket/2024/*.pdf", "announcements/"], "/shared/out")

Each input is tagged whole by one worker, with the same code as `ixtag tag`, and its report
is written into the output folder, which every worker must see (a shared file system).
Inputs are local files or folders, or any URL or glob fsspec reads (s3://, gs://, https://):
a worker copies a remote input to a temporary file first. The result is one summary row per
input, in the order given: file, facts, items to review, report path, or the one-line error.
ixtag schedules nothing itself: Dask does.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tagger.errors import InputError, IxtagError
from tagger.options import TagOptions

_SUFFIXES = (".txt", ".pdf")


class TagSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    facts: int = 0
    review_items: int = 0
    report: str | None = None
    error: str | None = None  # the one line `ixtag tag` would print


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Local files as given, local folders as their announcements, URLs and globs as fsspec
    lists them; sorted within each input."""
    found: list[str] = []
    for item in inputs:
        if "://" not in item:
            path = Path(item)
            if path.is_dir():
                found += sorted(str(p) for p in path.iterdir() if p.suffix in _SUFFIXES)
            else:
                found.append(item)
            continue
        import fsspec  # installed with dask

        files = fsspec.open_files(item if any(c in item for c in "*?[") else item.rstrip("/"))
        found += sorted(f.full_name for f in files if f.path.endswith(_SUFFIXES))
    return found


def tag_input(item: str, outdir: str, options: TagOptions | None = None) -> TagSummary:
    """Tag one input on a worker: a one-line error is the summary's, not an exception."""
    from tagger.pipeline import tag
    from tagger.report import write_report

    try:
        with _local_copy(item) as path:
            written = write_report(tag(path, options), Path(outdir))
    except IxtagError as exc:
        return TagSummary(file=item, error=str(exc))
    return TagSummary(
        file=item,
        facts=written.fact_count,
        review_items=written.review_count,
        report=str(written.package),
    )


class _local_copy:
    """The input as a local path: itself, or a remote file copied to a temporary folder
    under its own name (the report takes the input's name)."""

    def __init__(self, item: str) -> None:
        self.item = item
        self.folder: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> Path:
        if "://" not in self.item:
            return Path(self.item)
        import fsspec

        self.folder = tempfile.TemporaryDirectory(prefix="ixtag-")
        local = Path(self.folder.name) / self.item.rstrip("/").rsplit("/", 1)[-1]
        try:
            with fsspec.open(self.item, "rb") as remote:
                local.write_bytes(remote.read())
        except OSError as exc:
            raise InputError(f"{self.item}: cannot read: {exc}") from exc
        return local

    def __exit__(self, *_) -> None:
        if self.folder is not None:
            self.folder.cleanup()


def tag_on_cluster(
    client, inputs: Sequence[str], outdir: str | Path, options: TagOptions | None = None
) -> list[TagSummary]:
    """Tag every input on the cluster `client` is connected to; one row per input, in order."""
    files = expand_inputs(inputs)
    Path(outdir).mkdir(parents=True, exist_ok=True)
    futures = client.map(tag_input, files, outdir=str(outdir), options=options, pure=False)
    return client.gather(futures)

"""Tagging on a Dask cluster (the `dask` extra): a local cluster of two worker processes tags
a folder of announcements and a file given by URL, writes the same bytes as `ixtag tag`, and
returns one summary row per input, a bad input's row carrying its one-line error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main

distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")

CORPUS = Path(__file__).parent / "corpus"


def test_a_local_cluster_of_two_workers_tags_like_ixtag_tag(tmp_path):
    from tagger.distributed import tag_on_cluster

    inputs = tmp_path / "in"
    inputs.mkdir()
    for excerpt in sorted(CORPUS.glob("*.txt"))[:4]:
        shutil.copy(excerpt, inputs / excerpt.name)
    (inputs / "empty.txt").write_bytes(b"")
    remote = tmp_path / "remote" / "12-run-together-income.txt"
    remote.parent.mkdir()
    shutil.copy(CORPUS / remote.name, remote)

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        rows = tag_on_cluster(client, [str(inputs), remote.as_uri()], tmp_path / "cluster")

    assert [Path(r.file).name for r in rows] == [
        *sorted(p.name for p in inputs.iterdir()),
        remote.name,
    ]
    empty = next(r for r in rows if r.file.endswith("empty.txt"))
    assert empty.error and "the file is empty" in empty.error and empty.report is None
    good = [r for r in rows if r.error is None]
    assert len(good) == 5 and all(r.facts > 0 and Path(r.report).is_file() for r in good)

    run = CliRunner().invoke(main, ["tag", str(inputs), str(remote), "-o", str(tmp_path / "cli")])
    assert run.exit_code == 1  # the empty input
    for row in good:
        report = Path(row.report)
        assert report.read_bytes() == (tmp_path / "cli" / report.name).read_bytes()

"""The concept map snapshot read at start-up is the data's map, and is never used once the
data has changed since it was made."""

from __future__ import annotations

import shutil

from taxonomy.loader import DATA_DIR, default_concept_map, load_concept_map
from taxonomy.snapshot import SNAPSHOT, read_snapshot, write_snapshot


def test_the_shipped_snapshot_is_the_map_the_data_gives():
    snapshot = read_snapshot(DATA_DIR)
    assert snapshot is not None, "stale snapshot: run make taxonomy"
    assert snapshot == load_concept_map(DATA_DIR)
    assert default_concept_map() == snapshot
    assert len(snapshot.concepts) > 300


def test_a_snapshot_of_other_data_is_not_used(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    assert read_snapshot(data) is not None  # the same bytes: the same digest
    concepts = data / "concepts" / "financial_position.toml"
    concepts.write_text(concepts.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert read_snapshot(data) is None


def test_a_damaged_or_missing_snapshot_is_not_used(tmp_path):
    damaged = tmp_path / "concept-map.json"
    digest = SNAPSHOT.read_text(encoding="utf-8").partition("\n")[0]
    damaged.write_text(digest + '\n{"concepts": 3}\n', encoding="utf-8")
    assert read_snapshot(DATA_DIR, damaged) is None
    assert read_snapshot(DATA_DIR, tmp_path / "none.json") is None


def test_a_written_snapshot_reads_back_equal(tmp_path):
    cmap = load_concept_map(DATA_DIR)
    path = write_snapshot(cmap, DATA_DIR, tmp_path / "concept-map.json")
    assert read_snapshot(DATA_DIR, path) == cmap
    assert path.read_bytes() == SNAPSHOT.read_bytes()  # the build is reproducible

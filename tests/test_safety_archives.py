"""Hostile zips given to validate, export and view: a member that leaves the package, a zip
bomb, a taxonomy package whose catalog points outside itself. Each is refused on one line
before anything in it is loaded, nothing is written outside the output folder, and in a
batch the other reports are still validated."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    assert CliRunner().invoke(main, ["tag", str(EXAMPLE), "-o", str(out)]).exit_code == 0
    return out / f"{EXAMPLE.stem}.xbri"


def _copy_with(report: Path, target: Path, name: str, data: bytes, **kw) -> Path:
    with zipfile.ZipFile(report) as original, zipfile.ZipFile(target, "w", **kw) as copy:
        for member in original.namelist():
            copy.writestr(member, original.read(member))
        copy.writestr(name, data)
    return target


def _bomb(report: Path, target: Path) -> Path:
    with (
        zipfile.ZipFile(report) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for member in original.namelist():
            copy.writestr(member, original.read(member))
        with copy.open(f"{EXAMPLE.stem}/reports/big.xhtml", "w", force_zip64=True) as big:
            for _ in range(600):  # 600 MB of zeros, about 0.6 MB packed
                big.write(bytes(2**20))
    return target


def test_a_member_leaving_the_package_is_refused_and_the_batch_goes_on(report, tmp_path):
    slip = _copy_with(report, tmp_path / "slip.xbri", "../../evil.txt", b"evil")
    run = CliRunner().invoke(main, ["validate", "--json", str(slip), str(report)])
    assert run.exit_code == 1
    body = json.loads(run.output)
    first, second = body["reports"]
    assert first["passed"] is False and "points outside the package" in json.dumps(first)
    assert second["passed"] is True
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(report, tmp_path):
    bomb = _bomb(report, tmp_path / "bomb.xbri")
    run = CliRunner().invoke(main, ["validate", str(bomb)])
    assert run.exit_code == 1 and "refused as a zip bomb" in run.output
    run = CliRunner().invoke(main, ["export", str(bomb), "-o", str(tmp_path / "x.json")])
    assert run.exit_code == 1 and "refused as a zip bomb" in run.output
    assert len(run.output.strip().splitlines()) == 1 and not (tmp_path / "x.json").exists()
    run = CliRunner().invoke(main, ["view", str(bomb), "-o", str(tmp_path / "viewer")])
    assert run.exit_code == 1 and "refused as a zip bomb" in run.output
    assert (
        not list((tmp_path / "viewer").glob("*.html")) if (tmp_path / "viewer").exists() else True
    )


def test_a_taxonomy_package_whose_catalog_leaves_it_is_refused(report, tmp_path):
    catalog = (
        b'<?xml version="1.0"?><catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        b'<rewriteURI uriStartString="https://xbrl.ifrs.org/" rewritePrefix="../../../etc/"/>'
        b"</catalog>"
    )
    package = tmp_path / "hostile-taxonomy.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("hostile/META-INF/catalog.xml", catalog)
        archive.writestr("hostile/META-INF/taxonomyPackage.xml", b"<taxonomyPackage/>")
    run = CliRunner().invoke(main, ["validate", str(report), "--package", str(package)])
    assert run.exit_code == 1
    assert "points outside the package" in run.output and len(run.output.strip().splitlines()) == 1

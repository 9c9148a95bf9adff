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


def test_an_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-4f1c9a", encoding="utf-8")
    page = tmp_path / "xxe.xhtml"
    page.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE html [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>&secret;</title></head>'
        "<body><p>&secret;</p></body></html>",
        encoding="utf-8",
    )
    run = CliRunner().invoke(main, ["validate", "--json", str(page)])
    assert run.exit_code == 1 and "SECRET-4f1c9a" not in run.output


def test_an_entity_expansion_bomb_is_refused(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    )
    page = tmp_path / "laughs.xhtml"
    page.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE html [{entities}]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9;</p></body></html>',
        encoding="utf-8",
    )
    run = CliRunner().invoke(main, ["validate", "--json", str(page)])
    assert run.exit_code == 1
    assert json.loads(run.output)["reports"][0]["passed"] is False
    assert "lollollol" not in run.output


@pytest.mark.parametrize(
    ("inserted", "what"),
    [("<script>alert(1)</script>", "script"), ('<img src="x" onerror="alert(1)"/>', "onerror")],
)
def test_view_refuses_a_report_that_carries_active_content(report, tmp_path, inserted, what):
    hostile = tmp_path / "hostile.xbri"
    with zipfile.ZipFile(report) as original, zipfile.ZipFile(hostile, "w") as copy:
        for name in original.namelist():
            data = original.read(name)
            if name.endswith(".xhtml"):
                data = data.replace(b"<body>", b"<body>" + inserted.encode(), 1)
                assert inserted.encode() in data
            copy.writestr(name, data)
    run = CliRunner().invoke(main, ["view", str(hostile), "-o", str(tmp_path / "viewer")])
    assert run.exit_code == 1 and f"active content ({what})" in run.output
    assert len(run.output.strip().splitlines()) == 1
    assert not list(tmp_path.glob("viewer/*.html"))


def test_a_truncated_report_package_is_one_line_everywhere(report, tmp_path):
    truncated = tmp_path / "truncated.xbri"
    data = report.read_bytes()
    truncated.write_bytes(data[: len(data) * 6 // 10])
    for command in (
        ["view", str(truncated), "-o", str(tmp_path / "viewer")],
        ["export", str(truncated), "-o", str(tmp_path / "x.json")],
    ):
        run = CliRunner().invoke(main, command)
        assert run.exit_code == 1 and len(run.output.strip().splitlines()) == 1
        assert "not a readable zip (truncated or damaged)" in run.output
    run = CliRunner().invoke(main, ["validate", str(truncated)])
    assert run.exit_code == 1 and "not a readable zip (truncated or damaged)" in run.output
    assert not (tmp_path / "viewer").exists() and not (tmp_path / "x.json").exists()

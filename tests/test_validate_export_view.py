"""``ixtag validate``, ``export`` and ``view`` on the tagged SenseTime report, read back:
Arelle's verdict on the report and on a copy with one altered amount, the IFRS package
replacement, xBRL-JSON/CSV exports reloaded in Arelle with the same facts, and the viewer
loaded in headless Chromium (installed by scripts/install-chromium.sh when missing).

The report is tagged once and the taxonomy packages built once per module, into tmp dirs, so
the tests do not depend on the shipped packages being rebuilt."""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import time
import zipfile
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main
from tagger.export import portable_reference, reload_facts
from tagger.validation import (
    FactInfo,
    catalog_rewrites,
    taxonomy_packages,
    validate_report,
)
from taxonomy.builder import build_packages
from xbrl.urls import FILING_BASE_URL, IFRS_BASE_URL, IFRS_PACKAGE_NAME

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
CALC = "calc11e:inconsistentCalculationUsingRounding"
DUPLICATES = {"arelle:duplicateFacts", "oime:disallowedDuplicateFacts"}


@pytest.fixture(scope="module")
def packages_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("packages")
    build_packages(out)
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from tagger.cli_tag import tag_one

    written = tag_one(EXAMPLE, tmp_path_factory.mktemp("tagged"))
    return written.package


@pytest.fixture(scope="module")
def clean(report, packages_dir):
    return validate_report(report, packages_dir=packages_dir)


def _xhtml_name(archive: zipfile.ZipFile) -> str:
    return next(n for n in archive.namelist() if "/reports/" in n and n.endswith(".xhtml"))


def _revenue_2023(clean) -> FactInfo:
    return next(
        f
        for f in clean.facts.facts
        if f.concept == "ifrs-full:Revenue"
        and f.period == "2023-01-01..2023-12-31"
        and not f.dimensions
    )


@pytest.fixture(scope="module")
def altered(report, clean, tmp_path_factory) -> tuple[Path, str]:
    """The report with the printed 2023 revenue raised by 100 (thousand): (package, new text)."""
    fact = _revenue_2023(clean)
    new_text = f"{int(fact.text.replace(',', '')) + 100:,}"
    tag = re.compile(rf'(<ix:nonFraction\b[^>]*\bid="{fact.id}"[^>]*>){re.escape(fact.text)}<')
    out = tmp_path_factory.mktemp("altered") / "altered.xbri"
    with zipfile.ZipFile(report) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == _xhtml_name(source):
                data, replaced = tag.subn(rf"\g<1>{new_text}<", data.decode("utf-8"))
                assert replaced == 1
                data = data.encode("utf-8")
            target.writestr(info, data)
    return out, new_text


def ixtag(*args: str | Path):
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


# --- validate ---------------------------------------------------------------------------


def test_tagged_report_is_valid_with_every_fact_loaded(report, clean):
    with zipfile.ZipFile(report) as archive:
        xhtml = archive.read(_xhtml_name(archive)).decode("utf-8")
    tagged = len(re.findall(r"<ix:(?:nonFraction|nonNumeric)\b", xhtml))
    assert [f.code for f in clean.findings()] == []
    assert clean.passed and set(clean.counts) == {"INFO"}
    assert len(clean.facts.facts) == tagged > 300
    revenue = _revenue_2023(clean)
    assert (revenue.value, revenue.text, revenue.unit, revenue.decimals) == (
        "3405842000",
        "3,405,842",
        "CNY",
        "-3",
    )


def test_validate_json_names_the_inconsistency_with_its_facts(altered, clean, packages_dir):
    package, new_text = altered
    result = ixtag("validate", "-d", packages_dir, "--json", package)
    assert result.exit_code == 1, result.output
    body = json.loads(result.output)
    assert body["passed"] is False
    findings = body["reports"][0]["findings"]
    calc = [f for f in findings if f["code"] == CALC]
    assert calc and all(f["severity"] == "inconsistency" for f in calc)
    # the same shape as the tagger's findings in review.csv
    assert {"code", "severity", "message", "hint", "source", "printed"} <= set(calc[0])
    named = [fact for f in calc for fact in f["facts"]]
    revenue = next(f for f in named if f["concept"] == "ifrs-full:Revenue")
    assert (revenue["text"], revenue["period"]) == (new_text, "2023-01-01..2023-12-31")
    assert revenue["value"] == str(int(new_text.replace(",", "")) * 1000)
    # The untouched report is clean, so the altered amount is the only cause.
    assert clean.passed, clean.one_line()
    assert {f["code"] for f in findings} <= {CALC, *DUPLICATES}


def test_validate_several_reports_in_processes(report, altered, packages_dir):
    package, new_text = altered
    result = ixtag("validate", "-d", packages_dir, "--jobs", "2", report, package)
    assert result.exit_code == 1, result.output
    out = result.output
    assert f"\nvalid: {report}\n" in out and f"NOT valid: {package}: " in out
    assert CALC in out and "ifrs-full:Revenue" in out and f'printed "{new_text}"' in out


def test_validate_exit_codes_for_usage_and_setup_errors(tmp_path, packages_dir, report):
    assert ixtag("validate").exit_code == 2
    assert ixtag("validate", tmp_path / "missing.xbri").exit_code == 2
    not_a_package = tmp_path / "notes.zip"
    not_a_package.write_text("not a zip")
    result = ixtag("validate", "-d", packages_dir, "--package", not_a_package, report)
    assert result.exit_code == 1 and "not a taxonomy package" in result.output


def _renamed_package(source: Path, target: Path, top: str) -> Path:
    """A copy of a taxonomy package under another top folder (a stand-in for the official
    IFRS Taxonomy package, which ships no network-free copy here)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            out.writestr(top + "/" + info.filename.split("/", 1)[1], src.read(info))
    return target


def test_a_user_ifrs_package_replaces_the_offline_subset(tmp_path, packages_dir, report):
    offline = packages_dir / f"{IFRS_PACKAGE_NAME}.zip"
    official = _renamed_package(offline, tmp_path / "IFRSAT-2022-03-24.zip", "IFRSAT-2022-03-24")
    assert any(start.startswith(IFRS_BASE_URL) for start in catalog_rewrites(official))
    assert offline not in taxonomy_packages([official], packages_dir)
    assert taxonomy_packages([report], packages_dir)[0] == offline  # not an IFRS package: kept
    result = ixtag("validate", "-d", packages_dir, "--package", official, report)
    assert result.exit_code == 0, result.output


def test_a_package_that_only_mentions_the_ifrs_urls_does_not_replace_ixtags(tmp_path, packages_dir):
    offline = packages_dir / f"{IFRS_PACKAGE_NAME}.zip"
    mention = tmp_path / "mentions-ifrs.zip"
    with zipfile.ZipFile(mention, "w") as archive:
        archive.writestr(
            "mention/META-INF/catalog.xml",
            '<?xml version="1.0"?><catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
            f'<rewriteURI uriStartString="{IFRS_BASE_URL}" rewritePrefix="../ifrs/"/></catalog>',
        )
        archive.writestr("mention/META-INF/taxonomyPackage.xml", "<taxonomyPackage/>")
    assert offline in taxonomy_packages([mention], packages_dir)


# --- export -----------------------------------------------------------------------------


def _key(fact: FactInfo) -> tuple:
    try:
        value: object = Decimal(fact.value or "")
    except InvalidOperation:
        value = " ".join((fact.value or "").split())
    return fact.concept, fact.period, tuple(sorted(fact.dimensions.items())), value


def test_portable_taxonomy_reference(report):
    url = portable_reference("../extension/x.xsd", report)
    assert url.startswith(FILING_BASE_URL) and url.endswith("/x.xsd")
    assert portable_reference("https://example.com/a.xsd", report) == "https://example.com/a.xsd"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_reloads_in_arelle_with_the_same_facts(fmt, tmp_path, report, clean, packages_dir):
    out = tmp_path / f"r.{fmt}"
    result = ixtag("export", "-d", packages_dir, report, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    entry = tmp_path / ("r.json" if fmt == "json" else "r-metadata.json")
    metadata = json.loads(entry.read_text(encoding="utf-8"))["documentInfo"]
    assert all(ref.startswith("https://") for ref in metadata["taxonomy"])
    reloaded = reload_facts(entry, taxonomy_packages([report], packages_dir))
    assert len(reloaded.facts) == len(clean.facts.facts) == int(result.output.split()[1])
    assert Counter(map(_key, reloaded.facts)) == Counter(map(_key, clean.facts.facts))
    revenue = [f for f in reloaded.facts if _key(f) == _key(_revenue_2023(clean))]
    # the income statement's, and the same total in the notes by region and by timing
    assert len(revenue) == 3 and {Decimal(f.value) for f in revenue} == {Decimal("3405842000")}


def test_export_excel(tmp_path, report, clean, packages_dir):
    from openpyxl import load_workbook

    result = ixtag("export", "-d", packages_dir, report, "-o", tmp_path / "r.xlsx")
    assert result.exit_code == 0, result.output
    workbook = load_workbook(tmp_path / "r.xlsx", read_only=True)
    rows = list(workbook["facts"].values)
    assert len(rows) - 1 == len(clean.facts.facts)
    assert _revenue_2023(clean).id in {row[0] for row in rows}
    metadata = json.loads(list(workbook["metadata"].values)[1][0])
    assert metadata["documentInfo"]["taxonomy"][0].startswith("https://")


def test_without_its_taxonomy_a_report_fails_and_exports_nothing(tmp_path, report, packages_dir):
    with zipfile.ZipFile(report) as archive:  # the XHTML alone: its schemaRef points nowhere
        lonely = tmp_path / "lonely.xhtml"
        lonely.write_bytes(archive.read(_xhtml_name(archive)))
    result = ixtag("validate", "-d", packages_dir, "--json", lonely)
    assert result.exit_code == 1
    codes = Counter(f["code"] for f in json.loads(result.output)["reports"][0]["findings"])
    assert codes["IOerror"] == 1 and codes["ix11.12.1.2:missingReferences"] > 300
    result = ixtag("export", "-d", packages_dir, lonely, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "IOerror" in result.output
    assert not (tmp_path / "out" / "lonely.json").exists()


def test_export_rejects_a_mismatched_suffix(tmp_path, report, packages_dir):
    result = ixtag("export", "-d", packages_dir, report, "-f", "csv", "-o", tmp_path / "r.json")
    assert result.exit_code == 1 and "must end with .csv" in result.output


# --- view -------------------------------------------------------------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _find_chromium() -> str | None:
    return next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
    )


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _find_chromium()
    if found is None:
        script = ROOT / "scripts" / "install-chromium.sh"
        said = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=900)
        found = _find_chromium()
        if found is None:
            pytest.skip(f"no headless Chromium: {said.stdout.strip() or said.stderr.strip()}")
    return found


class DevTools:
    """Headless Chromium driven over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-ended
    JSON): the page runs in real time, where --virtual-time-budget stopped the viewer's
    start-up half way on this machine."""

    def __init__(self, binary: str, profile: Path):
        read_in, write_in = os.pipe()
        read_out, write_out = os.pipe()

        def wire() -> None:  # in the child: its fd 3 reads our commands, fd 4 writes replies
            mine_in, mine_out = os.dup(read_in), os.dup(write_out)
            os.dup2(mine_in, 3)
            os.dup2(mine_out, 4)

        self.process = subprocess.Popen(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "--window-size=1400,900",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=wire,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for fd in (read_in, write_out):
            os.close(fd)
        self._out, self._in = os.fdopen(write_in, "wb", 0), os.fdopen(read_out, "rb", 0)
        self._buffer, self._id = b"", 0

    def call(self, method: str, session: str | None = None, **params):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._out.write(json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                ready, _, _ = select.select([self._in], [], [], 60)
                assert ready, "Chromium did not answer within 60 s"
                chunk = self._in.read(1 << 16)
                assert chunk, "Chromium closed the DevTools pipe"
                self._buffer += chunk
            raw, _, self._buffer = self._buffer.partition(b"\0")
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                assert "error" not in reply, reply["error"]
                return reply["result"]

    def evaluate(self, session: str, expression: str):
        reply = self.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
        return reply["result"].get("value")

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()


_VIEWER_STATE = """(() => {
  const ixv = document.getElementById('ixv');
  const summary = document.getElementById('matching-facts-summary');
  return {ready: !!ixv && ixv.classList.contains('post-processing-complete'),
          summary: summary ? summary.textContent.trim() : '',
          sections: [...document.querySelectorAll('.section-fact-count')].map(e => e.textContent),
          frames: document.querySelectorAll('iframe').length};
})()"""


def _load_viewer(browser: DevTools, url: str, timeout: float = 90) -> tuple[dict, bytes]:
    target = browser.call("Target.createTarget", url=url)["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    deadline, state = time.monotonic() + timeout, {}
    while time.monotonic() < deadline:
        state = browser.evaluate(session, _VIEWER_STATE) or {}
        if state.get("ready") and state.get("summary"):
            break
        time.sleep(0.5)
    png = browser.call("Page.captureScreenshot", session, format="png")["data"]
    return state, base64.b64decode(png)


def test_viewer_loads_offline_in_headless_chromium(chromium, tmp_path, report, clean, packages_dir):
    result = ixtag("view", "-d", packages_dir, report, "-o", tmp_path / "viewer")
    assert result.exit_code == 0, result.output
    html = tmp_path / "viewer" / f"{report.stem}.html"
    assert (tmp_path / "viewer" / "ixbrlviewer.js").is_file()
    sources = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html.read_text(encoding="utf-8"))
    assert sources == ["ixbrlviewer.js"]  # the bundled script beside the page, no CDN
    browser = DevTools(chromium, tmp_path / "profile")
    try:
        state, png = _load_viewer(browser, html.as_uri())
    finally:
        browser.close()
    screenshot = tmp_path / "viewer.png"
    screenshot.write_bytes(png)
    print(f"viewer screenshot: {screenshot}")
    count = len(clean.facts.facts)
    assert state["ready"], state
    assert state["summary"] == f"Showing {count} of {count} facts"
    assert state["sections"] and state["frames"] >= 1
    assert png.startswith(b"\x89PNG") and len(png) > 10_000

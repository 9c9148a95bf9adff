"""The interactive viewer: the report as offline HTML with ixbrl-viewer's script beside it.

    viewer = write_viewer(Path("report.xbri"), Path("out/viewer"))
    viewer.html        # out/viewer/report.html: open it in a browser, no network needed
    viewer.script      # out/viewer/ixbrlviewer.js, the script bundled with ixbrl-viewer

One Arelle run loads and validates the report (Calculations 1.1, duplicates) so that the
viewer lists Arelle's messages too, then the ixbrl-viewer plugin writes the page. Every
plugin option is set explicitly: defaults are not applied through RuntimeOptions.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from lxml import etree
from pydantic import BaseModel, ConfigDict

from tagger.archives import check_archive
from tagger.arelle_runner import ArelleRun, run_arelle
from tagger.errors import ViewerError
from tagger.validation import taxonomy_packages

SCRIPT_NAME = "ixbrlviewer.js"


class Viewer(BaseModel):
    model_config = ConfigDict(frozen=True)

    report: Path
    html: Path
    script: Path
    run: ArelleRun  # the validation the viewer shows


def _pages(report: Path):
    """(name, bytes) of each XHTML page of a report package, or of the .xhtml file given."""
    if zipfile.is_zipfile(report):
        with zipfile.ZipFile(report) as archive:
            for name in archive.namelist():
                if name.endswith((".xhtml", ".html", ".htm")):
                    yield name, archive.read(name)
    else:
        yield report.name, report.read_bytes()


def refuse_active_content(report: Path) -> None:
    """The viewer copies the report's pages into its own page: a report that carries a
    script, an event handler (onerror=…) or a javascript: link would run it in the reader's
    browser, so it is refused. The pages are parsed with no entity or network access."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for name, data in _pages(report):
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            continue  # not well-formed: Arelle says so when it loads it
        for node in root.iter():
            tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
            handlers = [a for a in node.attrib if etree.QName(a).localname.lower().startswith("on")]
            links = [v for v in node.attrib.values() if v.strip().lower().startswith("javascript:")]
            if tag.lower() in ("script", "iframe", "object", "embed") or handlers or links:
                what = tag if not (handlers or links) else (handlers or ["javascript: link"])[0]
                raise ViewerError(
                    f"{report}: {name} carries active content ({what}); not put in a viewer"
                )


def viewer_options(html: Path) -> dict[str, object]:
    return {
        "saveViewerDest": str(html),
        "viewerURL": None,  # the script bundled with the plugin, copied beside the page
        "viewerNoCopyScript": False,
        "useStubViewer": False,
        "validationMessages": True,
        "zipViewerOutput": False,
        "packageDownloadURL": None,
    }


def write_viewer(
    report: Path,
    outdir: Path,
    extra_packages: Sequence[Path] = (),
    packages_dir: Path | None = None,
) -> Viewer:
    """Write ``outdir/<report stem>.html`` and ``outdir/ixbrlviewer.js``: drafted in a
    folder of their own inside ``outdir`` and moved into place only when both are whole, so
    a failure leaves no partial page."""
    check_archive(report)
    refuse_active_content(report)
    outdir.mkdir(parents=True, exist_ok=True)
    html = outdir / f"{report.stem}.html"
    with tempfile.TemporaryDirectory(dir=outdir, prefix=".viewer-") as work:
        draft = Path(work) / html.name
        run = run_arelle(
            report,
            taxonomy_packages(extra_packages, packages_dir),
            calcs="c11r",
            duplicates="inconsistent",
            plugins="ixbrl-viewer",
            plugin_options=viewer_options(draft),
        )
        drafted_script = Path(work) / SCRIPT_NAME
        if not draft.is_file() or not drafted_script.is_file():
            said = [
                m.text.splitlines()[0][:200]  # the first line: no traceback in the message
                for m in run.messages
                if m.code.startswith("viewer:") and m.code != "viewer:info" and m.text
            ]
            reason = "; ".join(said) or "no reason given"
            raise ViewerError(f"{report}: no viewer written: {reason}")
        script = outdir / SCRIPT_NAME
        os.replace(drafted_script, script)
        os.replace(draft, html)
    return Viewer(report=report, html=html, script=script, run=run)

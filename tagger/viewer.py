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
from collections.abc import Sequence
from pathlib import Path

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

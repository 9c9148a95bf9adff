"""Builder of XBRL taxonomy packages from the concept map, and the XML writers behind it.

Modules (each documents its API):
- ``urls``: every URL, namespace and package name (the one place to change them);
- ``xsd``: taxonomy schemas (element declarations, roleTypes, imports, linkbaseRefs);
- ``linkbase``: label, presentation, calculation (Calculations 1.1), definition linkbases;
- ``dimensions``: hypercube arcs and presentation edges over hrefs;
- ``package``: taxonomyPackage.xml, catalog.xml, deterministic zip writer (also for .xbri);
- ``statements``: concept map -> labels, statement roles and links of the base taxonomy;
- ``builder``: concept map -> the IFRS offline package and the ixtag base package.

``shipped_packages()`` returns the packages committed in ``taxonomy/packages`` (rebuild them
with ``make taxonomy``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGES_DIR = Path(__file__).resolve().parent.parent / "packages"


def shipped_packages() -> list[Path]:
    """The shipped taxonomy packages: the IFRS offline package first, then the base package."""
    from taxonomy.build.urls import BASE_PACKAGE_NAME, IFRS_PACKAGE_NAME

    names = (f"{IFRS_PACKAGE_NAME}.zip", f"{BASE_PACKAGE_NAME}.zip")
    return [PACKAGES_DIR / name for name in names]

"""Every URL and namespace of the taxonomies ixtag writes or refers to, in one place.

The tagger imports these: a report's schemaRef, its extension schema's imports and the
catalogs of the packages all derive from the constants below, so moving ixtag's taxonomy to
another address is a one-line change here (and ``make taxonomy``).
"""

from __future__ import annotations

IFRS_PREFIX = "ifrs-full"
IXTAG_PREFIX = "ixtag"

# ixtag's own base taxonomy: one stable https prefix; the catalog of the base package
# rewrites it to the package's files.
IXTAG_BASE_URL = "https://taxonomy.ixtag.org/2024/"
IXTAG_NAMESPACE = IXTAG_BASE_URL + "ixtag"
IXTAG_SCHEMA_FILE = "ixtag-2024.xsd"
IXTAG_SCHEMA = IXTAG_BASE_URL + IXTAG_SCHEMA_FILE  # entry point of the base package
# ixtag's own concepts with their labels and anchoring, without the statement templates: what a
# report imports when it tags non-IFRS measures (the templates' calculations describe a
# typical filer, not the report).
IXTAG_CONCEPTS_FILE = "ixtag-2024-concepts.xsd"
IXTAG_CONCEPTS_SCHEMA = IXTAG_BASE_URL + IXTAG_CONCEPTS_FILE
# The entry point declares no element: it has a namespace of its own (one schema per namespace).
IXTAG_TEMPLATES_NAMESPACE = IXTAG_BASE_URL + "ixtag-templates"
IXTAG_ROLE_BASE = IXTAG_BASE_URL + "role/"
# Each report's filing extension taxonomy: FILING_BASE_URL/<entity id>/<period end>/. Outside
# IXTAG_BASE_URL so that a report package's catalog never overlaps the base package's.
FILING_BASE_URL = "https://filings.ixtag.org/"
BASE_VERSION = "2024.1"  # version of the base package; bump when its content changes
PUBLICATION_DATE = "2024-06-30"  # fixed, so that rebuilding gives the same bytes
PUBLISHER = "ixtag"
PUBLISHER_URL = "https://taxonomy.ixtag.org/"

# The IFRS Accounting Taxonomy 2022-03-24, at its official location.
IFRS_BASE_URL = "https://xbrl.ifrs.org/taxonomy/2022-03-24/"
IFRS_NAMESPACE = IFRS_BASE_URL + "ifrs-full"
IFRS_CORE_PATH = "full_ifrs/full_ifrs-cor_2022-03-24.xsd"  # relative to IFRS_BASE_URL
IFRS_CORE_SCHEMA = IFRS_BASE_URL + IFRS_CORE_PATH

# Package file names (inside taxonomy/packages and in ``ixtag taxonomy build -o DIR``).
IFRS_PACKAGE_NAME = "ifrs-full-2022-03-24-offline"
BASE_PACKAGE_NAME = f"ixtag-base-{BASE_VERSION}"

# XML namespaces of the specifications, by the prefix ixtag writes them with.
XSD_NS = "http://www.w3.org/2001/XMLSchema"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
LINK_NS = "http://www.xbrl.org/2003/linkbase"
XBRLI_NS = "http://www.xbrl.org/2003/instance"
XBRLDT_NS = "http://xbrl.org/2005/xbrldt"
DTR_TYPES_NS = "http://www.xbrl.org/dtr/type/2020-01-21"
TP_NS = "http://xbrl.org/2016/taxonomy-package"
CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"

# Schemas a taxonomy schema imports for the types and substitution groups it uses, by prefix:
# (namespace, schemaLocation). These are the locations the IFRS Taxonomy 2022 uses; all of
# them ship in Arelle's resource cache, so they load offline.
STANDARD_IMPORTS: dict[str, tuple[str, str]] = {
    "xbrli": (XBRLI_NS, "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"),
    "xbrldt": (XBRLDT_NS, "http://www.xbrl.org/2005/xbrldt-2005.xsd"),
    "dtr-types": (DTR_TYPES_NS, "https://www.xbrl.org/dtr/type/2020-01-21/types.xsd"),
}

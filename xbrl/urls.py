"""Every URL and namespace of the taxonomies ixtag writes or refers to, in one place.

The tagger imports these: a report's schemaRef, its extension schema's imports and the
catalogs of the packages all derive from the constants below, so moving ixtag's taxonomy to
another address is a one-line change here (and ``make taxonomy``).
"""

from __future__ import annotations

IFRS_PREFIX = "ifrs-full"
IXTAG_PREFIX = "ixtag"

# ixtag's own base taxonomy: one stable https prefix; the catalog of the base package
# rewrites it to the package's files. Its files are named {base}-{date} as ESEF 3.1.5 asks
# (xbrl.naming), dated with the package's publication date.
IXTAG_BASE_URL = "https://taxonomy.ixtag.org/2024/"
IXTAG_NAMESPACE = IXTAG_BASE_URL + "ixtag"
BASE_VERSION = "2024.2"  # version of the base package; bump when its content changes
PUBLICATION_DATE = "2024-06-30"  # fixed, so that rebuilding gives the same bytes
PUBLISHER = "ixtag"
PUBLISHER_URL = "https://taxonomy.ixtag.org/"
IXTAG_SCHEMA_BASE = "ixtag"
IXTAG_SCHEMA_FILE = f"{IXTAG_SCHEMA_BASE}-{PUBLICATION_DATE}.xsd"
IXTAG_SCHEMA = IXTAG_BASE_URL + IXTAG_SCHEMA_FILE  # entry point of the base package
# ixtag's own concepts with their labels and anchoring, without the statement templates: what a
# report imports when it tags non-IFRS measures (the templates' calculations describe a
# typical filer, not the report).
IXTAG_CONCEPTS_BASE = "ixtag-concepts"
IXTAG_CONCEPTS_FILE = f"{IXTAG_CONCEPTS_BASE}-{PUBLICATION_DATE}.xsd"
IXTAG_CONCEPTS_SCHEMA = IXTAG_BASE_URL + IXTAG_CONCEPTS_FILE
# The entry point declares no element: it has a namespace of its own (one schema per namespace).
IXTAG_TEMPLATES_NAMESPACE = IXTAG_BASE_URL + "ixtag-templates"
IXTAG_ROLE_BASE = IXTAG_BASE_URL + "role/"
# Each report's filing extension taxonomy: FILING_BASE_URL/<entity id>/<period end>/. Outside
# IXTAG_BASE_URL so that a report package's catalog never overlaps the base package's.
FILING_BASE_URL = "https://filings.ixtag.org/"

# The two extended link roles ESMA's ESEF rules name (RTS on ESEF, Reporting Manual): each
# dimension's default in its own ELR (3.4.3), and line items reported without dimensions linked
# to a hypercube of their own (3.4.2). The filing extension declares them, as it imports no
# ESMA taxonomy.
ESEF_DEFAULTS_ROLE = "https://www.esma.europa.eu/xbrl/role/cor/ifrs-dim_role-990000"
ESEF_NOT_DIMENSIONAL_ROLE = "https://www.esma.europa.eu/xbrl/role/cor/esef_role-999999"

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
DTR_TYPES_2022_NS = "http://www.xbrl.org/dtr/type/2022-03-31"
TP_NS = "http://xbrl.org/2016/taxonomy-package"
CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"

# Schemas a taxonomy schema imports for the types and substitution groups it uses, by prefix:
# (namespace, schemaLocation). These are the locations the IFRS Taxonomy 2022 uses; all of
# them ship in Arelle's resource cache, so they load offline.
STANDARD_IMPORTS: dict[str, tuple[str, str]] = {
    "xbrli": (XBRLI_NS, "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"),
    "xbrldt": (XBRLDT_NS, "http://www.xbrl.org/2005/xbrldt-2005.xsd"),
    "dtr-types": (DTR_TYPES_NS, "https://www.xbrl.org/dtr/type/2020-01-21/types.xsd"),
    # The DTR types of 2022-03-31, which ESEF (3.2.2, 2024 taxonomy on) asks extension domain
    # members to use; the IFRS 2022 elements keep the types of 2020-01-21, as IFRS declares them.
    "dtr-types-2022": (DTR_TYPES_2022_NS, "https://www.xbrl.org/dtr/type/2022-03-31/types.xsd"),
}

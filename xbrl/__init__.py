"""Writers of XBRL documents, independent of the concept map and of the tagger.

Modules (each documents its API):
- ``urls``: every URL, namespace, prefix and package name (the one place to change them);
- ``schema``: taxonomy schemas (element declarations, roleTypes, imports, linkbaseRefs) and
  ``ElementFacts``, the schema facts of one element;
- ``linkbase``: label, presentation, calculation (Calculations 1.1), definition linkbases;
- ``dimensions``: hypercube arcs and presentation edges over hrefs;
- ``package``: taxonomyPackage.xml, catalog.xml, the deterministic zip writer (also .xbri).

``taxonomy.builder`` uses them for ixtag's shipped packages, ``tagger.extension_taxonomy``
and ``tagger.report`` for each report's filing extension and report package.
"""

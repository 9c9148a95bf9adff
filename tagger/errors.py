"""The one exception hierarchy of ixtag: every exception ixtag raises derives from IxtagError.

Exceptions are for when nothing can continue; the CLI prints the message on one line and exits
with ``exit_code``. Problems that do not stop a run are Findings (``tagger.findings``).
The taxonomy package raises these too (ConceptMapError, BuildError): ``tagger.errors`` imports
nothing, so any layer can use it.
"""


class IxtagError(Exception):
    """Nothing can continue; the CLI prints the message on one line and exits non-zero."""

    exit_code = 1


class UsageError(IxtagError):
    """An option's value is not one the command can use (exit 2, as click's usage errors)."""

    exit_code = 2


class InputError(IxtagError):
    """The input cannot be read: missing, empty, binary, undecodable."""


class NoStatementsError(IxtagError):
    """The input holds no financial statement ixtag can find."""


class NothingTaggedError(IxtagError):
    """Statements were found but no amount in them could be tagged."""


class TaxonomyError(IxtagError):
    """The taxonomy packages cannot be found or built."""


class ConceptMapError(TaxonomyError):
    """The concept map data is wrong; the message names the file and the entry."""


class BuildError(TaxonomyError):
    """The concept map names an element the package builder cannot declare."""


class ValidationSetupError(IxtagError):
    """Arelle could not be started or could not open the report."""


class ExportError(IxtagError):
    """Arelle could not load or save the report as xBRL-JSON, xBRL-CSV or Excel."""


class ViewerError(IxtagError):
    """The ixbrl-viewer plugin wrote no page."""


class OutputError(IxtagError):
    """An output cannot be written where it was asked for."""

"""The one exception hierarchy of ixtag. Problems that do not stop the run are Findings."""


class IxtagError(Exception):
    """Nothing can continue; the CLI prints the message on one line and exits non-zero."""

    exit_code = 1


class InputError(IxtagError):
    """The input cannot be read: missing, empty, binary, undecodable."""


class NoStatementsError(IxtagError):
    """The input holds no financial statement ixtag can find."""


class TaxonomyError(IxtagError):
    """The taxonomy packages cannot be found or built."""


class ValidationSetupError(IxtagError):
    """Arelle could not be started or could not open the report."""

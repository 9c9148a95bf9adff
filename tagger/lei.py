"""The Legal Entity Identifier (ISO 17442) as a report's entity identifier.

Form: 20 characters, 18 letters or digits then two check digits, which make the whole code,
letters read as 10..35, equal 1 modulo 97 (ISO 7064 MOD 97-10, as an IBAN). python-stdnum
computes the check digits; it does not check the length or where digits must stand, so the
form is checked here first.
"""

from __future__ import annotations

from tagger.errors import UsageError
from tagger.regex_cache import regex

_FORM = regex(r"[0-9A-Z]{18}[0-9]{2}")


def checked_lei(text: str) -> str:
    """The LEI in upper case, or a UsageError (one line) saying what is wrong with it."""
    from stdnum.exceptions import ValidationError  # imported lazily: only --lei needs it
    from stdnum.iso7064 import mod_97_10

    code = text.strip().upper()
    if len(code) != 20:
        raise UsageError(f"--lei {text!r}: not an LEI ({len(code)} characters, an LEI has 20)")
    if not _FORM.fullmatch(code):
        raise UsageError(
            f"--lei {text!r}: not an LEI (18 letters A-Z or digits, then 2 check digits)"
        )
    try:
        mod_97_10.validate(code)
    except ValidationError as exc:
        raise UsageError(
            f"--lei {text!r}: not an LEI (its check digits are wrong: ISO 17442, MOD 97-10)"
        ) from exc
    return code

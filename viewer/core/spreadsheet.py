"""What every CSV or TSV export shares: cells a spreadsheet would run as a formula are defused."""

from __future__ import annotations

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
    apostrophe, as OWASP advises for CSV exports; numbers stay numbers."""
    if isinstance(value, str) and value[:1] in FORMULA_LEADS:
        return "'" + value
    return value

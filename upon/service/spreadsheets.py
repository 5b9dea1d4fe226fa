"""The one CSV writer every download uses: safe to open in any spreadsheet, in any locale.

- Formulae: a text cell starting with =, +, -, @, a tab or a carriage return (or the full-width
  ＝ ＋ － ＠, which some spreadsheets read as the ASCII ones) would be run as a formula
  (OWASP "CSV injection"), so it gets a single quote in front. Numbers are left alone.
- Separators: a cell holding a comma, a semicolon (the separator where the decimal mark is a
  comma), a double quote or a line break is quoted, with its quotes doubled (RFC 4180).
- The file starts with a byte order mark so Excel reads it as UTF-8; lines end in CRLF.
"""

from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_NEEDS_QUOTES = (",", ";", '"', "\n", "\r")


def neutralise_formula(value):
    """Prefix a text cell that a spreadsheet would run as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _field(value) -> str:
    text = "" if value is None else str(neutralise_formula(value))
    if any(character in text for character in _NEEDS_QUOTES):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(row: Iterable) -> str:
    return ",".join(_field(cell) for cell in row) + "\r\n"


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text, a line at a time, header first, for a streaming response."""
    yield "\ufeff" + csv_line(header)
    for row in rows:
        yield csv_line(row)

"""Callers' numbers and names kept out of the log, whatever writes the line.

Caller numbers and names are personal data. The desk's own code logs them
masked (`dispatch.phone.mask_number`), but log text also comes from places
that do not know what they carry: pjsip forwards whole SIP messages through
the "pjsip" logger, SQLAlchemy puts a statement's parameters into its
exception text, and a traceback repeats whatever an exception message said.
So the last step before a log line leaves the process, the formatter of each
root handler, runs the finished text through `scrub`. `install(True)`
(``safedesk --log-personal-data``, env ``SAFEDESK_LOG_PERSONAL_DATA=1``)
turns the masking off for debugging.

What `scrub` masks, in this order:

* SQLAlchemy's ``[parameters: ...]`` block, PostgreSQL's ``Key (col)=(value)``
  and ``Failing row contains (...)`` details: the values, entirely.
* Lines of a SIP message that carry an identity (From, To, Contact,
  P-Asserted-Identity, P-Preferred-Identity, Remote-Party-ID, Diversion,
  History-Info, Refer-To, Referred-By, Reply-To, P-Called-Party-ID and the
  compact f: t: m: r: b:): the whole value, ``From: ***``.
* Quoted SIP display names, ``"Wayan" <sip:`` -> ``"***" <sip:``, and
  quoted or plain values of name keys (``caller_name='Wayan'``,
  ``"name": "Wayan"``, ``reporter_name=Wayan``).
* The user part of every sip:/sips: URI (a number is masked like a phone
  number, anything else becomes ``***``; only the withheld words such as
  ``anonymous`` stay) and the number of every tel: URI.
* Phone numbers in free text: a run of digits joined by single separators
  (``-``, space, no-break space; ``(0361)`` and ``(+62)`` groups; a leading
  ``+`` or ``%2B``) with 8 to 15 digits (18 after an ``00`` prefix). Space
  joins only continue a number that starts like one (``+``, ``0``, ``(`` or
  ``62``), so "4000 1500" stays two counts; a space-joined group that starts
  with ``+``/``0``/``(`` after 8 digits begins the next number. The masked
  form follows `mask_number`: country code and the last three digits,
  ``+62********890``, with national ``0...`` numbers written as ``+62``.

What it deliberately leaves alone: digit runs glued to letters or ``_``
(hex ids, ``tdta0x7f..``, branch tags), runs after ``<digit>.`` (decimals,
IPs, versions, fractions of seconds), ISO dates and times, ticket numbers
``HD-2026-000123``, UUIDs, the group right after ``<digit>:`` (seconds,
a port), and anything with fewer than 8 digits (ports,
durations, counts, row ids, ``1-12345@host`` Call-IDs, short codes 112).
Runs of more than 15 digits are not telephone numbers (E.164's limit).
A name in free prose ("Wayan rang twice") cannot be recognised: code must
not log one; this module only catches names in the structured places above.

Stdlib only: dispatch/ must not import adapters, and this runs on pjsip's
SIP thread for every forwarded line. The patterns are linear (atomic groups,
bounded repeats) because SIP messages are hostile input.
"""
from __future__ import annotations

import logging
import os
import re
from urllib.parse import unquote

ENV_VAR = "SAFEDESK_LOG_PERSONAL_DATA"
MASK = "***"

_MIN_DIGITS = 8        # below this a digit run is a count, a port, a row id
_MAX_DIGITS = 15       # E.164's limit
_MAX_DIGITS_00 = 18    # with an international prefix (00, 001, 007, ...) in front
_VISIBLE_TRAILING_DIGITS = 3
_MIN_DIGITS_TO_SHOW_TAIL = 7  # as in dispatch.phone
_WITHHELD_WORDS = frozenset(
    {"anonymous", "restricted", "unknown", "unavailable", "private", "withheld"})
# ITU country codes of one and two digits; every other one has three.
_ONE_DIGIT_CC = frozenset({"1", "7"})
_TWO_DIGIT_CC = frozenset(
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
    "60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split())
_INTERNATIONAL_PREFIXES = ("001", "007", "008", "009", "00")

_personal_data: bool | None = None  # None: not installed, the environment decides


# ------------------------------------------------------------------ patterns

_SQL_PARAMETERS = re.compile(r"\[parameters: [^\r\n]*")
_PG_KEY_DETAIL = re.compile(r"(Key \([^()\r\n]{0,200}\)=\()[^\r\n]*?(\) (?:already exists|is not "
                            r"present|conflicts with))")
_PG_FAILING_ROW = re.compile(r"(Failing row contains \()[^\r\n]*")

_IDENTITY_HEADERS = (
    "From|To|Contact|P-Asserted-Identity|P-Preferred-Identity|Remote-Party-ID|Diversion|"
    "History-Info|Refer-To|Referred-By|Reply-To|P-Called-Party-ID|[ftmrb]")
_HEADER_LINE = re.compile(rf"(?im)^([ \t]*(?:{_IDENTITY_HEADERS})[ \t]*:)[^\r\n]*")

_DISPLAY_NAME = re.compile(r'"(?:[^"\\\r\n]|\\.){0,256}"(?=[ \t]*<(?i:sips?|tel):)')
_NAME_KEYS = (r"(?:(?:caller|reporter|display|contact|remote|from|party|person|full|first|last|"
              r"given|family|patient|victim)_?)?name")
_NAME_HINT = re.compile(r"(?i)name")
_NAME_VALUE = re.compile(
    rf"""(?i)(\b{_NAME_KEYS}(?!\w)['"]?[ \t]*[=:][ \t]*)"""
    r"""('(?:[^'\\\r\n]|\\.){0,256}'|"(?:[^"\\\r\n]|\\.){0,256}"|[^\s'",;)\]}]"""
    r"""[^,;)\]}\r\n=]{0,200}?(?=[ \t]+\w+=|[,;)\]}\r\n]|$))""")

_SIP_OR_TEL_URI = re.compile(r"\b(?i:sips?):(?P<user>[^@\s<>\"]{1,256})@"
                             r"|\b(?i:tel):(?P<tel>(?:\+|%2[Bb])?[\d().-]{0,40}\d)")
_PLUS = r"(?:\+|%2[Bb])"
_GROUP = rf"(?:\({_PLUS}?\d{{1,5}}\)[ \u00a0]?)?\d+"
# A run of digit groups: not glued to a word before it, not the fraction of a
# decimal, nor part of an IP address or version. It is taken whole and never
# backtracked into (what follows it is judged in _split_run), so each digit
# is read once: linear time on hostile text.
_RUN = re.compile(rf"(?=[\d+%(])(?<!\w)(?<!\d\.)(?<!\w\+)"
                  rf"(?>{_PLUS}?{_GROUP}(?:[-\u00a0 ]{_GROUP})*)")
_SPACE_SPLIT = re.compile(r"([ \u00a0])")
_GLUED_AFTER = re.compile(r"\w|\.\d")  # a letter or decimal fraction right after a run
# Ordinary content whose digits would pass for a number: a group of a run
# that is one stays as written and never joins a number. An ISO date (the
# time after it has no long run), the digits of a ticket number
# HD-2026-000123, a UUID's groups.
_DATE = re.compile(r"\d{4}-[01]\d-[0-3]\d(?!\d)")
_TICKET_BEFORE = re.compile(r"(?<![\w-])[A-Z]{1,6}-\Z")
_TICKET_BODY = re.compile(r"\d{4}-\d{1,10}(?!\d)")
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}(?![0-9a-fA-F])")


# ------------------------------------------------------------------ masking

def _mask_digits(digits: str) -> str:
    if len(digits) < _MIN_DIGITS_TO_SHOW_TAIL:
        return "*" * len(digits)
    hidden = len(digits) - _VISIBLE_TRAILING_DIGITS
    return "*" * hidden + digits[hidden:]


def _country_code(digits: str) -> str:
    if digits[:1] in _ONE_DIGIT_CC:
        return digits[:1]
    if digits[:2] in _TWO_DIGIT_CC:
        return digits[:2]
    return digits[:3]


_PUBLIC_NUMBERS: set[str] = set()


def declare_public_numbers(numbers) -> None:
    """Numbers that are nobody's personal data and stay readable in the log:
    the centre's own lines (0361-223333 and 0361-244444), whatever the form.
    The desk declares them from its `lines` table."""
    for number in numbers:
        digits = _international_digits(str(number))
        if digits:
            _PUBLIC_NUMBERS.add(digits)


def _written_digits(text: str) -> tuple[bool, str]:
    """(written with a leading + or %2B, its digits)."""
    head = text.lstrip("( \u00a0")
    plus = head.startswith("+") or head[:3].upper() == "%2B"
    if head[:3].upper() == "%2B":
        head = head[3:]
    return plus, "".join(ch for ch in head if "0" <= ch <= "9")


def _international_digits(text: str) -> str | None:
    """The digits of a number as written, with its country code (62 for a
    national 0... number); None when it has no recognisable prefix."""
    plus, digits = _written_digits(text)
    if not digits:
        return None
    if plus:
        return digits
    if digits.startswith("00"):
        prefix = next((p for p in _INTERNATIONAL_PREFIXES
                       if digits.startswith(p) and len(digits) - len(p) >= _MIN_DIGITS), "00")
        return digits[len(prefix):] or None
    if digits.startswith("62") and len(digits) > 2:
        return digits
    if digits.startswith("0") and len(digits) > 1:
        return "62" + digits[1:]
    return None


def _is_public(text: str) -> bool:
    return bool(_PUBLIC_NUMBERS) and _international_digits(text) in _PUBLIC_NUMBERS


def mask_phone(text: str) -> str:
    """`mask_number`'s log-safe form of a number as written, without parsing
    it: ``0812-3456-7890`` -> ``+62********890``, ``+44 20 7946 0958`` ->
    ``+44*******958``. National numbers (leading 0) are Indonesian; a leading
    ``62`` is the country code, as in `dispatch.phone`. A declared public
    number (the centre's own lines) is left as written."""
    if _is_public(text):
        return text
    international = _international_digits(text)
    if not international:
        digits = _written_digits(text)[1]
        return _mask_digits(digits) if digits else MASK
    country = _country_code(international)
    return "+" + country + _mask_digits(international[len(country):])


def _starts_number(token: str) -> bool:
    """May this space-separated token begin a number written with spaces?"""
    return token.startswith(("+", "0", "(")) or token[:3].upper() == "%2B" or token == "62"


def _split_run(string: str, start: int, end: int) -> tuple[list[str], list[str], list[bool]]:
    """A run's groups (split at spaces, and after a leading date or ticket
    body), the separators between them, and which groups are ordinary
    content that must stay as written (and never join a number)."""
    tokens: list[str] = []
    separators: list[str] = []
    kept: list[bool] = []
    offset = start
    parts = _SPACE_SPLIT.split(string[start:end])
    for index, token in enumerate(parts[0::2]):
        first = index == 0
        while True:
            prefix = _DATE.match(token)
            if prefix is None and first and _TICKET_BEFORE.search(string, max(0, start - 8), start):
                prefix = _TICKET_BODY.match(token)
            if prefix is None or prefix.end() == len(token) or token[prefix.end()] != "-":
                break
            tokens.append(token[:prefix.end()])
            kept.append(True)
            separators.append("-")
            offset += prefix.end() + 1
            token = token[prefix.end() + 1:]
            first = False
        token_end = offset + len(token)
        tokens.append(token)
        kept.append(prefix is not None or (
            "-" in (string[offset - 1:offset], string[token_end:token_end + 1])
            and _inside_uuid(string, offset, token_end)))
        if 2 * index + 1 < len(parts):
            separators.append(parts[2 * index + 1])
            offset = token_end + 1
    if _GLUED_AFTER.match(string, end):
        kept[-1] = True  # runs on into a word: part of an identifier, not of a number
    if start >= 2 and string[start - 1] == ":" and string[start - 2].isdigit():
        kept[0] = True  # the seconds of a time, a port: never the start of a number
    return tokens, separators, kept


def _mask_run(string: str, start: int, end: int) -> str:
    """Mask the phone numbers in one run of digit groups (see module doc)."""
    tokens, separators, kept = _split_run(string, start, end)
    counts = [0 if keep else sum("0" <= ch <= "9" for ch in token)
              for token, keep in zip(tokens, kept)]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        limit = _MAX_DIGITS_00 if tokens[i].lstrip("(+").startswith("00") else _MAX_DIGITS
        j, total = i, counts[i]
        if not kept[i] and _starts_number(tokens[i]):
            while (j + 1 < len(tokens) and not kept[j + 1] and total + counts[j + 1] <= limit
                   and not (total >= _MIN_DIGITS and _starts_number(tokens[j + 1])
                            and _joined_digits(counts, kept, j + 1) >= _MIN_DIGITS)):
                j += 1
                total += counts[j]
        if not kept[i] and _MIN_DIGITS <= total <= limit:
            out.append(mask_phone("".join(tokens[k] + (separators[k] if k < j else "")
                                          for k in range(i, j + 1))))
        else:
            j = i
            out.append(tokens[i])
        if j < len(separators):
            out.append(separators[j])
        i = j + 1
    return "".join(out)


def _joined_digits(counts: list[int], kept: list[bool], start: int) -> int:
    """How many digits a number beginning at group `start` could have: a
    group such as ``0361`` after a whole number begins the next one only if
    it can make a number of its own (``0812 3456 0789`` is one number)."""
    total = 0
    for count, keep in zip(counts[start:], kept[start:]):
        if keep or total + count > _MAX_DIGITS:
            break
        total += count
    return total


def _mask_uri_user(userinfo: str) -> str:
    user = unquote(userinfo.split(";", 1)[0].split(":", 1)[0])
    if user.lower() in _WITHHELD_WORDS:
        return user
    if re.fullmatch(r"\+?[\d().\- ]*\d[\d().\- ]*", user):
        return mask_phone(user)
    return MASK


def _uri(match: re.Match) -> str:
    if match.group("user") is not None:
        whole = match.group(0)
        return whole[:whole.index(":") + 1] + _mask_uri_user(match.group("user")) + "@"
    return match.group(0)[:4] + mask_phone(unquote(match.group("tel")))


def _run(match: re.Match) -> str:
    start, end = match.span()
    if end - start < _MIN_DIGITS:  # most runs: a count, a port, a time
        return match.group(0)
    return _mask_run(match.string, start, end)


def _inside_uuid(string: str, start: int, end: int) -> bool:
    for found in _UUID.finditer(string, max(0, start - 36), min(len(string), end + 36)):
        if found.start() <= start and end <= found.end():
            return True
    return False


def scrub(text: str) -> str:
    """`text` with callers' numbers and names masked (see module doc)."""
    if not text:
        return text
    if "[parameters: " in text:
        text = _SQL_PARAMETERS.sub("[parameters: " + MASK + "]", text)
    if "Key (" in text:
        text = _PG_KEY_DETAIL.sub(r"\1" + MASK + r"\2", text)
    if "Failing row" in text:
        text = _PG_FAILING_ROW.sub(r"\1" + MASK + ")", text)
    if "\n" in text:
        text = _HEADER_LINE.sub(r"\1 " + MASK, text)
    if '"' in text:
        text = _DISPLAY_NAME.sub('"' + MASK + '"', text)
    if _NAME_HINT.search(text):
        text = _NAME_VALUE.sub(_name_value, text)
    if ":" in text:
        text = _SIP_OR_TEL_URI.sub(_uri, text)
    return _RUN.sub(_run, text)


def _name_value(match: re.Match) -> str:
    value = match.group(2)
    quote = value[0] if value[0] in "'\"" else ""
    return match.group(1) + quote + MASK + quote


# ------------------------------------------------------------------ logging

class ScrubbingFormatter(logging.Formatter):
    """Wraps a handler's formatter and scrubs what it produced.

    A formatter rather than a filter: a filter runs before formatting, so it
    would have to rewrite ``record.msg``/``args`` (the record is shared by
    every handler, and ``%d`` given a masked string fails) and render the
    traceback itself; the formatter sees the exact text that leaves the
    process: message, ``exc_text`` with chained exceptions, ``stack_info``,
    whatever the format string. Wrapping keeps each handler's own format.
    """

    def __init__(self, inner: logging.Formatter | None = None) -> None:
        super().__init__()
        self.inner = inner if inner is not None else logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        try:
            text = self.inner.format(record)
        except Exception as exc:  # noqa: BLE001
            # Handler.handleError would print msg and args raw to stderr.
            text = (f"unformattable log record from {record.name} "
                    f"({record.pathname}:{record.lineno}): {type(exc).__name__}: {exc}; "
                    f"msg={record.msg!r} args={record.args!r}")
        return text if personal_data_logged() else scrub(text)

    def formatTime(self, record, datefmt=None) -> str:  # noqa: N802 - logging's name
        return self.inner.formatTime(record, datefmt)

    def formatException(self, ei) -> str:  # noqa: N802
        text = self.inner.formatException(ei)
        return text if personal_data_logged() else scrub(text)

    def formatStack(self, stack_info) -> str:  # noqa: N802
        text = self.inner.formatStack(stack_info)
        return text if personal_data_logged() else scrub(text)


def personal_data_from_env() -> bool:
    return os.environ.get(ENV_VAR, "").strip().lower() in ("1", "true", "yes", "on")


def personal_data_logged() -> bool:
    """True when callers' numbers and names may appear in the log (debugging)."""
    if _personal_data is None:
        return personal_data_from_env()
    return _personal_data


def install(personal_data: bool) -> None:
    """Scrub the output of every handler of the root logger, unless
    `personal_data`. Call after the handlers exist (after basicConfig);
    calling again only changes the switch. Handlers added later, or on other
    loggers, need `wrap_handler`."""
    global _personal_data
    _personal_data = bool(personal_data)
    for handler in logging.getLogger().handlers:
        wrap_handler(handler)


def wrap_handler(handler: logging.Handler) -> None:
    if not isinstance(handler.formatter, ScrubbingFormatter):
        handler.setFormatter(ScrubbingFormatter(handler.formatter))

"""Indonesian phone numbers: one canonical form for every way a number arrives.

Callers reach the desk through SIP trunks, PBXs and operators typing numbers
by hand, so the same telephone shows up as ``0361-223333``, ``62361223333``
or ``+62 361 223333``. Caller history, callbacks and the line an INVITE came
in on are all keyed by E.164, so everything goes through `normalise_number`.

Decisions worth knowing:

* A leading ``62`` without ``+`` is the country code. Trunks often drop the
  ``+``; a national number never starts with 62 (it starts with the trunk
  prefix 0), and libphonenumber alone would read ``62361223333`` as the
  national number 0623-61223333.
* Only numbers libphonenumber judges *valid* get an E.164 form. A merely
  "possible" number is too loose (it accepts five-digit strings), and a
  wrong E.164 would merge strangers' histories.
* Short dial strings (3 to 5 digits, not starting with 0: 110, 112, 113,
  115, 118, 119, 14045, PBX extensions) have no E.164 form. They are kept in
  `PhoneNumber.short_code` so the desk can still match a called line of
  ``112``; libphonenumber's short-number table is not used because it misses
  real codes such as Basarnas' 115.
* Every parsing failure becomes ``e164=None``; nothing here raises, because
  a malformed caller ID must never cost the desk a ringing call.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from urllib.parse import unquote

import phonenumbers

DEFAULT_REGION = "ID"
INDONESIA_COUNTRY_CODE = 62
MAX_RAW_CHARS = 128
# E.164 allows 15 digits; the extra room covers an international dialling
# prefix (001, 008, ...) in front of a full foreign number.
_MAX_DIGITS = 18
_SHORT_CODE_LENGTHS = range(3, 6)
_VISIBLE_TRAILING_DIGITS = 3
# Below this many digits, showing three of them would give most of it away.
_MIN_DIGITS_TO_SHOW_TAIL = 7

# Words SIP trunks and PBXs put in place of a number the caller hid.
WITHHELD_WORDS = frozenset(
    {"anonymous", "restricted", "unknown", "unavailable", "private", "withheld"}
)
# Indonesian international dialling prefixes, longest first so that 001 wins
# over the generic 00 (which would read 001 44... as the NANP number +1 44...).
_INTERNATIONAL_PREFIXES = ("001", "007", "008", "009", "00")
_VISUAL_SEPARATORS = frozenset("-.()/[] \u00a0\u2010\u2011\u2012\u2013\u2014\u00b7")


@dataclass(frozen=True)
class PhoneNumber:
    """A telephone number as received, with its canonical forms.

    ``raw`` is the text as received (bounded, control characters removed so
    it can be stored in PostgreSQL). ``e164`` is the key for caller history;
    ``display`` is for the UI (national format for Indonesian numbers).
    """

    raw: str
    e164: str | None
    withheld: bool
    short_code: str | None = None

    @cached_property
    def display(self) -> str | None:
        # Worked out when first asked for: intake needs only the E.164 key,
        # and formatting would parse the number a second time.
        if self.short_code is not None:
            return self.short_code
        return format_for_display(self.e164)

    @property
    def is_dialable(self) -> bool:
        """True when the desk could call this number back."""
        return self.e164 is not None or self.short_code is not None


NO_NUMBER = PhoneNumber(raw="", e164=None, withheld=False)
WITHHELD_NUMBER = PhoneNumber(raw="", e164=None, withheld=True)


def normalise_number(raw: str | None) -> PhoneNumber:
    """Turn caller-ID or typed text into a `PhoneNumber`; never raises."""
    if raw is None:
        return WITHHELD_NUMBER
    if isinstance(raw, (bytes, bytearray)):
        raw = bytes(raw[: MAX_RAW_CHARS * 4]).decode("utf-8", "replace")
    if not isinstance(raw, str):
        return NO_NUMBER
    kept_raw = _printable(raw[:MAX_RAW_CHARS])
    text = _strip_uri_syntax(kept_raw.strip())
    if text.lower() in WITHHELD_WORDS or not text:
        return PhoneNumber(raw=kept_raw, e164=None, withheld=True)
    unparseable = PhoneNumber(raw=kept_raw, e164=None, withheld=False)
    if len(raw) > MAX_RAW_CHARS:
        # Parsing a truncated text could yield somebody else's number.
        return unparseable
    extracted = _extract_digits(text)
    if extracted is None:
        return unparseable
    has_plus, digits = extracted
    if not has_plus and len(digits) in _SHORT_CODE_LENGTHS and digits[0] != "0":
        return PhoneNumber(raw=kept_raw, e164=None, withheld=False, short_code=digits)
    e164 = _to_e164(has_plus, digits)
    if e164 is None:
        return unparseable
    return PhoneNumber(raw=kept_raw, e164=e164, withheld=False)


# Remembered: libphonenumber takes ~40 µs a number, which was most of the time
# `calls list --all` spent per call; a caller's number recurs across calls.
@lru_cache(maxsize=1 << 17)
def format_for_display(e164: str | None) -> str | None:
    """National format for Indonesian numbers, international for the rest.

    Operators dial Indonesian numbers the national way; a foreign number in
    its own national format (``020 7946 0958``) would hide that it is foreign.
    """
    if not isinstance(e164, str) or not e164.startswith("+") or len(e164) > 20:
        return None
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    if parsed.country_code == INDONESIA_COUNTRY_CODE:
        style = phonenumbers.PhoneNumberFormat.NATIONAL
    else:
        style = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(parsed, style)


def mask_number(e164_or_raw: str | None) -> str:
    """A log-safe stand-in for a caller's number, e.g. ``+62*******789``.

    Caller numbers are personal data. Only the country code (local or
    foreign caller) and the last three digits survive. The operator or area
    prefix is hidden too: with it, a six-digit Denpasar landline would be
    narrowed to a thousand candidates.
    """
    number = normalise_number(e164_or_raw)
    if number.withheld:
        return "withheld"
    if number.e164 is not None:
        country_code = str(phonenumbers.parse(number.e164, None).country_code)
        return "+" + country_code + _mask_digits(number.e164[1 + len(country_code):])
    text = e164_or_raw if isinstance(e164_or_raw, str) else ""
    digits = "".join(_decimal_value(ch) or "" for ch in text[:MAX_RAW_CHARS])
    return _mask_digits(digits) if digits else "***"


def _mask_digits(digits: str) -> str:
    if len(digits) < _MIN_DIGITS_TO_SHOW_TAIL:
        return "*" * len(digits)
    hidden = len(digits) - _VISIBLE_TRAILING_DIGITS
    return "*" * hidden + digits[hidden:]


def _printable(text: str) -> str:
    # Databases reject NUL and lone surrogates; control characters have no
    # business in a phone number anyway.
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            kept.append("\ufffd")
        elif category not in ("Cc", "Cf"):
            kept.append(ch)
    return "".join(kept)


def _strip_uri_syntax(text: str) -> str:
    """Reduce ``tel:``/``sip:`` URIs to their user part, without parameters."""
    lowered = text.lower()
    if lowered.startswith("tel:"):
        text = text[4:]
    elif lowered.startswith(("sip:", "sips:")):
        text = text.split(":", 1)[1]
        if "@" in text:
            text = text.split("@", 1)[0].split(":", 1)[0]
    text = text.split(";", 1)[0]
    if "%" in text:
        text = unquote(text)
    return text.strip()


def _extract_digits(text: str) -> tuple[bool, str] | None:
    """Digits and whether a leading ``+`` was present; None if not a number."""
    has_plus = False
    digits: list[str] = []
    for ch in text:
        digit = _decimal_value(ch)
        if digit is not None:
            digits.append(digit)
            if len(digits) > _MAX_DIGITS:
                return None
        elif ch == "+" and not digits and not has_plus:
            has_plus = True
        elif ch in _VISUAL_SEPARATORS or ch.isspace():
            continue
        else:
            return None
    if not digits:
        return None
    return has_plus, "".join(digits)


def _decimal_value(ch: str) -> str | None:
    # Accepts Arabic-Indic and full-width digits too: phones and IMEs
    # in the region produce them. Superscripts are isdigit() but not decimal.
    if "0" <= ch <= "9":
        return ch
    if ch.isdecimal():
        return str(unicodedata.decimal(ch))
    return None


def _to_e164(has_plus: bool, digits: str) -> str | None:
    if has_plus or digits.startswith(str(INDONESIA_COUNTRY_CODE)):
        return _valid_e164("+" + digits, None)
    national = _valid_e164(digits, DEFAULT_REGION)
    if national is not None or not digits.startswith("00"):
        return national
    for prefix in _INTERNATIONAL_PREFIXES:
        if digits.startswith(prefix):
            international = _valid_e164("+" + digits[len(prefix):], None)
            if international is not None:
                return international
    return None


def _valid_e164(text: str, region: str | None) -> str | None:
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

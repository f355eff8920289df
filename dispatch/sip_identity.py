"""Who is calling, and on which line: caller identity from a raw SIP INVITE.

The softphone hands over ``prm.rdata.wholeMsg`` untouched, so the rules for
what the operator sees are tested here without a SIP stack. The message is
hostile input: only its first 16 KB are read, values are bounded and
cleaned, nothing backtracks and nothing raises.

Trust order for the caller's number: P-Asserted-Identity (RFC 3325),
Remote-Party-ID (its predecessor), then From (whatever the phone claims).
A number the network asserts wins over an anonymous or non-numeric From.
A privacy request (``Privacy: id``/``header``, ``privacy=full|uri`` on
Remote-Party-ID, an anonymous URI or withheld marker in any identity
header) hides number and name alike in `CallerIdentity.number`.

Emergency services sit inside the network's trust domain (RFC 3325 §7),
so a privacy request does not hide the asserted caller from them:
`CallerIdentity.asserted_number` keeps the number asserted in
P-Asserted-Identity/Remote-Party-ID, privacy or not, and
`CallerIdentity.for_emergency_line()` is the identity an emergency line
stores and shows (that number, still marked private). Other lines use the
plain identity. `asserted_number` and `raw_headers` (kept for diagnosis)
may hold a number the caller asked to hide: never log them, and never
show them anywhere but the call-taker's screen of an emergency call.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from urllib.parse import unquote

from dispatch.phone import NO_NUMBER, WITHHELD_NUMBER, PhoneNumber, normalise_number

MAX_MESSAGE_BYTES = 16 * 1024
MAX_DISPLAY_NAME_CHARS = 64
MAX_HEADER_CHARS = 512
# Real INVITEs carry one or two identities per header; each costs a
# libphonenumber parse, so a flood of them is cut off.
_MAX_IDENTITIES_PER_HEADER = 8

PAI = "P-Asserted-Identity"
RPID = "Remote-Party-ID"
FROM = "From"
_IDENTITY_HEADERS = (PAI, RPID, FROM)

# Single-letter header names from RFC 3261 §7.3.3 and later RFCs.
_COMPACT_NAMES = {
    "f": "from", "t": "to", "i": "call-id", "m": "contact", "v": "via",
    "l": "content-length", "c": "content-type", "k": "supported",
    "s": "subject", "e": "content-encoding", "o": "event", "r": "refer-to",
    "b": "referred-by", "u": "allow-events", "x": "session-expires",
}
# The canonical (lower-case) names parse_caller reads.
_CALLER_HEADERS = frozenset({name.lower() for name in _IDENTITY_HEADERS} | {"privacy"})
_PRIVACY_HIDING_NUMBER = frozenset({"id", "header"})
_ANONYMOUS_HOST = "anonymous.invalid"


@dataclass(frozen=True)
class CallerIdentity:
    """The calling party as the desk may show it on any line.

    ``number`` is `WITHHELD_NUMBER` and ``display_name`` None when the
    caller asked for privacy. ``asserted_number`` is the dialable calling
    number the network asserted (P-Asserted-Identity, else Remote-Party-ID),
    kept even under a privacy request; None when neither asserts one.
    Personal data, possibly hidden by the caller's request: never log it,
    never show it outside the call-taker's screen (it is left out of repr).
    """

    number: PhoneNumber
    display_name: str | None
    source: str | None  # PAI, RPID, FROM or None when no identity header
    raw_headers: Mapping[str, str] = field(default_factory=dict)
    privacy: bool = False
    asserted_number: PhoneNumber | None = field(default=None, repr=False)

    def for_emergency_line(self) -> CallerIdentity:
        """The identity an emergency line stores and shows.

        When privacy hid a number the network asserted, a copy whose
        ``number`` is that number, still ``privacy=True`` and without the
        display name, so the call-taker sees it marked private. Otherwise
        (no privacy, or only the phone's own From number under a privacy
        request) this identity unchanged.
        """
        if not self.privacy or self.asserted_number is None:
            return self
        return replace(self, number=self.asserted_number)


@dataclass(frozen=True)
class _Identity:
    """One name-addr of an identity header, reduced to what the desk uses."""

    header: str
    display_name: str | None
    scheme: str | None
    host: str | None
    params: Mapping[str, str]
    number: PhoneNumber

    @property
    def asks_privacy(self) -> bool:
        return (
            self.number.withheld
            or (self.host or "").lower() == _ANONYMOUS_HOST
            or self.params.get("privacy") in ("full", "uri")  # Remote-Party-ID
        )


def parse_caller(message: str | bytes) -> CallerIdentity:
    """The calling party of an INVITE: number, name, and which header said so."""
    headers = _headers(_message_text(message), _CALLER_HEADERS)
    identities = {name: _identities(headers[name.lower()], name) for name in _IDENTITY_HEADERS}
    everyone = [ident for name in _IDENTITY_HEADERS for ident in identities[name]]
    chosen = _choose_identity(identities)
    # An anonymous From is a privacy request like any other: it hides the
    # number asserted beside it here, but not from `asserted_number`.
    privacy = _privacy_requested(headers["privacy"]) or any(i.asks_privacy for i in everyone)
    if privacy:
        number, display_name = WITHHELD_NUMBER, None
    else:
        number = chosen.number if chosen else NO_NUMBER
        display_name = _display_name(chosen, everyone)
    raw_headers = {
        name: _clean(", ".join(values), MAX_HEADER_CHARS)
        for name in _IDENTITY_HEADERS
        if (values := headers[name.lower()])
    }
    return CallerIdentity(
        number=number,
        display_name=display_name,
        source=chosen.header if chosen else None,
        raw_headers=MappingProxyType(raw_headers),
        privacy=privacy,
        asserted_number=_asserted_number(chosen),
    )


def parse_called_number(message: str | bytes) -> PhoneNumber:
    """The dialled line: the Request-URI's user part, else the To header's.

    Behind a registrar the Request-URI names the desk's account
    (``sip:desk1@10.0.0.5``) and only To keeps the dialled number, so a
    Request-URI user that is not a number defers to To.
    """
    text = _message_text(message)
    request_line = text.lstrip("\r\n").split("\n", 1)[0].split()
    from_request_uri = None
    if len(request_line) == 3 and request_line[2].upper().startswith("SIP/"):
        from_request_uri = _number_from_uri(request_line[1])
        if from_request_uri is not None and from_request_uri.is_dialable:
            return from_request_uri
    for value in header_values(text, "To")[:1]:
        from_to = _number_from_uri(_split_name_addr(value)[1])
        if from_to is not None and (from_to.is_dialable or from_request_uri is None):
            return from_to
    return from_request_uri or NO_NUMBER


def parse_call_id(message: str | bytes) -> str | None:
    values = header_values(message, "Call-ID")
    return (_clean(values[0], MAX_HEADER_CHARS).replace(" ", "") or None) if values else None


def header_values(message: str | bytes, name: str) -> list[str]:
    """Values of every header field called `name`, in message order.

    Names match case-insensitively and through compact forms (``f`` is From).
    Folded continuation lines are joined with one space. Values are returned
    as written, not split at commas.
    """
    wanted = _canonical_name(name)
    return _headers(_message_text(message), frozenset({wanted}))[wanted]


def _headers(text: str, wanted: frozenset[str]) -> dict[str, list[str]]:
    """`header_values` for several canonical names in one pass over the text:
    {name: its values} for each wanted name, [] where absent."""
    found: dict[str, list[str]] = {name: [] for name in wanted}
    current: list[str] | None = None
    into: list[str] | None = None
    started = False
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if not line:
            if started:
                break  # end of the headers; the SDP body follows
            continue  # keep-alive CRLFs before the request line
        started = True
        if line[0] in " \t":
            if current is not None:
                current.append(line.strip())
            continue
        if current is not None:
            into.append(" ".join(part for part in current if part))
        header_name, colon, value = line.partition(":")
        into = found.get(_canonical_name(header_name)) if colon else None
        current = [value.strip()] if into is not None and _is_token(header_name.strip()) else None
    if current is not None:
        into.append(" ".join(part for part in current if part))
    return found


def _message_text(message: str | bytes) -> str:
    if isinstance(message, (bytes, bytearray, memoryview)):
        return bytes(message[:MAX_MESSAGE_BYTES]).decode("utf-8", "replace")
    if not isinstance(message, str):
        return ""
    text = message[:MAX_MESSAGE_BYTES]
    try:
        # Bytes the SIP binding could not decode arrive as surrogateescape
        # surrogates; turning them back into bytes recovers valid UTF-8.
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def _canonical_name(name: str) -> str:
    lowered = name.strip().lower()
    return _COMPACT_NAMES.get(lowered, lowered)


def _is_token(text: str) -> bool:
    # Header names are RFC 3261 tokens; the request line fails this test
    # ("INVITE sip" has a space), so it is never taken for a header.
    return bool(text) and all(ch.isascii() and (ch.isalnum() or ch in "-.!%*_+`'~") for ch in text)


def _identities(values: list[str], header: str) -> list[_Identity]:
    found: list[_Identity] = []
    for value in values:
        for entry in _split_outside_quotes(value):
            if len(found) == _MAX_IDENTITIES_PER_HEADER:
                return found
            display, uri, params = _split_name_addr(entry)
            if display is None and uri is None:
                continue
            scheme, user, host = _parse_uri(uri)
            found.append(_Identity(
                header=header,
                display_name=_clean(display, MAX_DISPLAY_NAME_CHARS) or None,
                scheme=scheme,
                host=host,
                params=_parse_params(params),
                number=normalise_number(user) if user else NO_NUMBER,
            ))
    return found


def _choose_identity(identities: Mapping[str, list[_Identity]]) -> _Identity | None:
    for header in _IDENTITY_HEADERS:
        dialable = [
            ident for ident in identities[header]
            if ident.number.is_dialable and ident.params.get("party", "calling") == "calling"
        ]
        # A tel: URI is the network's statement of the number; a sip: user
        # part can be an account name that only looks numeric.
        dialable.sort(key=lambda ident: ident.scheme != "tel")
        if dialable:
            return dialable[0]
    return next((identities[h][0] for h in _IDENTITY_HEADERS if identities[h]), None)


def _asserted_number(chosen: _Identity | None) -> PhoneNumber | None:
    """The chosen identity's number when the network asserts it: from
    P-Asserted-Identity or Remote-Party-ID, dialable, of the calling party.
    `_choose_identity` falls back to a non-calling or non-dialable identity
    when there is no better one; those assert nothing."""
    if (
        chosen is None
        or chosen.header == FROM
        or not chosen.number.is_dialable
        or chosen.params.get("party", "calling") != "calling"
    ):
        return None
    return chosen.number


def _display_name(chosen: _Identity | None, everyone: list[_Identity]) -> str | None:
    if any(ident.params.get("privacy") == "name" for ident in everyone):
        return None
    # Networks often assert a bare tel: number and leave the name in From.
    ordered = ([chosen] if chosen else []) + everyone
    return next((ident.display_name for ident in ordered if ident.display_name), None)


def _privacy_requested(values: list[str]) -> bool:
    tokens = (
        token.strip().lower()
        for value in values
        for token in value.replace(",", ";").split(";")
    )
    return any(token in _PRIVACY_HIDING_NUMBER for token in tokens)


def _split_name_addr(entry: str) -> tuple[str | None, str | None, str]:
    """``"Name" <uri>;params`` → (name, uri, params); tolerant of breakage."""
    rest = entry.strip()
    display = None
    if rest.startswith('"'):
        quoted, after_quote = _read_quoted(rest)
        if quoted is None:
            rest = rest[1:]  # unterminated quote: read it as a plain name
        else:
            display, rest = quoted, after_quote
    if "<" in rest:
        before, _, after = rest.partition("<")
        display = display if display is not None else (before.strip() or None)
        uri, closed, params = after.partition(">")
        if not closed:  # unclosed bracket: the URI runs to its first parameter
            uri, _, params = uri.partition(";")
        return display, uri.strip() or None, params
    # addr-spec form, where parameters after ';' belong to the header. User
    # parameters left unbracketed (sip:0812;phone-context=x@h) are tolerated
    # by cutting only after a sip URI's '@'.
    at = rest.find("@") if rest.lower().startswith(("sip:", "sips:")) else -1
    cut = rest.find(";", max(at, 0))
    uri, params = (rest, "") if cut < 0 else (rest[:cut], rest[cut + 1:])
    return display, uri.strip() or None, params


def _read_quoted(text: str) -> tuple[str | None, str]:
    """Unescape the quoted-string opening `text`; (None, text) if unterminated."""
    chars: list[str] = []
    index = 1
    while index < len(text):
        ch = text[index]
        if ch == '"':
            return "".join(chars), text[index + 1:]
        if ch == "\\" and index + 1 < len(text):
            index += 1
            ch = text[index]
        chars.append(ch)
        index += 1
    return None, text


def _split_outside_quotes(value: str) -> list[str]:
    """Split a header value at commas that are not inside quotes or <...>."""
    parts: list[str] = []
    start = 0
    in_quotes = in_angle = escaped = False
    for index, ch in enumerate(value):
        if escaped:
            escaped = False
        elif in_quotes and ch == "\\":
            escaped = True
        elif ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in "<>":
            in_angle = ch == "<"
        elif ch == "," and not in_quotes and not in_angle:
            parts.append(value[start:index])
            start = index + 1
    parts.append(value[start:])
    return [part for part in parts if part.strip()]


def _parse_params(params: str) -> Mapping[str, str]:
    parsed: dict[str, str] = {}
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip():
            parsed.setdefault(key.strip().lower(), value.strip().strip('"').lower())
    return parsed


def _parse_uri(uri: str | None) -> tuple[str | None, str | None, str | None]:
    """(scheme, unescaped user part without parameters, host) of a URI.

    The host only serves to spot ``anonymous.invalid``, so ports and IPv6
    brackets are not taken apart with care.
    """
    if not uri or ":" not in uri:
        return None, None, None
    scheme, _, rest = uri.partition(":")
    scheme = scheme.strip().lower()
    host = None
    if scheme == "tel":
        user = rest
    elif scheme in ("sip", "sips"):
        user, at, host = rest.rpartition("@")
        host = host.split(";", 1)[0].split(":", 1)[0].strip()
        if not at:
            return scheme, None, host  # <sip:host> names a host, not a caller
        user = user.partition(":")[0]  # drop a password
    else:
        return scheme, None, None
    # User parameters (;phone-context=..., ;isub=...) are not digits.
    return scheme, unquote(user.partition(";")[0]).strip() or None, host


def _number_from_uri(uri: str | None) -> PhoneNumber | None:
    """The number in a URI's user part; None when the URI names no user."""
    user = _parse_uri(uri)[1]
    return normalise_number(user) if user else None


def _clean(text: str | None, limit: int) -> str:
    """Drop control characters, collapse whitespace, bound the length."""
    text = (text or "")[: limit * 4]
    if text.isascii() and text.isprintable():
        # Nearly every header: no control characters, and a space is the
        # only whitespace printable ASCII has, so split() collapses it alike.
        return " ".join(text.split())[:limit].rstrip()
    return _clean_any(text, limit)


def _clean_any(text: str, limit: int) -> str:
    kept: list[str] = []
    pending_space = False
    for ch in text:
        if ch.isspace():
            pending_space = bool(kept)
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
            if pending_space:
                kept.append(" ")
                pending_space = False
            kept.append(ch)
            if len(kept) >= limit:
                break
    return "".join(kept)[:limit].rstrip()

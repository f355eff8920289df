"""RadioText of the bulletin's title to an RDS encoder over serial.

Encoders of the Pira P132/P232 family (and the many that copy their ASCII
command set) take ``RT1=text`` ended by a carriage return, and accept
``TEXT=text`` as a compatibility alias used by older automation systems.
RadioText carries at most 64 characters of a restricted character set; the
desk sends plain printable ASCII only, so Indonesian titles lose nothing but
the odd accent or typographic quote.

The title given here must already be scrubbed by the domain
(`dispatch.bulletins.radiotext_source`: numbers, reporters' names, the
names the supervisor lists as private). Phone-like numbers are scrubbed
again here, before and after the ASCII folding (a full-width or
superscript digit only becomes a digit in the folding), since that needs
no database; names need the list, which only the domain has.
"""
from __future__ import annotations

import unicodedata

import serial

from dispatch.bulletin_privacy import scrub_private
from radio.drivers.base import RelayFault, SerialLink, open_port

MAX_LENGTH = 64
COMMANDS = {"rt1": "RT1=", "text": "TEXT="}
# Characters NFKD does not take apart but that have an obvious ASCII stand-in.
_ASCII_STAND_INS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u00df": "ss",
    "\u00e6": "ae", "\u00c6": "AE", "\u00f8": "o", "\u00d8": "O", "\u0131": "i",
    "\u0142": "l", "\u0141": "L", "\u00d0": "D", "\u00f0": "d",
})


def to_radiotext(scrubbed_title: str) -> str:
    """Printable ASCII, single spaces, at most 64 characters, no phone number."""
    title = scrub_private(scrubbed_title)
    text = unicodedata.normalize("NFKD", title.translate(_ASCII_STAND_INS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # Control characters become spaces: a CR inside a title would end the
    # command early and hand the rest to the encoder as a command of its own.
    text = "".join(ch if " " <= ch <= "~" else " " for ch in text.translate(_ASCII_STAND_INS))
    text = " ".join(scrub_private(text).split())
    return text[:MAX_LENGTH].rstrip()


def radiotext_command(scrubbed_title: str, variant: str = "rt1") -> bytes:
    try:
        prefix = COMMANDS[variant.lower()]
    except KeyError:
        raise RelayFault(f"unknown RDS command {variant!r}; choose rt1 or text",
                         code="rds.unknown_command", variant=variant) from None
    return (prefix + to_radiotext(scrubbed_title)).encode("ascii") + b"\r"


class RdsEncoder:
    """One-way link to the encoder: its manuals advise automation systems not
    to wait for answers, so none is read."""

    def __init__(self, port: serial.SerialBase, *, variant: str = "rt1", name: str = "?") -> None:
        if variant.lower() not in COMMANDS:
            port.close()
            raise RelayFault(f"unknown RDS command {variant!r}; choose rt1 or text",
                             code="rds.unknown_command", variant=variant)
        self.variant = variant.lower()
        self.link = SerialLink(port, name, reply_timeout=0.5, device="RDS encoder")

    @classmethod
    def open(cls, url: str, *, variant: str = "rt1", baudrate: int = 9600) -> RdsEncoder:
        if not url:
            raise RelayFault("no RDS encoder port configured (radio.rds_port)",
                             code="rds.no_port")
        port = open_port(url, baudrate=baudrate, device="RDS encoder")
        return cls(port, variant=variant, name=url)

    def send_title(self, scrubbed_title: str) -> str:
        """Send the title (from `radiotext_source`) as RadioText; returns the
        text actually sent."""
        command = radiotext_command(scrubbed_title, self.variant)
        self.link.write(command)
        return command[len(COMMANDS[self.variant]):-1].decode("ascii")

    def close(self) -> None:
        self.link.close()

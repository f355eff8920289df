"""Errors the desk reports to a person: one clear line, nothing changed.

Each refusal has an English message (the command line prints it, the log
keeps it) and, for the window, a `code` naming the refusal with its values
in `params`: the window says it in the operator's language from its own
translated table (ui/qt/domain_messages.py), so an Indonesian screen never
shows an English sentence. Values that are the domain's enums stay enums,
so the window can translate them too (a unit's "on scene").

    raise IllegalTransition(f"{callsign} cannot go from {before} to {after}",
                            code="unit.cannot_change", callsign=callsign,
                            before=before, after=after)
"""
from __future__ import annotations

from typing import Any


class DeskError(Exception):
    """A request the desk refuses. The message is shown as it is, so it must
    be one line a call-taker or a script author can act on."""

    def __init__(self, message: str = "", *, code: str = "", **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class NotFound(DeskError):
    """Something named by the user (a unit, an incident, a type) is unknown."""


class InvalidInput(DeskError):
    """Input that breaks a rule: out-of-range coordinates, a bad number."""


class IllegalTransition(DeskError):
    """A status change the state machine does not allow."""


class SeedError(DeskError):
    """A seed file that cannot be loaded; nothing of it is written."""


class NotPermitted(DeskError):
    """The signed-in operator's role may not do this (the command line exits 3)."""


class NotSignedIn(DeskError):
    """No operator is signed in, or the sign-in failed (the command line exits 3)."""


class DeviceFault(DeskError):
    """A device the desk drives (the studio relay, a serial port) failed:
    not the user's input (the command line exits 4)."""

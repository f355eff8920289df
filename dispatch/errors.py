"""Errors the desk reports to a person: one clear line, nothing changed."""


class DeskError(Exception):
    """A request the desk refuses. The message is shown as it is, so it must
    be one line a call-taker or a script author can act on."""


class NotFound(DeskError):
    """Something named by the user (a unit, an incident, a type) is unknown."""


class InvalidInput(DeskError):
    """Input that breaks a rule: out-of-range coordinates, a bad number."""


class IllegalTransition(DeskError):
    """A status change the state machine does not allow."""


class SeedError(DeskError):
    """A seed file that cannot be loaded; nothing of it is written."""

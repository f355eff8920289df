"""How a caller is shown in the calls panels: the number as people write
it (0812-3700-9988), the name the network gave, or "withheld"; a number
the network asserted behind a withheld identity is shown, marked private."""
from __future__ import annotations

from functools import lru_cache

from dispatch.phone import format_for_display
from ui import labels


@lru_cache(maxsize=2048)
def display_number(e164: str | None) -> str | None:
    """format_for_display costs a libphonenumber parse; a table repaints
    the same few numbers many times a second during a surge."""
    return format_for_display(e164)


def caller_text(number: str | None, withheld: bool, name: str | None = None) -> str:
    if not number:
        return labels.withheld() if withheld else "?"
    shown = display_number(number) or number
    if withheld:  # asserted by the network on the emergency line: kept, but private
        return f"{shown} ({labels.private_number()})"
    return f"{shown} ({name})" if name else shown

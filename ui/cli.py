"""`safedesk gui` (and `safedesk` alone): open the desk window."""
from __future__ import annotations

import os
import sys

from dispatch.errors import DeskError


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("gui", help="open the desk window (the default)")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS",
                        help="close by itself after this long (smoke tests, screenshots); "
                             "a telephony engine it had to start is stopped with it")
    parser.add_argument("--no-phone", action="store_true",
                        help="open without the softphone: start and contact no telephony engine")
    parser.add_argument("--listen", metavar="HOST:PORT",
                        help="SIP address for the telephony engine this window starts "
                             "(overrides sip.listen; an engine already running keeps its own)")
    parser.set_defaults(handler=run_gui)


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def run_gui(args) -> int:
    if not _has_display():
        raise DeskError("no display found: to run the desk without a screen, set "
                        "QT_QPA_PLATFORM=offscreen (make run does this for you)")
    from ui.qt.x11_libraries import missing_x11_problem
    problem = missing_x11_problem()
    if problem:  # said before Qt aborts without naming the library
        raise DeskError(problem)
    from ui.app import run_desk
    return run_desk(args)

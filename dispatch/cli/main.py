"""`safedesk`: the desk's command line.

Built-in command groups live in dispatch/cli/; adapters (softphone, radio,
window) plug in through the `safedesk.commands` entry-point group, so this
package never imports Qt, pjsua2 or pyserial. Bad input exits 2 with one
line on stderr and changes nothing.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from importlib import import_module
from importlib.metadata import entry_points

from sqlalchemy.exc import OperationalError

from dispatch import log_privacy
from dispatch.errors import DeskError, DeviceFault, InvalidInput, NotPermitted, NotSignedIn

BUILT_IN_GROUPS = (
    "dispatch.cli.init_cmd",
    "dispatch.cli.incidents_cmd",
    "dispatch.cli.units_cmd",
    "dispatch.cli.audit_cmd",
    "dispatch.cli.calls_cmd",
    "dispatch.cli.complaints_cmd", "dispatch.cli.bulletin_cmd",
    "dispatch.cli.privacy_cmd",
    "dispatch.cli.operators_cmd",
    "dispatch.cli.stats_cmd",
    "dispatch.cli.callers_cmd",
    "dispatch.cli.report_cmd",
)

# Exit codes: what a script can tell apart.
EXIT_BAD_INPUT = 2      # the request itself: a typo, a rule broken; nothing written
EXIT_REFUSED = 3        # not signed in, or the role may not (audited)
EXIT_UNAVAILABLE = 4    # a device or the database failed; the request may be fine


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors: exit 2, one line
        where = self.prog.removeprefix("safedesk").strip()
        text = f"{where + ': ' if where else ''}{message}"
        if "--json" in sys.argv[1:] or "--json" in _ARGV:
            _json_error("usage", text)
            self.exit(EXIT_BAD_INPUT)
        self.exit(EXIT_BAD_INPUT, f"safedesk: error: {text}\n")


_ARGV: list[str] = []  # what main() parses, for _Parser.error's --json


def _json_error(code: str, message: str) -> None:
    """With --json, an error is one JSON object on stderr, exit code unchanged."""
    sys.stderr.write(json.dumps({"error": code, "message": message}, ensure_ascii=False) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="safedesk", description="Safe Community Desk — Denpasar")
    parser.add_argument("--db", metavar="URL",
                        help="database URL (default: the SQLite file; env SAFEDESK_DB)")
    parser.add_argument("--operator", metavar="NAME", help="who is acting, for the audit trail")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    parser.add_argument("--log-personal-data", action="store_true",
                        help="let callers' numbers and names into the log, for debugging "
                             f"(default: masked; env {log_privacy.ENV_VAR}=1)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=_Parser)
    parser.set_defaults(command_names=subparsers.choices)
    for module_name in BUILT_IN_GROUPS:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue  # a group still being written is simply absent
        module.add_commands(subparsers)
    for plugin in entry_points(group="safedesk.commands"):
        try:
            plugin.load()(subparsers)
        except ImportError as exc:  # e.g. Qt missing on a headless server
            logging.getLogger(__name__).debug("command group %s unavailable: %s", plugin.name, exc)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Every file and folder the desk makes (database, WAL, journal,
    # recordings, exports) is its user's alone: 0600 and 0700.
    os.umask(0o077)
    _ARGV[:] = argv
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Masks numbers and names in every line, tracebacks included (pjsip's SIP
    # messages, SQLAlchemy's errors); before anything below can log.
    personal_data = args.log_personal_data or log_privacy.personal_data_from_env()
    log_privacy.install(personal_data)
    if personal_data:
        logging.getLogger(__name__).warning(
            "callers' numbers and names are logged in clear (--log-personal-data)")
    handler = getattr(args, "handler", None)
    if handler is None:
        if args.command is None and "gui" in args.command_names:
            return main([*argv, "gui"])  # `safedesk` alone opens the window
        parser.print_help()
        return 2
    as_json = bool(getattr(args, "json", False))
    try:
        return int(handler(args) or 0)
    except DeskError as exc:
        return _fail(exc.code or "invalid_input", str(exc), _exit_code(exc), as_json)
    except OperationalError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc).splitlines()[0]
        return _fail("database.unavailable", f"database unavailable: {reason}",
                     EXIT_UNAVAILABLE, as_json)
    except KeyboardInterrupt:
        return 130


def _exit_code(exc: DeskError) -> int:
    if isinstance(exc, NotPermitted | NotSignedIn):
        return EXIT_REFUSED
    if isinstance(exc, DeviceFault) and not isinstance(exc, InvalidInput):
        return EXIT_UNAVAILABLE
    return EXIT_BAD_INPUT


def _fail(code: str, message: str, exit_code: int, as_json: bool) -> int:
    if as_json:
        _json_error(code, message)
    else:
        print(f"safedesk: error: {message}", file=sys.stderr)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())

"""`safedesk`: the desk's command line.

Built-in command groups live in dispatch/cli/; adapters (softphone, radio,
window) plug in through the `safedesk.commands` entry-point group, so this
package never imports Qt, pjsua2 or pyserial. Bad input exits 2 with one
line on stderr and changes nothing.
"""
from __future__ import annotations

import argparse
import logging
import sys
from importlib import import_module
from importlib.metadata import entry_points

from sqlalchemy.exc import OperationalError

from dispatch import log_privacy
from dispatch.errors import DeskError

BUILT_IN_GROUPS = (
    "dispatch.cli.init_cmd",
    "dispatch.cli.incidents_cmd",
    "dispatch.cli.units_cmd",
    "dispatch.cli.audit_cmd",
    "dispatch.cli.calls_cmd",
    "dispatch.cli.complaints_cmd", "dispatch.cli.bulletin_cmd",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors: exit 2, one line
        where = self.prog.removeprefix("safedesk").strip()
        self.exit(2, f"safedesk: error: {where + ': ' if where else ''}{message}\n")


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
    try:
        return int(handler(args) or 0)
    except DeskError as exc:
        print(f"safedesk: error: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc).splitlines()[0]
        print(f"safedesk: error: database unavailable: {reason}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

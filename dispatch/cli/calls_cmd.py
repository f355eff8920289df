"""`safedesk calls …` and `safedesk recordings purge`: the call log from a shell."""
from __future__ import annotations

from datetime import timedelta
from functools import partial

from dispatch import calls
from dispatch.call_types import classify_call
from dispatch.caller_blocks import nuisance_count
from dispatch.cli.context import actor_of, open_db, print_json, settings_of
from dispatch.cli.listing import add_paging_options, run_listing
from dispatch.enums import CallStatus, CallType
from dispatch.errors import InvalidInput
from dispatch.phone import format_for_display
from dispatch.settings import RECORDING_RETENTION_DAYS
from dispatch.timeutil import format_wita, parse_iso, utcnow


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("calls",
                                   help="calls that rang, the callback list, caller history")
    commands = parser.add_subparsers(dest="calls_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help="calls, newest first, a page at a time")
    listing.add_argument("--status", choices=[s.value for s in CallStatus])
    listing.add_argument("--since", metavar="ISO", help="only calls since this time (naive = WITA)")
    add_paging_options(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    history = commands.add_parser("history",
                                  help="earlier calls, incidents, complaints of a number")
    history.add_argument("number")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=run_history)

    callbacks = commands.add_parser("callbacks", help="calls waiting for a call-back, oldest first")
    callbacks.add_argument("--json", action="store_true")
    callbacks.set_defaults(handler=run_callbacks)

    clear = commands.add_parser("clear-callback", help="take a call off the callback list")
    clear.add_argument("call_id", type=int, metavar="ID")
    clear.add_argument("--reason", required=True)
    clear.add_argument("--json", action="store_true")
    clear.set_defaults(handler=run_clear_callback)

    classify = commands.add_parser("classify", help="say what a call was: "
                                   + ", ".join(t.value for t in CallType))
    classify.add_argument("call_id", type=int, metavar="ID")
    classify.add_argument("call_type", metavar="TYPE")
    classify.add_argument("--json", action="store_true")
    classify.set_defaults(handler=run_classify)

    recordings = subparsers.add_parser("recordings", help="call recordings")
    recording_commands = recordings.add_subparsers(dest="recordings_command", metavar="ACTION",
                                                   required=True)
    purge = recording_commands.add_parser("purge",
                                          help="delete recordings past the retention period")
    purge.add_argument("--older-than-days", type=int, metavar="N",
                       help="retention in days (default: setting recordings.retention_days)")
    purge.add_argument("--json", action="store_true")
    purge.set_defaults(handler=run_purge)


def run_list(args) -> int:
    filters = {"status": CallStatus(args.status) if args.status else None,
               "since": _parse_since(args.since)}
    return run_listing(args, page=partial(calls.calls_page, **filters),
                       stream=partial(calls.stream_calls, **filters),
                       to_dict=calls.describe_call, line=_call_line)


def run_callbacks(args) -> int:
    database = open_db(args)
    try:
        with database.reading() as session:
            rows = [calls.describe_call(call) for call in calls.callback_list(session)]
    finally:
        database.dispose()
    _print_calls(rows, args.json)
    return 0


def run_history(args) -> int:
    database = open_db(args)
    try:
        with database.reading() as session:
            entries = [entry.to_dict() for entry in calls.caller_history(session, args.number)]
            nuisance = nuisance_count(session, args.number)
    finally:
        database.dispose()
    if args.json:
        print_json(entries)
    else:
        print(f"prank/ghost calls: {nuisance}")
        for entry in entries:
            print(f"{entry['at']}  {entry['kind']:<9} {entry['id']:>6}  {entry['status']:<11} "
                  f"{entry['summary']}")
    return 0


def run_classify(args) -> int:
    database = open_db(args)
    try:
        with database.session() as session:
            row = calls.describe_call(classify_call(
                session, call_id=args.call_id, call_type=args.call_type, actor=actor_of(args)))
    finally:
        database.dispose()
    if args.json:
        print_json(row)
    else:
        print(f"call {row['id']}: {row['classification']}")
    return 0


def run_clear_callback(args) -> int:
    database = open_db(args)
    try:
        with database.session() as session:
            row = calls.describe_call(calls.clear_callback(
                session, call_id=args.call_id, reason=args.reason, actor=actor_of(args)))
    finally:
        database.dispose()
    if args.json:
        print_json(row)
    else:
        print(f"call {row['id']} taken off the callback list: {row['callback_note']}")
    return 0


def run_purge(args) -> int:
    days = args.older_than_days
    if days is None:
        days = settings_of(args).get(RECORDING_RETENTION_DAYS)
    if days < 0:
        raise InvalidInput("--older-than-days cannot be negative",
                           code="recording.negative_retention")
    database = open_db(args)
    try:
        with database.session() as session:
            deleted = calls.purge_recordings(session, now=utcnow(), retention=timedelta(days=days),
                                             actor=actor_of(args))
    finally:
        database.dispose()
    if args.json:
        print_json({"deleted": deleted, "retention_days": days})
    else:
        print(f"{deleted} recording{'s' if deleted != 1 else ''} deleted "
              f"(older than {days} days)")
    return 0


def _parse_since(text: str | None):
    if not text:
        return None
    try:
        return parse_iso(text)
    except ValueError:
        raise InvalidInput(f"--since: {text!r} is not an ISO 8601 time", code="time.not_iso",
                           option="--since", value=text) from None


def _print_calls(rows: list[dict], as_json: bool) -> None:
    if as_json:
        print_json(rows)
        return
    for row in rows:
        print(_call_line(row))


def _call_line(row: dict) -> str:
    started = format_wita(parse_iso(row["started_at"])) if row["started_at"] else ""
    caller = ("withheld" if row["withheld"] else
              format_for_display(row["caller"]) or row["caller_raw"] or "unknown")
    return (f"{row['id']:>6}  {started}  {row['status']:<9} {row['line'] or '-':<14} "
            f"{caller:<16} {row['caller_name'] or ''}")

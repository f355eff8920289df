"""`safedesk stats`: the supervisor's figures for a period (dispatch/stats.py).

Plain text by default, the whole dict with --json, one `section,key,value`
row per figure with --csv (nested keys joined with dots)."""
from __future__ import annotations

import csv
import sys
from datetime import date

from dispatch.cli.context import open_db, print_json
from dispatch.enums import CallType
from dispatch.errors import InvalidInput

SECTIONS = ("calls", "incidents", "complaints")


def add_commands(subparsers) -> None:
    stats = subparsers.add_parser(
        "stats", help="the figures for a period: calls, incidents, complaints, standards")
    stats.add_argument("--from", dest="date_from", metavar="DATE",
                       help="first day, YYYY-MM-DD in WITA (default: the 1st of this month)")
    stats.add_argument("--to", dest="date_to", metavar="DATE",
                       help="last day, included (default: the end of --from's month)")
    stats.add_argument("--line", help="only this line (0361-223333 or +62361223333)")
    stats.add_argument("--type", dest="call_type", metavar="TYPE",
                       help="only calls of this type: " + ", ".join(t.value for t in CallType))
    stats.add_argument("--kecamatan", help="only incidents in this kecamatan")
    stats.add_argument("--agency", help="only complaints for this agency (its code)")
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--csv", action="store_true")
    stats.set_defaults(handler=run_stats)


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{flag} {text!r} is not a date like 2026-11-23",
                           code="time.not_a_date", option=flag, value=text) from None


def period_of(args):
    from dispatch.stats import Period
    first, last = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if first is None and last is None:
        return Period.this_month()
    if first is None:
        first = last.replace(day=1)
    if last is None:
        month = Period.month(first.year, first.month)
        last = month.last_date
    return Period.of_dates(first, last)


def run_stats(args) -> int:
    from dispatch.stats import Filters, compute_stats
    period = period_of(args)  # bad dates refused before anyone signs in
    call_type = CallType.parse(args.call_type) if args.call_type else None
    filters = Filters(line=args.line, call_type=call_type, kecamatan=args.kecamatan,
                      agency=args.agency)
    with open_db(args).reading() as session:
        figures = compute_stats(session, period, filters)
    if args.json:
        print_json(figures)
    elif args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("section", "key", "value"))
        writer.writerows(csv_rows(figures))
    else:
        sys.stdout.write(summary(figures))
    return 0


def csv_rows(figures: dict):
    """(section, key, value) per figure; lists and nested dicts flattened."""
    for section in SECTIONS:
        yield from ((section, key, value) for key, value in _flatten(figures[section]))
    for standard in figures["standards"]:
        for field in ("target", "value", "met"):
            yield "standards", f"{standard['code']}.{field}", _plain(standard[field])


def _flatten(value, prefix: str = ""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(inner, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _flatten(inner, f"{prefix}.{index}")
    else:
        yield prefix, _plain(value)


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return value


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _seconds(figures: dict) -> str:
    if figures["p50"] is None:
        return "-"
    return f"p50 {figures['p50']:g} s, p90 {figures['p90']:g} s"


def summary(figures: dict) -> str:
    calls, incidents, complaints = (figures[s] for s in SECTIONS)
    unanswered = calls["unanswered"]
    kinds = ", ".join(f"{kind} {n}" for kind, n in calls["by_classification"].items() if n)
    lines = [
        f"Period {figures['period']['from']} .. {figures['period']['to']} (WITA)",
        f"Calls: {calls['total']} in, {calls['answered']} answered, {unanswered['total']} "
        f"unanswered (abandoned {unanswered['abandoned']}, timed out {unanswered['timed_out']},"
        f" rejected {unanswered['rejected']}, blocked {unanswered['blocked']})",
        f"  by type: {kinds or '-'}",
        f"  answer time: {_seconds(calls['answer_time_s'])}; within 15 s "
        f"{_share(calls['answered_within_15s'])}, within 20 s "
        f"{_share(calls['answered_within_20s'])} (prank and ghost left out)",
        f"Incidents: {incidents['total']}; answered -> first unit assigned "
        f"{_seconds(incidents['answer_to_first_assignment_s'])}; created -> first on scene "
        f"{_seconds(incidents['created_to_first_on_scene_s'])}, within 15 min "
        f"{_share(incidents['on_scene_within_15min'])}",
        f"Complaints: {complaints['received']} received; first response within 3 days "
        f"{_share(complaints['first_response_within_3d'])}, settled within 5 days "
        f"{_share(complaints['settled_within_5d'])}; overdue now {complaints['overdue_now']}",
        "Standards:",
    ]
    for standard in figures["standards"]:
        verdict = {True: "met", False: "MISSED", None: "no data"}[standard["met"]]
        lines.append(f"  {standard['code']:<24} target {_share(standard['target']):>6}  "
                     f"value {_share(standard['value']):>6}  {verdict}")
    return "\n".join(lines) + "\n"

"""`safedesk report monthly --month YYYY-MM --out FILE.pdf`: the month's
report for the city (dispatch/report.py), aggregates only. A month that is
not one is refused before the database is opened: exit 2, nothing written."""
from __future__ import annotations

from dispatch.cli.context import open_db
from dispatch.report import monthly_report, parse_month


def add_commands(subparsers) -> None:
    report = subparsers.add_parser("report", help="reports for the city (supervisor)")
    commands = report.add_subparsers(dest="report_command", metavar="KIND", required=True)
    monthly = commands.add_parser("monthly", help="the month's figures as a PDF, in Indonesian")
    monthly.add_argument("--month", required=True, metavar="YYYY-MM",
                         help="calendar month in WITA, e.g. 2026-11")
    monthly.add_argument("--out", required=True, metavar="FILE.pdf")
    monthly.set_defaults(handler=run_monthly)


def run_monthly(args) -> int:
    year, month = parse_month(args.month)
    with open_db(args).reading() as session:
        written = monthly_report(session, year, month, args.out)
    print(written)
    return 0

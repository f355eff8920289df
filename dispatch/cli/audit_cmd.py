"""`safedesk audit`: the audit trail, newest first; `safedesk audit verify`:
whether the trail's hash chain still holds (dispatch/audit.py)."""
from __future__ import annotations

from functools import partial

from dispatch.audit import audit_page, audit_to_dict, stream_audit_entries, verify_chain
from dispatch.cli.context import open_db, print_json
from dispatch.cli.listing import add_paging_options, run_listing

CHAIN_BROKEN_EXIT = 1  # as `cmp` or `sha256sum -c`: the check ran and failed


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="who did what, when")
    parser.add_argument("--entity", help="only this kind of thing (incident, unit, call, ...)")
    add_paging_options(parser)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_audit)
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTION",
                                    parser_class=type(parser))
    verify = actions.add_parser(
        "verify", help="check that no entry was changed or removed (exit 1 if one was)")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)


def run_audit(args) -> int:
    return run_listing(args, page=partial(audit_page, entity=args.entity),
                       stream=partial(stream_audit_entries, entity=args.entity),
                       to_dict=audit_to_dict, line=_line)


def _line(row: dict) -> str:
    return (f"{row['at']}  {row['actor']:<12} {row['action']:<18} "
            f"{row['entity']} {row['entity_id'] or ''}  {row['before']} → {row['after']}")


def run_verify(args) -> int:
    database = open_db(args)
    try:
        with database.reading() as session:
            report = verify_chain(session)
    finally:
        database.dispose()
    if args.json:
        print_json(report.to_dict())
    else:
        print(report.message)
    return 0 if report.intact else CHAIN_BROKEN_EXIT

"""`safedesk audit`: the audit trail, newest first."""
from __future__ import annotations

from dispatch.audit import audit_entries, audit_to_dict
from dispatch.cli.context import open_db, print_json


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="who did what, when")
    parser.add_argument("--entity", help="only this kind of thing (incident, unit, call, ...)")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_audit)


def run_audit(args) -> int:
    database = open_db(args)
    with database.reading() as session:
        rows = [audit_to_dict(e) for e in audit_entries(session, limit=args.limit,
                                                         entity=args.entity)]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['at']}  {row['actor']:<12} {row['action']:<18} "
                  f"{row['entity']} {row['entity_id'] or ''}  {row['before']} → {row['after']}")
    return 0

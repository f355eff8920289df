"""`safedesk callers block NUMBER --hours 24 --reason TEXT | unblock NUMBER |
list [--all] [--json]`: a supervisor blocks a repeat prank caller's number
for a while (dispatch/caller_blocks.py). A blocked number's calls are still
logged and shown, apart.

`block` and `unblock` echo the number masked, as the log would; `list`
prints it in full to the supervisor who asked.
"""
from __future__ import annotations

from dispatch.caller_blocks import (
    MAX_HOURS,
    MIN_HOURS,
    block_number,
    describe_block,
    list_blocks,
    unblock_number,
)
from dispatch.cli.context import actor_of, open_db, print_json
from dispatch.phone import format_for_display, mask_number
from dispatch.timeutil import format_wita, parse_iso, utcnow


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("callers", help="block repeat prank callers for a while")
    commands = parser.add_subparsers(dest="callers_command", metavar="ACTION", required=True)

    block = commands.add_parser("block", help="block a number for a set time (supervisor)")
    block.add_argument("number", metavar="NUMBER")
    block.add_argument("--hours", type=int, required=True,
                       help=f"how long, {MIN_HOURS} to {MAX_HOURS} hours")
    block.add_argument("--reason", required=True)
    block.add_argument("--json", action="store_true")
    block.set_defaults(handler=run_block)

    unblock = commands.add_parser("unblock", help="lift a number's block now (supervisor)")
    unblock.add_argument("number", metavar="NUMBER")
    unblock.add_argument("--json", action="store_true")
    unblock.set_defaults(handler=run_unblock)

    listing = commands.add_parser("list", help="blocks in force, the one ending first on top")
    listing.add_argument("--all", action="store_true", help="every block ever made, newest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def run_block(args) -> int:
    database = open_db(args)
    try:
        with database.session() as session:
            row = describe_block(block_number(session, number=args.number, hours=args.hours,
                                              reason=args.reason, actor=actor_of(args)))
    finally:
        database.dispose()
    if args.json:
        print_json(row)
    else:
        print(f"{mask_number(row['number'])} blocked until "
              f"{format_wita(parse_iso(row['blocked_until']))} (block {row['id']})")
    return 0


def run_unblock(args) -> int:
    database = open_db(args)
    try:
        with database.session() as session:
            row = describe_block(unblock_number(session, number=args.number,
                                                actor=actor_of(args)))
    finally:
        database.dispose()
    if args.json:
        print_json(row)
    else:
        print(f"{mask_number(row['number'])} unblocked (block {row['id']})")
    return 0


def run_list(args) -> int:
    database = open_db(args)
    try:
        with database.reading() as session:
            now = utcnow()
            rows = [describe_block(block, now)
                    for block in list_blocks(session, include_ended=args.all, now=now)]
    finally:
        database.dispose()
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        state = "in force" if row["active"] else (
            f"lifted by {row['lifted_by']}" if row["lifted_at"] else "ended")
        print(f"{row['id']:>5}  {format_for_display(row['number']) or row['number']:<16} "
              f"until {format_wita(parse_iso(row['blocked_until']))}  {state:<18} "
              f"{row['blocked_by']}: {row['reason']}")
    return 0

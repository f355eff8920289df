"""`safedesk privacy names add NAME | remove NAME | list [--json]`: the names
the supervisor lists as private, scrubbed from every bulletin title,
reading text, RadioText and export like a reporter's own name.

The list is personal data: it is printed only to whoever asks for it
(`list`), never logged, and `add`/`remove` do not echo the name.
"""
from __future__ import annotations

from dispatch.bulletin_privacy import (
    add_private_name,
    list_private_names,
    private_name_to_dict,
    remove_private_name,
)
from dispatch.cli.context import actor_of, open_db, print_json


def add_commands(subparsers) -> None:
    privacy = subparsers.add_parser("privacy", help="what never goes on air or into an export")
    groups = privacy.add_subparsers(dest="privacy_command", metavar="WHAT", required=True)
    names = groups.add_parser("names", help="names listed as private (supervisor)")
    actions = names.add_subparsers(dest="names_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="list a name as private")
    # nargs="+": `add Wayan Sudarma` works without quotes; the words are joined.
    add.add_argument("name", nargs="+", metavar="NAME")
    add.set_defaults(handler=run_add)

    remove = actions.add_parser("remove", help="take a name off the list")
    remove.add_argument("name", nargs="+", metavar="NAME")
    remove.set_defaults(handler=run_remove)

    listing = actions.add_parser("list", help="the names listed as private")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def run_add(args) -> int:
    with open_db(args).session() as session:
        add_private_name(session, name=" ".join(args.name), actor=actor_of(args))
        count = len(list_private_names(session))
    print(f"listed as private; {count} name{'s' if count != 1 else ''} on the list")
    return 0


def run_remove(args) -> int:
    with open_db(args).session() as session:
        remove_private_name(session, name=" ".join(args.name), actor=actor_of(args))
        session.flush()
        count = len(list_private_names(session))
    print(f"taken off the list; {count} name{'s' if count != 1 else ''} on the list")
    return 0


def run_list(args) -> int:
    with open_db(args).reading() as session:
        rows = [private_name_to_dict(row) for row in list_private_names(session)]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(row["name"])
    return 0

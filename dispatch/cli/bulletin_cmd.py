"""`safedesk bulletin create|show|list|candidates|export`: what RPKD 91.45 FM
reads on air and the newspaper prints. No reporter data in any of them, nor
a name the supervisor lists as private (`safedesk privacy names`)."""
from __future__ import annotations

import sys
from pathlib import Path

from dispatch.bulletins import (
    bulletin_to_dict,
    candidates_for_bulletin,
    create_bulletin,
    get_bulletin,
    list_bulletins,
    tidy_title,
)
from dispatch.cli.context import actor_of, open_db, print_json
from dispatch.complaints import complaint_to_dict
from dispatch.errors import InvalidInput
from dispatch.export import bulletin_as_pdf, bulletin_as_text
from dispatch.timeutil import parse_iso


def add_commands(subparsers) -> None:
    bulletin = subparsers.add_parser("bulletin", help="bulletins of complaints for the radio")
    commands = bulletin.add_subparsers(dest="bulletin_command", metavar="ACTION", required=True)

    create = commands.add_parser("create", help="a bulletin of these tickets, in this order")
    create.add_argument("--title", required=True)
    create.add_argument("tickets", nargs="+", metavar="TICKET")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=run_create)

    show = commands.add_parser("show", help="one bulletin with its reading texts")
    show.add_argument("bulletin_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    listing = commands.add_parser("list", help="recent bulletins")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    candidates = commands.add_parser("candidates",
                                     help="tickets new or changed since the last bulletin")
    candidates.add_argument("--since", metavar="TIME", help="ISO time (naive means WITA)")
    candidates.add_argument("--json", action="store_true")
    candidates.set_defaults(handler=run_candidates)

    export = commands.add_parser("export", help="write a bulletin as text or PDF")
    export.add_argument("bulletin_id", type=int, metavar="ID")
    export.add_argument("--format", required=True, choices=("txt", "pdf"))
    export.add_argument("--out", required=True, metavar="FILE")
    export.set_defaults(handler=run_export)


def _print_bulletin(data: dict) -> None:
    print(f"#{data['id']} {data['title']} ({data['status']}, {len(data['items'])} items)")
    for item in data["items"]:
        print(f"  {item['position']}. {item['ticket']} [{item['status']}] {item['reading_text']}")


def run_create(args) -> int:
    with open_db(args).session() as session:
        bulletin = create_bulletin(session, title=args.title, tickets=args.tickets,
                                   actor=actor_of(args))
        hidden = bulletin.title != tidy_title(args.title)
        data = bulletin_to_dict(bulletin)
    if hidden:  # on stderr, so --json output stays one JSON document
        print("safedesk: note: the title held a phone number or a name that may not go on "
              "air; that part is stored hidden", file=sys.stderr)
    print_json(data) if args.json else _print_bulletin(data)
    return 0


def run_show(args) -> int:
    with open_db(args).reading() as session:
        data = bulletin_to_dict(get_bulletin(session, args.bulletin_id))
    print_json(data) if args.json else _print_bulletin(data)
    return 0


def run_list(args) -> int:
    with open_db(args).reading() as session:
        rows = [{"id": b.id, "title": b.title, "status": str(b.status),
                 "items": len(b.items)} for b in list_bulletins(session)]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"#{row['id']:<5} {row['status']:<6} {row['items']:>3} items  {row['title']}")
    return 0


def run_candidates(args) -> int:
    try:
        since = parse_iso(args.since) if args.since else None
    except ValueError:
        raise InvalidInput(f"--since {args.since!r} is not an ISO time", code="time.not_iso",
                           option="--since", value=args.since) from None
    with open_db(args).reading() as session:
        rows = [complaint_to_dict(c) for c in candidates_for_bulletin(session, since)]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['ticket']}  {row['status']:<11} {row['category']:<22} {row['address']}")
    return 0


def run_export(args) -> int:
    out = Path(args.out)
    with open_db(args).reading() as session:
        if args.format == "pdf":
            bulletin_as_pdf(session, args.bulletin_id, out)
        else:
            text = bulletin_as_text(session, args.bulletin_id)
            try:
                out.write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                raise InvalidInput(f"cannot write {out}: {exc.strerror or exc}",
                                   code="file.cannot_write", path=str(out),
                                   reason=exc.strerror or str(exc)) from None
    print(out)
    return 0

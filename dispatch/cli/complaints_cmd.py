"""`safedesk complaints categories|create|list|show|status|set-agency` and
`safedesk agencies list|set`.

The reporter's name and number are shown by `complaints show` only, under
`reporter_private`: it is the desk's own ticket view, for calling back.
Lists leave them out (they get pasted into chats and printed).
"""
from __future__ import annotations

from datetime import date
from functools import partial

from dispatch.bulletins import complaint_history
from dispatch.cli.context import actor_of, open_db, print_json
from dispatch.cli.listing import add_paging_options, run_listing
from dispatch.complaint_search import complaints_page, stream_complaints
from dispatch.complaints import (
    change_status,
    complaint_to_dict,
    create_complaint,
    get_complaint,
    list_agencies,
    list_categories,
    set_category_agency,
    upsert_agency,
)
from dispatch.enums import ComplaintChannel
from dispatch.errors import InvalidInput
from dispatch.timeutil import format_wita

CHANNELS = [channel.value for channel in ComplaintChannel]


def add_commands(subparsers) -> None:
    complaints = subparsers.add_parser("complaints", help="Halo Denpasar complaint tickets")
    commands = complaints.add_subparsers(dest="complaints_command", metavar="ACTION",
                                         required=True)

    categories = commands.add_parser("categories", help="categories and who handles them")
    categories.add_argument("--json", action="store_true")
    categories.set_defaults(handler=run_categories)

    create = commands.add_parser("create", help="open a complaint ticket")
    create.add_argument("--category", required=True, metavar="CODE")
    create.add_argument("--lat", type=float)
    create.add_argument("--lon", type=float)
    create.add_argument("--description", required=True, metavar="TEXT")
    create.add_argument("--address", default="")
    create.add_argument("--reporter-name", metavar="NAME")
    create.add_argument("--reporter-phone", metavar="NUMBER")
    create.add_argument("--call", type=int, metavar="CALL_ID", help="the call it came from")
    create.add_argument("--channel", choices=CHANNELS, default=ComplaintChannel.CALL.value)
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=run_create)

    listing = commands.add_parser("list", help="search tickets, newest first")
    listing.add_argument("--status", metavar="S", help="received, forwarded, in_progress, "
                         "resolved or rejected")
    listing.add_argument("--agency", metavar="CODE")
    listing.add_argument("--category", metavar="CODE")
    listing.add_argument("--caller", metavar="NUMBER", help="the reporter's phone number")
    listing.add_argument("--query", metavar="TEXT",
                         help="words of the description or address, or a ticket or phone number")
    listing.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="WITA day")
    listing.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="WITA day, included")
    listing.add_argument("--overdue", action="store_true", help="open past the target time")
    add_paging_options(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    show = commands.add_parser("show", help="one ticket with its history")
    show.add_argument("ticket", metavar="TICKET")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    status = commands.add_parser("status", help="move a ticket on, with a note")
    status.add_argument("ticket", metavar="TICKET")
    status.add_argument("status", metavar="STATUS",
                        help="forwarded, in_progress, resolved or rejected")
    status.add_argument("--note", required=True, metavar="TEXT")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=run_status)

    set_agency = commands.add_parser("set-agency", help="give a category to another agency")
    set_agency.add_argument("category", metavar="CATEGORY")
    set_agency.add_argument("agency", metavar="AGENCY")
    set_agency.add_argument("--json", action="store_true")
    set_agency.set_defaults(handler=run_set_agency)

    agencies = subparsers.add_parser("agencies", help="agencies complaints go to")
    agency_commands = agencies.add_subparsers(dest="agencies_command", metavar="ACTION",
                                              required=True)
    agency_list = agency_commands.add_parser("list", help="every agency")
    agency_list.add_argument("--json", action="store_true")
    agency_list.set_defaults(handler=run_agencies)
    agency_set = agency_commands.add_parser("set", help="add or change an agency")
    agency_set.add_argument("code", metavar="CODE")
    agency_set.add_argument("--name", required=True)
    agency_set.add_argument("--phone")
    agency_set.add_argument("--inactive", action="store_true")
    agency_set.add_argument("--json", action="store_true")
    agency_set.set_defaults(handler=run_agency_set)


def _category_dict(category) -> dict:
    return {"code": category.code, "name_id": category.name_id, "name_en": category.name_en,
            "agency": category.agency.code, "agency_name": category.agency.name,
            "target_hours": category.target_hours}


def _agency_dict(agency) -> dict:
    return {"code": agency.code, "name": agency.name, "phone": agency.phone,
            "active": agency.active}


def _line(data: dict) -> str:
    late = " OVERDUE" if data["overdue"] else ""
    return (f"{data['ticket']}  {data['status']:<11} {data['category']:<22} "
            f"{data['agency']:<10} {data['address'] or '-'}{late}")


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{flag} {text!r} is not a date like 2026-11-23",
                           code="time.not_a_date", option=flag, value=text) from None


def run_categories(args) -> int:
    with open_db(args).reading() as session:
        rows = [_category_dict(c) for c in list_categories(session)]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['code']:<24} {row['agency']:<10} {row['target_hours']:>4} h  "
                  f"{row['name_id']}")
    return 0


def run_create(args) -> int:
    database = open_db(args)
    with database.session() as session:
        complaint = create_complaint(
            session, category_code=args.category, description=args.description,
            actor=actor_of(args), lat=args.lat, lon=args.lon, address=args.address,
            reporter_name=args.reporter_name, reporter_phone=args.reporter_phone,
            call_id=args.call, channel=args.channel)
        session.flush()
        data = complaint_to_dict(complaint)
    print_json(data) if args.json else print(_line(data))
    return 0


def run_list(args) -> int:
    filters = {"status": args.status, "agency": args.agency, "category": args.category,
               "caller_number": args.caller, "text": args.query,
               "date_from": _day(args.date_from, "--from"), "date_to": _day(args.date_to, "--to"),
               "overdue": True if args.overdue else None}
    return run_listing(args, page=partial(complaints_page, **filters),
                       stream=partial(stream_complaints, **filters),
                       to_dict=complaint_to_dict, line=_line)


def run_show(args) -> int:
    with open_db(args).reading() as session:
        complaint = get_complaint(session, args.ticket)
        data = complaint_to_dict(complaint, with_reporter=True)
        history = complaint_history(session, complaint.ticket)
        data["history"] = [entry.to_dict() for entry in history]
    if args.json:
        print_json(data)
        return 0
    print(_line(data))
    print(f"  {data['description']}")
    reporter = data["reporter_private"]
    print(f"  reporter (private): {reporter['name'] or '-'} {reporter['phone_display'] or ''}")
    for entry in history:
        print(f"  {format_wita(entry.at)}  {entry.kind:<7} {entry.text}  ({entry.actor})")
    return 0


def run_status(args) -> int:
    with open_db(args).session() as session:
        complaint = change_status(session, ticket=args.ticket, status=args.status,
                                  note=args.note, actor=actor_of(args))
        data = complaint_to_dict(complaint)
    print_json(data) if args.json else print(_line(data))
    return 0


def run_set_agency(args) -> int:
    with open_db(args).session() as session:
        data = _category_dict(set_category_agency(session, category_code=args.category,
                                                  agency_code=args.agency,
                                                  actor=actor_of(args)))
    print_json(data) if args.json else print(f"{data['code']} → {data['agency']}")
    return 0


def run_agencies(args) -> int:
    with open_db(args).reading() as session:
        rows = [_agency_dict(a) for a in list_agencies(session)]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            active = "" if row["active"] else "  (inactive)"
            print(f"{row['code']:<12} {row['name']}{active}")
    return 0


def run_agency_set(args) -> int:
    with open_db(args).session() as session:
        data = _agency_dict(upsert_agency(session, code=args.code, name=args.name,
                                          phone=args.phone, active=not args.inactive,
                                          actor=actor_of(args)))
    print_json(data) if args.json else print(f"{data['code']}  {data['name']}")
    return 0

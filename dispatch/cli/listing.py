"""What the list commands share (`calls list`, `incidents list`,
`complaints list`, `audit`): pages and streams, newest first by id.

- A page: `--limit N` rows (default 100, at most 10,000) with an id below
  `--before ID`. stdout keeps its shape (a JSON list with --json, a line a
  row without); when more rows follow, stderr says where the next page
  starts: `{"next_before": ID}` with --json, `more: --before ID` without.
- `--all`: every row as JSON lines (one compact object a line), newest
  first, in constant memory, with or without --json; `--before ID` resumes
  an interrupted stream below the last id it wrote.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable

from dispatch.cli.context import open_db, print_json
from dispatch.paging import DEFAULT_LIMIT, MAX_LIMIT, Page

_LINES_PER_WRITE = 500  # one write() per few hundred rows, not one per row


def add_paging_options(parser) -> None:
    parser.add_argument("--before", type=int, metavar="ID",
                        help="rows with an id below ID: the next page starts below the last "
                             "row's id (stderr says it when there are more)")
    how_many = parser.add_mutually_exclusive_group()
    how_many.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                          help=f"rows in the page, 1 to {MAX_LIMIT:,} (default {DEFAULT_LIMIT})")
    how_many.add_argument("--all", action="store_true",
                          help="every row, newest first, as JSON lines (one object a line)")


def run_listing(args, *, page: Callable[..., Page], stream: Callable[..., Iterable],
                to_dict: Callable[[object], dict], line: Callable[[dict], str]) -> int:
    """Open the database, then print a page or stream every row. `page`
    and `stream` take (session, limit=/before=) and (session, before=)."""
    database = open_db(args)
    try:
        with database.reading() as session:
            if args.all:
                _write_json_lines(to_dict(row) for row in stream(session, before=args.before))
                return 0
            found = page(session, limit=args.limit, before=args.before)
            rows = [to_dict(row) for row in found.rows]
    finally:
        database.dispose()
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(line(row))
    if found.next_before is not None:
        sys.stdout.flush()
        sys.stderr.write(json.dumps({"next_before": found.next_before}) + "\n" if args.json
                         else f"more: --before {found.next_before}\n")
    return 0


def _write_json_lines(rows: Iterable[dict]) -> None:
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out = sys.stdout
    chunk: list[str] = []
    try:
        for row in rows:
            chunk.append(encode(row))
            if len(chunk) == _LINES_PER_WRITE:
                out.write("\n".join(chunk) + "\n")
                chunk.clear()
        if chunk:
            out.write("\n".join(chunk) + "\n")
        out.flush()
    except BrokenPipeError:
        # `safedesk calls list --all | head`: the reader has what it wanted.
        # Point stdout at /dev/null so the interpreter's last flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())

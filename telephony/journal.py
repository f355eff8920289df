"""The engine's write journal: call events the database would not take.

"Every call that rang is logged" must hold when PostgreSQL is restarting
or the disk under SQLite is full. The engine makes each event of a call
durable before the caller hears the response it reports (the 180, a 480,
a 486...): in the database when it accepts the write, otherwise here, and
replays what is here into the database, in order and once, as soon as it
takes writes again (telephony/durable_log.py).

One file, `<data dir>/journal/calls.journal`:

* two header slots (offsets 0 and 512), written in turn, each with a
  sequence number and a CRC, so a torn header write leaves the other
  slot: the generation and how far the journal has been applied;
* from offset 4096, records: magic, length, generation, CRC-32, then the
  event as JSON. The first record that does not check out (zeros, a torn
  write, an older generation) is the end.

The file is written full of zeros ahead of need (`preallocate_bytes`), so
appending on a full disk overwrites blocks the file already owns instead
of asking the filesystem for new ones. Each append is fdatasync'ed before
it returns. Once everything is applied the journal starts a new
generation at the start of the file: nothing is truncated or zeroed.

Entries are plain dicts; datetimes and the domain's enums survive the
trip through JSON. They hold personal data (caller numbers): the file is
0600 in the 0700 data directory and is never logged.
"""
from __future__ import annotations

import enum
import json
import logging
import os
import struct
import threading
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from dispatch.enums import CallbackState, CallDirection, CallStatus

log = logging.getLogger(__name__)

DATA_START = 4096
HEADER_SLOTS = (0, 512)
_HEADER = struct.Struct("<4sQQQI")   # magic, sequence, generation, applied offset, crc
_RECORD = struct.Struct("<4sIQI")    # magic, payload length, generation, payload crc
_HEADER_MAGIC, _RECORD_MAGIC = b"SDJH", b"SDJR"
MAX_ENTRY_BYTES = 1 << 20
DEFAULT_PREALLOCATE_BYTES = 4 << 20  # some 8,000 call events
_ENUMS = {cls.__name__: cls for cls in (CallStatus, CallDirection, CallbackState)}


class JournalError(OSError):
    """The journal itself cannot take the entry (the disk refused even the
    space it had set aside)."""


def encode(entry: dict) -> bytes:
    return json.dumps(_tagged(entry), separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def decode(payload: bytes) -> dict:
    return json.loads(payload.decode("utf-8"), object_hook=_revive)


def _tagged(value):
    """JSON would write the domain's str enums as bare strings: tag them (and
    datetimes) so that they come back as what they were."""
    if isinstance(value, dict):
        return {key: _tagged(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_tagged(item) for item in value]
    if isinstance(value, datetime):
        return {"$time": value.isoformat()}
    if isinstance(value, enum.Enum):
        if type(value).__name__ not in _ENUMS:
            raise TypeError(f"cannot journal a {type(value).__name__}")
        return {"$enum": type(value).__name__, "value": value.value}
    return value


def _revive(data: dict):
    if "$time" in data and len(data) == 1:
        return datetime.fromisoformat(data["$time"])
    if "$enum" in data and len(data) == 2:
        return _ENUMS[data["$enum"]](data["value"])
    return data


class CallJournal:
    """Thread-safe: the SIP thread and the call log's thread both append."""

    def __init__(self, path: Path, *,
                 preallocate_bytes: int = DEFAULT_PREALLOCATE_BYTES) -> None:
        self.path = Path(path)
        self.preallocate_bytes = max(64 * 1024, preallocate_bytes)
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._sequence = 0
        self.generation = 1
        self.applied = DATA_START
        self.tail = DATA_START
        self._size = 0
        self._warned_no_room = False

    # ------------------------------------------------------------ life

    def open(self) -> CallJournal:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fresh = not self.path.exists()
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        self._size = os.fstat(self._fd).st_size
        if fresh or self._size < DATA_START or not self._read_header():
            self._sequence, self.generation = 0, 1
            self.applied = self.tail = DATA_START
            self._write_header()
        else:
            self.tail = self._find_tail()
        self._make_room()
        return self

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    # ---------------------------------------------------------- writing

    def append(self, entry: dict) -> None:
        """The entry, durable when this returns (or JournalError)."""
        payload = encode(entry)
        if len(payload) > MAX_ENTRY_BYTES:
            raise JournalError(f"journal entry too large ({len(payload)} bytes)")
        record = _RECORD.pack(_RECORD_MAGIC, len(payload), self.generation,
                              zlib.crc32(payload)) + payload
        with self._lock:
            if self._fd is None:
                raise JournalError("the journal is closed")
            try:
                os.pwrite(self._fd, record, self.tail)
                os.fdatasync(self._fd)
            except OSError as exc:
                raise JournalError(f"cannot write the journal: {exc.strerror or exc}") from exc
            self.tail += len(record)
            self._size = max(self._size, self.tail)
        self._make_room()

    def _make_room(self) -> None:
        """Keep at least half the preallocation ahead of the tail, written
        with zeros now so that later appends need no new blocks."""
        with self._lock:
            if self._fd is None or self._size - self.tail >= self.preallocate_bytes // 2:
                return
            target = self.tail + self.preallocate_bytes
            try:
                chunk = bytes(min(1 << 20, target - self._size))
                while self._size < target:
                    os.pwrite(self._fd, chunk[:target - self._size], self._size)
                    self._size = min(target, self._size + len(chunk))
                os.fsync(self._fd)
                self._warned_no_room = False
            except OSError as exc:
                self._size = os.fstat(self._fd).st_size
                if not self._warned_no_room:
                    self._warned_no_room = True
                    log.warning("call journal: cannot set aside more space (%s); %d bytes "
                                "left for events", exc.strerror or exc,
                                max(0, self._size - self.tail))

    # ---------------------------------------------------------- reading

    @property
    def has_pending(self) -> bool:
        return self.applied < self.tail

    def pending(self) -> Iterator[tuple[int, dict]]:
        """(the offset after each entry, the entry), not yet applied, in order."""
        offset = self.applied
        while True:
            with self._lock:
                tail = self.tail
                if offset >= tail or self._fd is None:
                    return
                found = self._record_at(offset)
            if found is None:
                return
            end, payload = found
            try:
                entry = decode(payload)
            except (ValueError, KeyError) as exc:
                log.error("call journal: an unreadable entry at %d skipped (%s)", offset, exc)
                entry = {"op": "unreadable"}
            yield end, entry
            offset = end

    def mark_applied(self, offset: int) -> None:
        with self._lock:
            if offset > self.applied:
                self.applied = offset
                self._write_header()

    def start_over_if_drained(self) -> bool:
        """Everything applied: a new generation from the start of the file."""
        with self._lock:
            if self.applied < self.tail:
                return False
            if self.tail > DATA_START:
                self.generation += 1
                self.applied = self.tail = DATA_START
                self._write_header()
            return True

    # ------------------------------------------------------- internals

    def _record_at(self, offset: int) -> tuple[int, bytes] | None:
        head = os.pread(self._fd, _RECORD.size, offset)
        if len(head) < _RECORD.size:
            return None
        magic, length, generation, crc = _RECORD.unpack(head)
        if magic != _RECORD_MAGIC or generation != self.generation or length > MAX_ENTRY_BYTES:
            return None
        payload = os.pread(self._fd, length, offset + _RECORD.size)
        if len(payload) < length or zlib.crc32(payload) != crc:
            return None
        return offset + _RECORD.size + length, payload

    def _find_tail(self) -> int:
        offset = self.applied
        while True:
            found = self._record_at(offset)
            if found is None:
                return offset
            offset = found[0]

    def _read_header(self) -> bool:
        best = None
        for slot in HEADER_SLOTS:
            raw = os.pread(self._fd, _HEADER.size, slot)
            if len(raw) < _HEADER.size:
                continue
            magic, sequence, generation, applied, crc = _HEADER.unpack(raw)
            if magic != _HEADER_MAGIC or zlib.crc32(raw[:-4]) != crc:
                continue
            if best is None or sequence > best[0]:
                best = (sequence, generation, applied)
        if best is None:
            return False
        self._sequence, self.generation, self.applied = best
        self.applied = max(DATA_START, self.applied)
        return True

    def _write_header(self) -> None:
        self._sequence += 1
        body = _HEADER.pack(_HEADER_MAGIC, self._sequence, self.generation, self.applied, 0)[:-4]
        raw = body + struct.pack("<I", zlib.crc32(body))
        try:
            os.pwrite(self._fd, raw, HEADER_SLOTS[self._sequence % 2])
            os.fdatasync(self._fd)
        except OSError as exc:
            # The entries stay in the file; only how far they were applied is
            # not recorded, and applying one twice changes nothing (journal_applied).
            log.warning("call journal: cannot record replay progress (%s)", exc.strerror or exc)
        self._size = max(self._size, os.fstat(self._fd).st_size)

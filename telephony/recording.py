"""Recording answered calls to WAV files in the desk's data directory.

pjmedia writes the WAV header's sizes only when the recorder is destroyed,
so `CallRecording.close()` must run when the call ends (the engine does it
on DISCONNECTED, and for anything left before libDestroy). Since pjsip
2.14 the conference bridge removes ports asynchronously, on its clock
thread, so the file is complete a frame or so *after* close():
`is_finalised()` tells when.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import struct
from datetime import datetime
from pathlib import Path

from dispatch import paths

log = logging.getLogger(__name__)
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def recording_path(*, call_id: int | None, sip_call_id: str, started: datetime,
                   root: Path | None = None) -> Path:
    """A file name that sorts by time and is safe on Windows too."""
    root = root or paths.recordings_dir()
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    # The Call-ID comes from the network: hash it rather than trust it in a path.
    tag = hashlib.sha1(sip_call_id.encode("utf-8", "replace")).hexdigest()[:10]
    name = f"{stamp}-call{call_id}-{tag}.wav" if call_id is not None else f"{stamp}-{tag}.wav"
    return root / _UNSAFE.sub("_", name)


def is_finalised(path: Path) -> bool:
    """True once pjmedia has written the real sizes into the WAV header."""
    try:
        with path.open("rb") as handle:
            header = handle.read(12)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
        return False
    riff_size = struct.unpack("<I", header[4:8])[0]
    return riff_size != 0 and riff_size + 8 == size


class CallRecording:
    """One AudioMediaRecorder and the sources wired into it (SIP thread only)."""

    def __init__(self, path: Path) -> None:
        import pjsua2 as pj
        self.path = path
        self._recorder = pj.AudioMediaRecorder()
        try:
            self._recorder.createRecorder(str(path))
        except pj.Error:
            if path.parent.is_dir():
                raise
            # The directory went away (a clean-up?): make it, once.
            log.warning("softphone: the recordings folder was missing; made it again")
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._recorder.createRecorder(str(path))
        # A caller's voice: its owner's alone from the first byte (pjsua
        # creates the file with the process umask, 0644 on most desks).
        os.chmod(path, 0o600)
        self._sources: list = []

    def add_source(self, media) -> None:
        """Mix another AudioMedia (the caller, the operator's headset) in."""
        if self._recorder is None or any(s.getPortId() == media.getPortId() for s in self._sources):
            return
        media.startTransmit(self._recorder)
        self._sources.append(media)

    def remove_source(self, media) -> None:
        for source in list(self._sources):
            if source.getPortId() == media.getPortId():
                try:
                    source.stopTransmit(self._recorder)
                except Exception:  # noqa: BLE001 - already disconnected
                    pass
                self._sources.remove(source)

    def close(self) -> None:
        """Finalise the WAV file. Safe to call twice."""
        recorder, self._recorder = self._recorder, None
        if recorder is None:
            return
        # No stopTransmit(): at DISCONNECTED the call's port is already gone,
        # and removing the recorder's port drops its connections anyway.
        self._sources.clear()
        del recorder  # the last reference: pjmedia closes the file here

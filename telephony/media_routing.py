"""Where each call's audio goes: the recording, and the operator's headset.

Runs on the SIP thread, as part of CallControl. Every answered call's
audio is mixed into its own WAV file; the call that has the operator's
attention (answered or resumed last, not on hold) is also wired both ways
to the headset port (telephony/audio.py), and the operator's side joins
its recording. A closed recording is announced once pjmedia has finished
the file (it does so on its clock thread, a frame or so later).
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pjsua2 as pj

from dispatch import paths
from dispatch.timeutil import utcnow
from telephony.active_call import ActiveCall
from telephony.events import CallEvent, EventKind
from telephony.intake import CallLog
from telephony.recording import CallRecording, is_finalised, recording_path

log = logging.getLogger(__name__)
RECORDING_FINALISE_S = 2.0

EventFor = Callable[..., CallEvent]  # (kind, active, **extra) -> CallEvent


class MediaRouter:
    def __init__(self, *, record_calls: bool, call_log: CallLog,
                 emit: Callable[[CallEvent], None], event_for: EventFor,
                 defer: Callable[[Callable[[], None]], None] | None = None) -> None:
        self.record_calls = record_calls
        # Database writes, for the call log's thread (in order with the events).
        self.defer = defer or (lambda job: job())
        self.log = call_log
        self.emit = emit
        self.event_for = event_for
        self.headset_port: Any = None
        self.focus: ActiveCall | None = None
        self._finalising: list[tuple[Path, float, CallEvent]] = []  # plain values only
        self._recordings: Path | None = None

    def _recordings_root(self) -> Path:
        # Looked up (and made) once: settings, environment and a mkdir per
        # answer cost 0.3 ms of the SIP thread. CallRecording makes it again
        # should it vanish while the desk runs.
        if self._recordings is None:
            self._recordings = paths.recordings_dir()
        return self._recordings

    def attach(self, active: ActiveCall) -> None:
        """Wire an answered call's audio once its media is up (idempotent)."""
        answered = active.claimed or active.confirmed
        if active.media is None or not answered or active.finished:
            return
        if active.recording is None and self.record_calls:
            path = recording_path(call_id=active.call_id, sip_call_id=active.key,
                                  started=utcnow(), root=self._recordings_root())
            active.recording = CallRecording(path)
            self.defer(partial(self.log.recording, active.key, str(path)))
            self.emit(self.event_for(EventKind.RECORDING, active, detail=path.name))
        if active.recording is not None:
            active.recording.add_source(active.media)
        if self.focus is active:
            self._connect_headset(active)

    def give_focus(self, active: ActiveCall) -> None:
        """The operator speaks to one call at a time: the one answered or
        resumed last. Others keep their SIP state; the UI decides on hold."""
        if self.focus is not active:
            self.take_focus()
        self.focus = active
        self._connect_headset(active)

    def take_focus(self) -> None:
        previous, self.focus = self.focus, None
        port = self.headset_port
        if previous is None or port is None or previous.media is None:
            return
        for disconnect in (lambda: previous.media.stopTransmit(port),
                           lambda: port.stopTransmit(previous.media)):
            try:
                disconnect()
            except pj.Error:
                pass
        if previous.recording is not None:
            previous.recording.remove_source(port)

    def release(self, active: ActiveCall) -> None:
        """The call is over: unplug it and finish its recording."""
        if self.focus is active:
            self.take_focus()
        if active.recording is not None:
            active.recording.close()
            path = active.recording.path
            saved = self.event_for(EventKind.RECORDING_SAVED, active, detail=str(path))
            self._finalising.append((path, time.monotonic() + RECORDING_FINALISE_S, saved))
            active.recording = None
        active.media = None

    def announce_saved_recordings(self) -> None:
        if not self._finalising:
            return
        now = time.monotonic()
        waiting = []
        for path, deadline, event in self._finalising:
            if is_finalised(path):
                self.emit(event)
            elif now > deadline:
                log.error("softphone: recording %s was not finalised in time", path.name)
                self.emit(event)
            else:
                waiting.append((path, deadline, event))
        self._finalising = waiting

    def recordings_pending(self) -> bool:
        return bool(self._finalising)

    def forget(self) -> None:
        """Before libDestroy(): drop every pj object this router holds."""
        self.focus = None
        self.headset_port = None

    def _connect_headset(self, active: ActiveCall) -> None:
        port = self.headset_port
        if port is None or active.media is None or active.held:
            return
        try:
            active.media.startTransmit(port)
            port.startTransmit(active.media)
        except pj.Error:
            # A resume: the re-INVITE has just left, and the media the call
            # had before its hold is gone from the bridge (PJ_EINVAL). The
            # new media comes with the answer, and attach() wires it here.
            log.debug("softphone: headset waits for the media of call %s", active.call_id)
            return
        if active.recording is not None:
            active.recording.add_source(port)

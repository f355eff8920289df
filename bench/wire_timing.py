"""INVITE → 180 Ringing on the wire, to the microsecond, beside SIPp's figure.

SIPp's rtd is read off a clock that advances in 4 ms steps on this machine
(the kernel tick), so it says 0, 4 or 8 ms where the real time is 2.4 or
4.1. tcpdump on the loopback interface stamps each packet as the kernel
sees it; per Call-ID, the first INVITE and the first 180 give the time the
desk (or the bare ringer) really took, the same for both.

Needs tcpdump and the right to capture (root, or CAP_NET_RAW); without
them the bench says so and prints SIPp's figures alone. Bench tooling only:
the desk never captures packets.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

_PACKET = re.compile(r"^(\d+\.\d{6}) IP ", re.MULTILINE)
_START = re.compile(r"(INVITE sip:|SIP/2\.0 180 )")
_CALL_ID = re.compile(r"^(?:Call-ID|i):\s*(\S+)", re.MULTILINE | re.IGNORECASE)


def unavailable_reason() -> str | None:
    if shutil.which("tcpdump") is None:
        return "tcpdump is not installed (Debian package tcpdump)"
    return None


class WireCapture:
    """tcpdump on `lo` for one UDP port, started before the calls and
    stopped after; `ringing_ms()` gives INVITE → 180 per call."""

    def __init__(self, port: int, output: Path) -> None:
        self.output = output
        self._file = open(output, "w", encoding="utf-8", errors="replace")
        # -s 400: the start line and Call-ID are in the first few hundred bytes.
        self._process = subprocess.Popen(
            ["tcpdump", "-i", "lo", "-n", "-tt", "-l", "-A", "-s", "400", f"udp port {port}"],
            stdout=self._file, stderr=subprocess.PIPE, text=True)
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        # tcpdump says "listening on lo" on stderr once the capture is open.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            line = self._process.stderr.readline()
            if "listening on" in line:
                return
            if not line and self._process.poll() is not None:
                break
        self.stop()
        raise RuntimeError("tcpdump could not capture on lo (root or CAP_NET_RAW needed)")

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._file.close()

    def ringing_ms(self) -> list[float]:
        text = self.output.read_text(encoding="utf-8", errors="replace")
        stamps = [(float(m.group(1)), m.start()) for m in _PACKET.finditer(text)]
        invites: dict[str, float] = {}
        ringing: dict[str, float] = {}
        for (stamp, start), (_next, end) in zip(stamps, stamps[1:] + [(0.0, len(text))]):
            packet = text[start:end]
            first, call_id = _START.search(packet), _CALL_ID.search(packet)
            if first is None or call_id is None:
                continue
            seen = invites if first.group(1).startswith("INVITE") else ringing
            seen.setdefault(call_id.group(1), stamp)  # retransmissions keep the first
        return [(ringing[key] - invites[key]) * 1000 for key in invites if key in ringing]

"""A virtual X display (Xvfb) of one's own, for the real window where a key
or a repaint must go through a real X server: the key-driven window test
and the intake bench. Started on the first free display number and stopped
by its PID, never by name, so another Xvfb on the machine is left alone.
"""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

FIRST_NUMBER, LAST_NUMBER = 90, 139
START_TIMEOUT_S = 10


class VirtualDisplay:
    def __init__(self, screen: str = "1600x1000x24") -> None:
        self.process: subprocess.Popen | None = None
        self.display = ""  # ":<number>", for DISPLAY
        for number in range(FIRST_NUMBER, LAST_NUMBER + 1):
            if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
                continue  # someone else's display, or a stale one
            self.process = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", screen, "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + START_TIMEOUT_S
            while time.monotonic() < deadline and self.process.poll() is None:
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    self.display = f":{number}"
                    return
                time.sleep(0.05)
            self.stop()  # lost a race for this number: try the next
        raise RuntimeError(f"Xvfb did not start on any display from :{FIRST_NUMBER} "
                           f"to :{LAST_NUMBER}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

"""A throw-away PulseAudio daemon that stands in for the operator's headset.

    pulse = ThrowawayPulse().start()
    env = pulse.client_env()       # for paplay/parec and for Qt in this process
    ...
    pulse.stop()

It has no sound card, only null sinks, so it runs anywhere (CI, a
container, as root) and never touches the machine's real audio:

    desk_earpiece            null sink: the desk plays the caller here;
                             record desk_earpiece.monitor to hear it
    caller_mouth             null sink: play a sound here to "speak"
    desk_microphone          module-remap-source on caller_mouth.monitor: the
                             desk's microphone (Qt Multimedia hides monitor
                             sources, a remapped one it lists as an input)

The daemon runs in its own runtime directory with anonymous auth, so no
cookie or D-Bus is needed, and is stopped by its PID. Debian packages:
`pulseaudio` (the daemon) and `pulseaudio-utils` (pactl, paplay, parec).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

EARPIECE_SINK = "desk_earpiece"
MOUTH_SINK = "caller_mouth"
MICROPHONE_SOURCE = "desk_microphone"

_DESCRIPTION = "{kind}_properties=device.description={name}"
_CONFIG = "\n".join([
    "load-module module-native-protocol-unix auth-anonymous=1 socket={socket}",
    f"load-module module-null-sink sink_name={EARPIECE_SINK} "
    + _DESCRIPTION.format(kind="sink", name="DeskEarpiece"),
    f"load-module module-null-sink sink_name={MOUTH_SINK} "
    + _DESCRIPTION.format(kind="sink", name="CallerMouth"),
    f"load-module module-remap-source source_name={MICROPHONE_SOURCE} "
    f"master={MOUTH_SINK}.monitor " + _DESCRIPTION.format(kind="source", name="DeskMicrophone"),
    f"set-default-sink {EARPIECE_SINK}",
    f"set-default-source {MICROPHONE_SOURCE}",
    "",
])


def pulse_tools_available() -> bool:
    return all(shutil.which(tool) for tool in ("pulseaudio", "pactl", "paplay", "parec"))


class ThrowawayPulse:
    def __init__(self) -> None:
        self.workdir: Path | None = None
        self.process: subprocess.Popen | None = None
        self.socket: Path | None = None

    def start(self, timeout_s: float = 10.0) -> ThrowawayPulse:
        # A short path: a unix socket name must fit in 108 bytes.
        self.workdir = Path(tempfile.mkdtemp(prefix="pa-"))
        runtime = self.workdir / "run"
        runtime.mkdir(mode=0o700)
        self.socket = runtime / "native"
        config = self.workdir / "desk.pa"
        config.write_text(_CONFIG.format(socket=self.socket), encoding="utf-8")
        command = ["pulseaudio", "-n", "-F", str(config), "--daemonize=no", "--system=false",
                   "--exit-idle-time=-1", "--disallow-exit", "--use-pid-file=false",
                   "--log-target=stderr", "--log-level=warning"]
        self.process = subprocess.Popen(command, env=self._daemon_env(), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                errors = self.process.stderr.read().decode("utf-8", "replace")
                self.stop()
                raise RuntimeError(f"pulseaudio exited at start:\n{errors[-2000:]}")
            if self.socket.exists() and self.pactl("info", check=False).returncode == 0:
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("pulseaudio did not come up in time")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if process is not None and process.stderr is not None:
            process.stderr.close()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def client_env(self) -> dict[str, str]:
        """What a client needs to reach this daemon and no other; the
        QT_AUDIO_BACKEND line keeps Qt off PipeWire on a desktop that has it."""
        assert self.socket is not None, "start() first"
        return {"PULSE_SERVER": f"unix:{self.socket}", "QT_AUDIO_BACKEND": "pulseaudio",
                "PULSE_CLIENTCONFIG": str(self.workdir / "client.conf")}

    def environ(self) -> dict[str, str]:
        return {**os.environ, **self.client_env()}

    def pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["pactl", *args], env=self.environ(), capture_output=True,
                              text=True, timeout=10, check=check)

    def unplug(self, sink: str) -> None:
        """Remove a null sink, as if its headset were pulled out."""
        modules = self.pactl("list", "short", "modules").stdout.splitlines()
        for line in modules:
            fields = line.split("\t")
            null_sink = len(fields) >= 3 and fields[1] == "module-null-sink"
            if null_sink and f"sink_name={sink}" in fields[2]:
                self.pactl("unload-module", fields[0])
                return
        raise LookupError(f"no null sink {sink}")

    def plug(self, sink: str, description: str) -> None:
        self.pactl("load-module", "module-null-sink", f"sink_name={sink}",
                   f"sink_properties=device.description={description}")

    def _daemon_env(self) -> dict[str, str]:
        assert self.workdir is not None
        # No autospawn, no cookie, nothing read from the real user's config.
        (self.workdir / "client.conf").write_text("autospawn = no\n", encoding="utf-8")
        run = str(self.workdir / "run")
        return {**os.environ, "HOME": str(self.workdir), "XDG_RUNTIME_DIR": run,
                "PULSE_RUNTIME_PATH": run,
                "XDG_CONFIG_HOME": str(self.workdir / "config"),
                "PULSE_CLIENTCONFIG": str(self.workdir / "client.conf")}

"""The operator's headset, end to end, with real parts only, across the
process boundary: the engine runs in `safedesk serve`, the headset in this
process, and EngineClient relays the audio between them, as in the desk.

A throw-away PulseAudio daemon (tests/pulse_server.py) is the headset: the
desk plays into the null sink `desk_earpiece` and listens on
`desk_microphone`, a remapped monitor of the null sink `caller_mouth`.

    SIPp ─RTP▶ engine ─▶ its earpiece pipe ─link─▶ pipes.earpiece ─▶ HeadsetBridge
         ─▶ desk_earpiece ─▶ parec
    paplay ─▶ caller_mouth ─▶ desk_microphone ─▶ HeadsetBridge ─▶ pipes.microphone
         ─link─▶ the engine's microphone pipe ─▶ engine ─RTP▶ tests/far_end.py ─▶ WAV

Qt Multimedia connects to PulseAudio once per process, so the daemon is
started (and PULSE_SERVER set) before anything here touches QMediaDevices,
and lives for the whole module. Every child process is stopped by PID.
"""
from __future__ import annotations

import array
import json
import math
import os
import signal
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from engine_process import Serve, safedesk
from pulse_server import (
    EARPIECE_SINK,
    MICROPHONE_SOURCE,
    MOUTH_SINK,
    ThrowawayPulse,
    pulse_tools_available,
)

from dispatch.settings import Settings
from telephony.audio import HeadsetPipes
from telephony.events import EventKind
from telephony.link.client import EngineClient
from telephony.link.place import EnginePlace
from telephony.testing import G711A_PCAP, EventLog, Sipp, sipp_binary

pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("_pulse_and_sipp_installed")]


@pytest.fixture
def _pulse_and_sipp_installed():
    from conftest import require_tools
    require_tools(pulseaudio=pulse_tools_available(), sipp=sipp_binary() is not None)


FAR_END = Path(__file__).resolve().parent / "far_end.py"
RATE = 16000
BLOCK = RATE // 10     # 100 ms
TONE_HZ = 700          # 70 whole cycles per block: the Goertzel bin sits right on it
WAIT_MS = 15000
LINK_LATENCY_LIMIT_MS = 40.0


@pytest.fixture(scope="module")
def pulse():
    server = ThrowawayPulse().start()
    saved = {name: os.environ.get(name) for name in server.client_env()}
    os.environ.update(server.client_env())
    try:
        yield server
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        server.stop()


@pytest.fixture
def headset(pulse, qtbot):
    from ui.headset.bridge import HeadsetBridge
    pipes = HeadsetPipes()
    settings = Settings.in_memory({"audio.output_device": EARPIECE_SINK,
                                   "audio.input_device": MICROPHONE_SOURCE})
    bridge = HeadsetBridge(pipes, settings)
    opened: dict[str, str] = {}
    errors: list[str] = []
    bridge.deviceOpened.connect(lambda direction, name: opened.__setitem__(direction, name))
    bridge.deviceError.connect(errors.append)
    bridge.start()
    try:
        qtbot.waitUntil(lambda: len(opened) == 2, timeout=WAIT_MS)
        assert opened == {"earpiece": "DeskEarpiece", "microphone": "DeskMicrophone"}, errors
        # A PulseAudio null device takes a moment to deliver its first period.
        qtbot.waitUntil(lambda: pipes.microphone.available() > 0, timeout=WAIT_MS)
        yield pipes, bridge, errors
    finally:
        bridge.close()


@pytest.fixture
def start_desk(tmp_path):
    """`safedesk serve` on a seeded SQLite file, and an EngineClient in this
    process that relays its headset audio to and from `pipes`."""
    started: list[tuple[Serve, EngineClient]] = []

    def start(pipes: HeadsetPipes) -> tuple[Serve, EngineClient, EventLog]:
        db = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
        initialised = safedesk("init", db=db)
        assert initialised.returncode == 0, initialised.stderr
        engine = Serve(db)
        engine.wait_for("engine link on")
        client = EngineClient(EnginePlace.current(), actor="test", headset=pipes)
        started.append((engine, client))
        events = EventLog()
        client.add_listener(events)
        client.connect(timeout=WAIT_MS / 1000)
        return engine, client, events

    yield start
    for engine, client in started:
        client.close()
        engine.stop()


def seen(events: EventLog, kind: EventKind):
    return lambda: bool(events.of_kind(kind))


def answer_when_ringing(qtbot, client: EngineClient, events: EventLog) -> str:
    """As the calls panel does it, with the Qt event loop running throughout
    (the headset reports through it): wait for RINGING, answer, wait for ANSWERED."""
    qtbot.waitUntil(seen(events, EventKind.RINGING), timeout=WAIT_MS)
    key = events.of_kind(EventKind.RINGING)[0].sip_call_id
    answered = client.answer(key)
    qtbot.waitUntil(answered.done, timeout=WAIT_MS)
    answered.result()
    qtbot.waitUntil(seen(events, EventKind.ANSWERED), timeout=WAIT_MS)
    return key


def stop_process(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def block_levels(samples: array.array) -> list[float]:
    """RMS of each 100 ms block."""
    return [math.sqrt(sum(s * s for s in samples[start:start + BLOCK]) / BLOCK)
            for start in range(0, len(samples) - BLOCK + 1, BLOCK)]


def tone_share(block: array.array, frequency: float) -> float:
    """The share of the block's energy at `frequency` (Goertzel), 0..1:
    about 1 for a clean tone, near 0 for speech or noise."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / RATE)
    previous = before = 0.0
    for sample in block:
        previous, before = sample + coefficient * previous - before, previous
    power = previous * previous + before * before - coefficient * previous * before
    energy = sum(s * s for s in block)
    return 2 * power / (len(block) * energy) if energy else 0.0


def write_tone(path: Path, seconds: float, amplitude: int = 12000) -> None:
    samples = array.array("h", (int(amplitude * math.sin(2 * math.pi * TONE_HZ * n / RATE))
                                for n in range(int(RATE * seconds))))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def read_wav_mono16(path: Path) -> array.array:
    with wave.open(str(path), "rb") as recording:
        assert recording.getsampwidth() == 2 and recording.getnchannels() == 1
        assert recording.getframerate() == RATE, recording.getframerate()
        return array.array("h", recording.readframes(recording.getnframes()))


@pytest.mark.sip
def test_the_caller_is_heard_in_the_operators_earpiece(pulse, headset, start_desk, tmp_path,
                                                       qtbot):
    assert G711A_PCAP.exists(), "SIPp's g711a.pcap is missing"
    pipes, bridge, errors = headset
    engine, client, events = start_desk(pipes)
    heard = tmp_path / "earpiece.raw"
    parec = sipp = None
    try:
        with heard.open("wb") as recording:
            parec = subprocess.Popen(["parec", f"--device={EARPIECE_SINK}.monitor",
                                      "--format=s16le", f"--rate={RATE}", "--channels=1"],
                                     stdout=recording, stderr=subprocess.DEVNULL,
                                     env=pulse.environ())
        sipp = Sipp("uac_answered_rtp.xml", engine.listen, workdir=tmp_path / "sipp",
                    duration_ms=4000).start()
        key = answer_when_ringing(qtbot, client, events)
        qtbot.waitUntil(seen(events, EventKind.ENDED), timeout=30000)
        assert events.of_kind(EventKind.ENDED)[0].sip_call_id == key
        qtbot.waitUntil(lambda: sipp.process.poll() is not None, timeout=WAIT_MS)
        result = sipp.wait(5)
    finally:
        if sipp is not None:
            sipp.kill()
        stop_process(parec)
    assert result.ok, result.explain()
    assert not errors, errors
    raw = heard.read_bytes()
    levels = block_levels(array.array("h", raw[:len(raw) // 2 * 2]))
    loud = [level for level in levels if level > 300]
    # SIPp's pcap is speech: the earpiece must carry seconds of it, not silence.
    assert len(loud) >= 15, (f"only {len(loud)} of {len(levels)} 100 ms blocks on the earpiece "
                             f"were loud; loudest {max(levels, default=0):.0f}")


@pytest.mark.sip
def test_the_operators_microphone_reaches_the_far_end(pulse, headset, start_desk, tmp_path,
                                                      qtbot):
    pipes, bridge, errors = headset
    engine, client, events = start_desk(pipes)
    tone, heard = tmp_path / "tone.wav", tmp_path / "far_end_heard.wav"
    write_tone(tone, seconds=20)
    speaker = far_end = None
    try:
        # The operator "speaks": a tone into the sink the desk's microphone listens to.
        speaker = subprocess.Popen(["paplay", f"--device={MOUTH_SINK}", str(tone)],
                                   stderr=subprocess.DEVNULL, env=pulse.environ())
        far_end = subprocess.Popen([sys.executable, str(FAR_END), "--desk", engine.listen,
                                    "--wav", str(heard), "--seconds", "4", "--timeout", "25"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        answer_when_ringing(qtbot, client, events)
        qtbot.waitUntil(lambda: far_end.poll() is not None, timeout=30000)
        output, far_errors = far_end.communicate(5)
    finally:
        stop_process(far_end)
        stop_process(speaker)
    assert far_end.returncode == 0, f"far end failed:\n{output}\n{far_errors[-2000:]}"
    assert json.loads(output.strip().splitlines()[-1])["answered"]
    assert not errors, errors
    samples = read_wav_mono16(heard)
    levels = block_levels(samples)
    loud = [i for i, level in enumerate(levels) if level > 1000]
    assert len(loud) >= 25, f"the far end heard {len(loud)} loud 100 ms blocks of {len(levels)}"
    shares = sorted(tone_share(samples[i * BLOCK:(i + 1) * BLOCK], TONE_HZ) for i in loud)
    median = shares[len(shares) // 2]
    # The tone itself, not noise: gaps or clicks in the path would smear it.
    assert median > 0.8, f"the far end did not hear the {TONE_HZ} Hz tone ({median=:.2f})"


@pytest.mark.sip
def test_the_link_adds_under_40_ms_to_the_audio_each_way(pulse, headset, start_desk, tmp_path,
                                                         qtbot):
    """Every frame crosses the link stamped with when it entered the sending
    pipe (one monotonic clock for the machine); the receiver logs how long
    it took to reach its own pipe. The caller talks (SIPp's RTP) while the
    operator does (a tone), so both directions carry audio at once."""
    pipes, bridge, errors = headset
    engine, client, events = start_desk(pipes)
    tone = tmp_path / "tone.wav"
    write_tone(tone, seconds=20)
    speaker = sipp = None
    try:
        speaker = subprocess.Popen(["paplay", f"--device={MOUTH_SINK}", str(tone)],
                                   stderr=subprocess.DEVNULL, env=pulse.environ())
        sipp = Sipp("uac_answered_rtp.xml", engine.listen, workdir=tmp_path / "sipp",
                    duration_ms=4000).start()
        answer_when_ringing(qtbot, client, events)
        qtbot.waitUntil(seen(events, EventKind.ENDED), timeout=30000)
        status = client.status()
        qtbot.waitUntil(status.done, timeout=WAIT_MS)
        result = sipp.wait(10)
    finally:
        if sipp is not None:
            sipp.kill()
        stop_process(speaker)
    assert result.ok, result.explain()
    earpiece = client.earpiece_latency.summary()
    microphone = status.result()["microphone_latency_ms"]
    print(f"\nlink latency, ms: earpiece {earpiece}; microphone {microphone}")
    for direction, figures in (("earpiece", earpiece), ("microphone", microphone)):
        assert figures["frames"] >= 20, f"{direction}: too few frames crossed: {figures}"
        assert figures["max"] < LINK_LATENCY_LIMIT_MS, f"{direction}: {figures}"


def test_an_unplugged_earpiece_is_reported_once_and_its_audio_moves(pulse, headset, qtbot):
    pipes, bridge, errors = headset
    opened: list[tuple[str, str]] = []
    bridge.deviceOpened.connect(lambda direction, name: opened.append((direction, name)))
    try:
        pulse.unplug(EARPIECE_SINK)
        qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
        # One message naming the lost headset and the device that took over
        # (in whichever language the desk is set to).
        assert "DeskEarpiece" in errors[0] and "CallerMouth" in errors[0], errors
        # The system default takes over, and it really plays: the pipe drains.
        qtbot.waitUntil(lambda: ("earpiece", "CallerMouth") in opened, timeout=WAIT_MS)
        assert bridge.running
        pipes.earpiece.write(bytes(pipes.format.frame_bytes * 3))
        qtbot.waitUntil(lambda: pipes.earpiece.available() == 0, timeout=WAIT_MS)
    finally:
        pulse.plug(EARPIECE_SINK, "DeskEarpiece")
    # Plugged back in: the earpiece returns to the headset it was set to.
    qtbot.waitUntil(lambda: bool(opened) and opened[-1] == ("earpiece", "DeskEarpiece"),
                    timeout=WAIT_MS)
    assert len(errors) == 1, errors

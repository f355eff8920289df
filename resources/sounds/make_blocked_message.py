"""Make blocked_message_id.wav, the message a blocked caller hears when
sip.blocked_policy = "message": 8 kHz mono 16-bit PCM, a two-note chime
and a short sentence in Bahasa Indonesia, synthesised.

It is a stand-in. A centre records its own message (a real voice, its own
numbers and wording) and names the file in the setting sip.blocked_message.

Run once, from the repository root (Debian packages espeak-ng and sox):

    python resources/sounds/make_blocked_message.py

Without espeak-ng it writes the chime and silence only, so that the desk
still has a file to play; the shipped file was made with espeak-ng.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

RATE = 8000
HERE = Path(__file__).resolve().parent
OUT = HERE / "blocked_message_id.wav"
# What a blocked caller must learn: that the line refused them for now, and
# where help is if this time it is real (national numbers, not this line).
TEXT = ("Nomor Anda diblokir sementara. Jika darurat, hubungi polisi, satu satu nol; "
        "pemadam kebakaran, satu satu tiga; atau ambulans, satu satu delapan.")


def chime() -> np.ndarray:
    """Two soft notes (E5, C5), 180 ms each, with short fades: a cue that a
    recording, not a person, is speaking."""
    notes = []
    for frequency in (659.25, 523.25):
        t = np.arange(int(RATE * 0.18)) / RATE
        note = 0.35 * np.sin(2 * np.pi * frequency * t)
        fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.02)
        notes.append(note * fade)
        notes.append(np.zeros(int(RATE * 0.05)))
    return np.concatenate(notes)


def speech() -> np.ndarray | None:
    """The sentence from espeak-ng, resampled to 8 kHz by sox."""
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        spoken, resampled = Path(folder) / "spoken.wav", Path(folder) / "8k.wav"
        subprocess.run(["espeak-ng", "-v", "id", "-s", "160", "-w", str(spoken), TEXT],
                       check=True)
        subprocess.run(["sox", str(spoken), "-r", str(RATE), "-c", "1", "-b", "16",
                        str(resampled), "norm", "-3"], check=True)
        with wave.open(str(resampled), "rb") as source:
            pcm = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    return pcm.astype(np.float64) / 32768.0


def main() -> int:
    spoken = speech()
    if spoken is None:
        print("espeak-ng or sox missing: writing the chime and silence only", file=sys.stderr)
        spoken = np.zeros(RATE * 3)
    silence = np.zeros(int(RATE * 0.3))
    signal = np.concatenate([silence, chime(), silence, spoken, silence])
    pcm = np.clip(np.round(signal * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(OUT), "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(2)
        target.setframerate(RATE)
        target.writeframes(pcm.tobytes())
    print(f"{OUT.name}: {len(pcm) / RATE:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

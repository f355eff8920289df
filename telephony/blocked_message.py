"""The recording a blocked caller hears when sip.blocked_policy = "message".

Pure Python (no pjsua2): `safedesk serve` checks the file when it reads its
settings, so a file the desk cannot play stops it at start, with a reason,
rather than at the first blocked call.
"""
from __future__ import annotations

import wave
from pathlib import Path

from dispatch.errors import InvalidInput

# A stand-in made by resources/sounds/make_blocked_message.py (synthesised
# speech): a centre records its own and names it in sip.blocked_message.
DEFAULT_MESSAGE = (Path(__file__).resolve().parent.parent / "resources" / "sounds"
                   / "blocked_message_id.wav")
# What pjmedia's WAV player and the desk's conference bridge take as they are.
RATES = (8000, 16000, 32000, 48000)


def message_path(setting: str) -> Path:
    """The file named by sip.blocked_message; empty: the desk's own."""
    return Path(setting).expanduser() if setting.strip() else DEFAULT_MESSAGE


def message_seconds(setting: str) -> float:
    """How long the message plays, in seconds; refuses a file that is not
    a mono 16-bit PCM WAV of some length, at a rate pjmedia plays."""
    path = message_path(setting)
    try:
        with wave.open(str(path), "rb") as recording:
            channels, width = recording.getnchannels(), recording.getsampwidth()
            rate, frames = recording.getframerate(), recording.getnframes()
    except (OSError, EOFError, wave.Error) as exc:
        raise InvalidInput(f"sip.blocked_message {path}: cannot be read as a WAV file ({exc})",
                           code="sip.blocked_message_unusable", path=str(path),
                           reason=str(exc)) from None
    problem = ("it is not mono" if channels != 1 else "it is not 16-bit PCM" if width != 2
               else f"its rate {rate} Hz is not one of {RATES}" if rate not in RATES
               else "it is shorter than half a second" if frames < rate // 2 else "")
    if problem:
        raise InvalidInput(f"sip.blocked_message {path}: {problem}",
                           code="sip.blocked_message_unusable", path=str(path), reason=problem)
    return frames / rate

"""PCM conversion between the softphone's pipes and a sound device.

The pipes carry 16 kHz mono 16-bit PCM (telephony/audio.py). Most devices
take that as is (PulseAudio, PipeWire and Core Audio resample for us), so
`PcmConverter` is usually the identity. When a device only offers its own
format, this converts simply: channels are averaged or duplicated, the
rate is changed by linear interpolation. That is crude for music and
plenty for a telephone voice band (at most 8 kHz wide, already band-limited
by the codec), and it is pure Python so it needs no new dependency.

No Qt here: the layouts are plain values, so the conversion is testable
without a device.
"""
from __future__ import annotations

import array
from dataclasses import dataclass

# array typecodes per sample kind, and the full-scale value of each.
_TYPECODES = {"uint8": "B", "int16": "h", "int32": "i", "float": "f"}
_FULL_SCALE = {"uint8": 128.0, "int16": 32768.0, "int32": 2147483648.0, "float": 1.0}


@dataclass(frozen=True)
class PcmLayout:
    rate: int
    channels: int = 1
    sample: str = "int16"  # uint8 | int16 | int32 | float

    def __post_init__(self) -> None:
        if self.sample not in _TYPECODES:
            raise ValueError(f"unsupported sample kind {self.sample!r}")
        if self.rate <= 0 or self.channels <= 0:
            raise ValueError(f"bad PCM layout {self}")

    @property
    def frame_bytes(self) -> int:
        return self.channels * array.array(_TYPECODES[self.sample]).itemsize

    def bytes_for_ms(self, ms: float) -> int:
        return int(self.rate * ms / 1000) * self.frame_bytes


class _LinearResampler:
    """Stateful, so chunk boundaries do not click: it carries the last input
    sample and the fractional position of the next output sample."""

    def __init__(self, source_rate: int, target_rate: int) -> None:
        self.step = source_rate / target_rate
        self.position = 0.0  # of the next output sample, in the buffer below
        self.previous: float | None = None

    def run(self, samples: list[float]) -> list[float]:
        if not samples:
            return []
        buffer = samples if self.previous is None else [self.previous, *samples]
        last_index = len(buffer) - 1
        position, step, out = self.position, self.step, []
        append = out.append
        while position < last_index:
            index = int(position)
            left = buffer[index]
            append(left + (buffer[index + 1] - left) * (position - index))
            position += step
        # The next chunk starts with this chunk's last sample at index 0.
        self.position = position - last_index
        self.previous = buffer[-1]
        return out


class PcmConverter:
    """Converts a stream of PCM bytes from one layout to another."""

    def __init__(self, source: PcmLayout, target: PcmLayout) -> None:
        self.source = source
        self.target = target
        self.identity = source == target
        self._resampler = (_LinearResampler(source.rate, target.rate)
                           if source.rate != target.rate else None)
        self._carry = b""  # a partial frame left over from the last chunk

    def convert(self, data: bytes) -> bytes:
        if self.identity or not data:
            return data
        data = self._carry + data
        whole = len(data) - len(data) % self.source.frame_bytes
        data, self._carry = data[:whole], data[whole:]
        mono = _decode_mono(data, self.source)
        if self._resampler is not None:
            mono = self._resampler.run(mono)
        return _encode(mono, self.target)

    def source_bytes_for(self, target_bytes: int) -> int:
        """About how many input bytes make `target_bytes` of output (whole frames)."""
        frames = target_bytes // self.target.frame_bytes
        source_frames = int(frames * self.source.rate / self.target.rate)
        return source_frames * self.source.frame_bytes


def _decode_mono(data: bytes, layout: PcmLayout) -> list[float]:
    samples = array.array(_TYPECODES[layout.sample])
    samples.frombytes(data)
    scale = _FULL_SCALE[layout.sample]
    offset = 128.0 if layout.sample == "uint8" else 0.0
    if layout.channels == 1:
        return [(s - offset) / scale for s in samples]
    channels = layout.channels
    # A headset microphone on a stereo device is usually on one side only:
    # averaging keeps it audible (6 dB down) whichever side it is.
    columns = [samples[c::channels] for c in range(channels)]
    return [(sum(frame) / channels - offset) / scale for frame in zip(*columns)]


def _encode(mono: list[float], layout: PcmLayout) -> bytes:
    kind = layout.sample
    if kind == "float":
        values = array.array("f", (max(-1.0, min(1.0, s)) for s in mono))
    else:
        scale, offset = _FULL_SCALE[kind], (128 if kind == "uint8" else 0)
        low, high = -scale, scale - 1
        values = array.array(_TYPECODES[kind],
                             (int(max(low, min(high, s * scale))) + offset for s in mono))
    if layout.channels > 1:
        # Both ears hear the caller.
        spread = array.array(values.typecode, bytes(len(values) * layout.frame_bytes))
        for channel in range(layout.channels):
            spread[channel::layout.channels] = values
        values = spread
    return values.tobytes()

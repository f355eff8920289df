"""The headset's PCM conversion, for devices that will not take the pipes'
16 kHz mono 16-bit PCM. No sound device needed."""
from __future__ import annotations

import array
import math

import pytest

from ui.headset.pcm import PcmConverter, PcmLayout

PIPE = PcmLayout(16000)


def tone(hz: float, seconds: float, rate: int = 16000, amplitude: int = 12000) -> bytes:
    return array.array("h", (int(amplitude * math.sin(2 * math.pi * hz * n / rate))
                             for n in range(int(rate * seconds)))).tobytes()


def strongest_frequency(samples: array.array, rate: int) -> int:
    """Crude DFT scan in 10 Hz steps: good enough to tell 700 Hz from 690 Hz."""
    def power(hz: int) -> float:
        real = sum(s * math.cos(2 * math.pi * hz * n / rate) for n, s in enumerate(samples))
        imaginary = sum(s * math.sin(2 * math.pi * hz * n / rate) for n, s in enumerate(samples))
        return real * real + imaginary * imaginary
    return max(range(600, 810, 10), key=power)


def test_the_pipes_own_format_passes_through_untouched():
    data = tone(700, 0.1)
    assert PcmConverter(PIPE, PIPE).convert(data) is data


@pytest.mark.parametrize("device", [PcmLayout(48000, 2, "float"), PcmLayout(44100, 2, "int16"),
                                    PcmLayout(8000, 1, "uint8"), PcmLayout(16000, 2, "int32")])
def test_there_and_back_keeps_the_voice(device):
    there, back = PcmConverter(PIPE, device), PcmConverter(device, PIPE)
    original = tone(700, 0.5)
    # In 20 ms pieces, as the pipes deliver it: chunk edges must not click.
    on_device = b"".join(there.convert(original[i:i + 640]) for i in range(0, len(original), 640))
    expected = len(original) // 2 * device.rate // 16000 * device.frame_bytes
    assert abs(len(on_device) - expected) <= 2 * device.frame_bytes
    returned = array.array("h", back.convert(on_device))
    assert abs(len(returned) - 8000) <= 2
    middle = returned[800:2400]
    assert strongest_frequency(middle, 16000) == 700
    rms = math.sqrt(sum(s * s for s in middle) / len(middle))
    assert 12000 / math.sqrt(2) * 0.9 < rms < 12000 / math.sqrt(2) * 1.1
    jumps = max(abs(a - b) for a, b in zip(middle, middle[1:]))
    assert jumps < 12000 * 2 * math.pi * 700 / 16000 * 1.3  # a sine's steepest step, no clicks


def test_a_partial_frame_waits_for_the_rest():
    converter = PcmConverter(PcmLayout(16000, 2, "int16"), PIPE)
    frame = array.array("h", [1000, 3000]).tobytes()
    assert converter.convert(frame[:3]) == b""
    assert array.array("h", converter.convert(frame[3:])) == array.array("h", [2000])


def test_loud_samples_are_clipped_not_wrapped():
    converter = PcmConverter(PcmLayout(16000, 1, "float"), PIPE)
    loud = array.array("f", [1.5, -1.5]).tobytes()
    assert array.array("h", converter.convert(loud)).tolist() == [32767, -32768]

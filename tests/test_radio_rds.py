"""RadioText of a bulletin title to an RDS encoder."""
from __future__ import annotations

import pytest
import serial
from hypothesis import given
from hypothesis import strategies as st

from radio.drivers import RelayFault
from radio.rds import MAX_LENGTH, RdsEncoder, radiotext_command, to_radiotext

pytest_plugins = ["conftest_radio"]


@pytest.mark.parametrize("title,expected", [
    ("Halo Denpasar: lampu jalan mati di Jl. Teuku Umar",
     "Halo Denpasar: lampu jalan mati di Jl. Teuku Umar"),
    ("Pohon tumbang \u201cRenon\u201d \u2013 sudah ditangani DLHK",
     'Pohon tumbang "Renon" - sudah ditangani DLHK'),
    ("Caf\u00e9 \u00d1usa  Dua\tgot   tersumbat\r\nRT1=x", "Cafe Nusa Dua got tersumbat RT1=x"),
    ("\u0aa0\u4e2d\u6587 only", "only"),
])
def test_titles_become_plain_ascii(title, expected):
    assert to_radiotext(title) == expected


def test_a_long_title_is_cut_to_64_characters():
    title = ("Laporan Halo Denpasar hari ini: saluran air tersumbat di Jalan Gunung Agung, "
             "Padangsambian")
    text = to_radiotext(title)
    assert len(text) <= MAX_LENGTH
    assert title.startswith(text)


@given(st.text(max_size=200))
def test_radiotext_is_always_sendable(title):
    text = to_radiotext(title)
    assert len(text) <= MAX_LENGTH
    assert all(" " <= ch <= "~" for ch in text)
    assert text == text.strip() and "  " not in text


def test_command_bytes():
    assert radiotext_command("Buletin pagi") == b"RT1=Buletin pagi\r"
    assert radiotext_command("Buletin pagi", "TEXT") == b"TEXT=Buletin pagi\r"
    with pytest.raises(RelayFault, match="unknown RDS command"):
        radiotext_command("x", "ps")


def test_encoder_over_loop_sends_exactly_one_line():
    port = serial.serial_for_url("loop://", timeout=0.1)
    encoder = RdsEncoder(port, variant="text", name="loop://")
    assert encoder.send_title("Buletin \u2013 Senin") == "Buletin - Senin"
    assert port.read(port.in_waiting) == b"TEXT=Buletin - Senin\r"
    encoder.close()


@pytest.mark.serial
def test_encoder_to_the_simulated_encoder_over_socat(socat_pair, simulators):
    sim = simulators("rds", attach=socat_pair.b)
    encoder = RdsEncoder.open(socat_pair.a, variant="rt1")
    try:
        encoder.send_title("Buletin Halo Denpasar \u2014 Selasa")
        assert sim.wait_for(lambda s: s.device.radiotext, 3.0)
    finally:
        encoder.close()
    assert sim.device.radiotext == "Buletin Halo Denpasar - Selasa"
    assert {"event": "radiotext", "text": "Buletin Halo Denpasar - Selasa"} in sim.events


def test_no_rds_port_is_a_clear_error():
    with pytest.raises(RelayFault, match="no RDS encoder port"):
        RdsEncoder.open("")

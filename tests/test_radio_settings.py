"""The radio's settings keys and the controller built from them."""
from __future__ import annotations

import pytest

from dispatch.errors import InvalidInput
from dispatch.settings import REGISTRY, Settings
from radio import settings as radio_settings
from radio.drivers import PROTOCOLS

pytest_plugins = ["conftest_radio"]

KEYS = {"radio.port", "radio.protocol", "radio.baudrate", "radio.relay_count",
        "radio.channels_on_air", "radio.safety_timeout_s", "radio.reply_timeout_s",
        "radio.poll_interval_s", "radio.rds_port", "radio.rds_protocol", "radio.rds_baudrate"}


def test_every_key_is_declared_with_help():
    declared = {s.key for s in REGISTRY.all() if s.key.startswith("radio.")}
    assert declared == KEYS
    assert all(REGISTRY[key].help for key in KEYS)
    assert REGISTRY["radio.protocol"].choices == PROTOCOLS


def test_defaults():
    settings = Settings.in_memory()
    assert settings.get("radio.port") == ""
    assert settings.get("radio.baudrate") == 9600
    assert settings.get("radio.safety_timeout_s") == 900
    assert radio_settings.on_air_channels(settings) == [1, 2]


def test_environment_overrides_the_channels():
    settings = Settings(environ={"SAFEDESK_RADIO_CHANNELS_ON_AIR": "3, 1,3"})
    assert radio_settings.on_air_channels(settings) == [3, 1]


@pytest.mark.parametrize("value,needle", [
    ("1,lamp", "'lamp' is not a channel number"),
    ("0", "channels start at 1"),
    ("", "names no channel"),
])
def test_bad_channels_are_the_users_to_fix(value, needle):
    settings = Settings.in_memory({"radio.channels_on_air": value})
    with pytest.raises(InvalidInput, match=needle):
        radio_settings.on_air_channels(settings)


def test_an_unknown_protocol_in_the_settings_file_is_refused():
    settings = Settings(file_values={"radio.protocol": "morse"}, environ={})
    with pytest.raises(InvalidInput, match="not one of broadcast-tools"):
        settings.get("radio.protocol")


def test_no_port_means_no_controller(event_log):
    assert radio_settings.on_air_controller(Settings.in_memory(), event_log) is None


@pytest.mark.serial
def test_the_configured_controller_keys_the_configured_channels(simulators, event_log):
    sim = simulators("kmtronic", tcp=("127.0.0.1", 0), relays=4)
    settings = Settings.in_memory({"radio.port": sim.url, "radio.protocol": "kmtronic",
                                   "radio.relay_count": 4, "radio.channels_on_air": "2,4",
                                   "radio.poll_interval_s": 0.1})
    controller = radio_settings.on_air_controller(settings, event_log)
    try:
        controller.start()
        assert sim.relays == {1: False, 2: True, 3: False, 4: True}
        assert controller.safety_timeout_s == 900
    finally:
        controller.close()
    assert not any(sim.relays.values())

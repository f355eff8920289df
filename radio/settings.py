"""Settings of the studio relay and the RDS encoder, declared once here."""
from __future__ import annotations

from collections.abc import Callable

from dispatch.errors import InvalidInput
from dispatch.settings import Settings, declare
from radio.drivers import PROTOCOLS, RelayDriver, open_driver
from radio.onair import OnAirController, RadioEvent
from radio.rds import RdsEncoder

PORT = declare("radio.port", str, "",
               "pyserial URL of the studio relay: /dev/ttyUSB0, COM3, socket://host:port; "
               "empty means no relay")
PROTOCOL = declare("radio.protocol", str, "broadcast-tools", "Protocol the studio relay speaks",
                   choices=PROTOCOLS)
BAUDRATE = declare("radio.baudrate", int, 9600, "Serial speed of the studio relay")
RELAY_COUNT = declare("radio.relay_count", int, 0,
                      "Relays on the device; 0 means the protocol's usual board")
CHANNELS_ON_AIR = declare("radio.channels_on_air", list, ["1", "2"],
                          "Relay channels keyed while on air (e.g. console line, ON AIR lamp)")
SAFETY_TIMEOUT_S = declare("radio.safety_timeout_s", int, 900,
                           "Release the relay after this many seconds on air if nobody does")
REPLY_TIMEOUT_S = declare("radio.reply_timeout_s", float, 0.5,
                          "How long the relay may take to answer before it counts as gone")
POLL_INTERVAL_S = declare("radio.poll_interval_s", float, 1.0,
                          "How often the desk checks the relay is still there and in state")
RDS_PORT = declare("radio.rds_port", str, "",
                   "pyserial URL of the RDS encoder; empty means no RadioText")
RDS_PROTOCOL = declare("radio.rds_protocol", str, "rt1",
                       "RadioText command of the RDS encoder: RT1= or TEXT=",
                       choices=("rt1", "text"))
RDS_BAUDRATE = declare("radio.rds_baudrate", int, 9600, "Serial speed of the RDS encoder")


def on_air_channels(settings: Settings) -> list[int]:
    """The channels to key, as numbers; a bad entry is the user's to fix."""
    channels = []
    for item in settings.get(CHANNELS_ON_AIR):
        try:
            channel = int(item)
        except ValueError:
            raise InvalidInput(f"setting radio.channels_on_air: {item!r} is not a channel "
                               "number", code="onair.channel_not_number", item=item) from None
        if channel < 1:
            raise InvalidInput(f"setting radio.channels_on_air: channels start at 1, not "
                               f"{channel}", code="onair.channel_below_one", channel=channel)
        if channel not in channels:
            channels.append(channel)
    if not channels:
        raise InvalidInput("setting radio.channels_on_air names no channel",
                           code="onair.no_channels")
    return channels


def relay_factory(settings: Settings) -> Callable[[], RelayDriver]:
    """Opens the configured relay; the on-air controller calls it again on
    every reconnect, so a changed setting applies from the next attempt."""
    def open_configured() -> RelayDriver:
        return open_driver(settings.get(PROTOCOL), settings.get(PORT),
                           baudrate=settings.get(BAUDRATE),
                           relays=settings.get(RELAY_COUNT) or None,
                           reply_timeout=settings.get(REPLY_TIMEOUT_S))
    return open_configured


def on_air_controller(settings: Settings,
                      on_event: Callable[[RadioEvent], None]) -> OnAirController | None:
    """The desk's on-air sequence as configured; None when no relay is set up."""
    if not settings.get(PORT):
        return None
    return OnAirController(relay_factory(settings), on_air_channels(settings),
                           settings.get(SAFETY_TIMEOUT_S), on_event,
                           poll_interval_s=settings.get(POLL_INTERVAL_S))


def send_radiotext(settings: Settings, title: str) -> str | None:
    """The bulletin's title as RadioText, when an RDS encoder is configured:
    returns the text sent, or None without an encoder. Opened per reading:
    the encoder is often a separate box that may come and go."""
    if not settings.get(RDS_PORT):
        return None
    encoder = RdsEncoder.open(settings.get(RDS_PORT), variant=settings.get(RDS_PROTOCOL),
                              baudrate=settings.get(RDS_BAUDRATE))
    try:
        return encoder.send_title(title)
    finally:
        encoder.close()

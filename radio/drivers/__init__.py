"""Studio relay drivers, by protocol name (the value of ``radio.protocol``)."""
from __future__ import annotations

from dispatch.errors import InvalidInput
from radio.drivers.base import RelayDriver, RelayFault
from radio.drivers.broadcast_tools import BroadcastToolsDriver
from radio.drivers.kmtronic import KMTronicDriver
from radio.drivers.lcus import LcusDriver
from radio.drivers.numato import NumatoDriver

DRIVERS: dict[str, type[RelayDriver]] = {
    cls.protocol: cls
    for cls in (BroadcastToolsDriver, NumatoDriver, KMTronicDriver, LcusDriver)
}
PROTOCOLS: tuple[str, ...] = tuple(DRIVERS)


class UnknownProtocol(RelayFault, InvalidInput):
    """A setting or a flag mistyped: bad input (exit 2), not a device fault;
    still a RelayFault for the on-air code that expects one from a factory."""


def driver_class(protocol: str) -> type[RelayDriver]:
    name = (protocol or "").strip().lower().replace("_", "-")
    try:
        return DRIVERS[name]
    except KeyError:
        raise UnknownProtocol(f"unknown relay protocol {protocol!r}; choose one of "
                         f"{', '.join(PROTOCOLS)}", code="relay.unknown_protocol",
                         protocol=protocol, known=", ".join(PROTOCOLS)) from None


def open_driver(protocol: str, url: str, *, baudrate: int = 9600, relays: int | None = None,
                reply_timeout: float = 0.5) -> RelayDriver:
    """Open the relay at a pyserial URL with the named protocol."""
    cls = driver_class(protocol)
    if not url:
        raise RelayFault("no relay port configured (set radio.port, e.g. /dev/ttyUSB0, "
                         "COM3 or socket://host:port)", code="relay.no_port")
    return cls.open(url, baudrate=baudrate, relays=relays, reply_timeout=reply_timeout)


__all__ = ["DRIVERS", "PROTOCOLS", "RelayDriver", "RelayFault", "driver_class", "open_driver",
           "BroadcastToolsDriver", "NumatoDriver", "KMTronicDriver", "LcusDriver"]

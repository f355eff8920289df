"""The softphone's settings, declared once in the desk's typed registry,
and the validated `SipConfig` the engine runs with."""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from dispatch.errors import InvalidInput
from dispatch.settings import Settings, declare

SIP_LISTEN = declare("sip.listen", str, "127.0.0.1:5060",
                     "Address and port the desk's SIP account listens on (HOST:PORT)")
SIP_TRANSPORT = declare("sip.transport", str, "udp", "SIP transport of the listening account",
                        choices=("udp", "tcp"))
SIP_ALLOWED_PEERS = declare("sip.allowed_peers", list, ["127.0.0.1"],
                            "Addresses or networks (CIDR) allowed to send calls and other "
                            "requests (OPTIONS, MESSAGE...); others get 403")
SIP_DESK_NAME = declare("sip.desk_name", str, "",
                        "This desk's name, recorded on the calls it answers; "
                        "empty means the host name")
SIP_REGISTRAR = declare("sip.registrar", str, "",
                        "PBX or SIP trunk to register with (sip:host[:port]); empty means none")
SIP_USERNAME = declare("sip.username", str, "", "Account name at the registrar")
SIP_PASSWORD = declare("sip.password", str, "", "Digest password at the registrar", secret=True)
SIP_REALM = declare("sip.realm", str, "*", "Digest realm of the registrar; * accepts any")
SIP_CALLBACK_URI = declare("sip.callback_uri", str, "",
                           "Where call-backs are sent, e.g. sip:{national}@pbx.local; "
                           "{e164} and {national} stand for the number. Empty: via the registrar")
SIP_LOG_LEVEL = declare("sip.log_level", int, 1,
                        "pjsip console log level 0-6; above 3 it prints whole SIP messages, "
                        "caller numbers included")
SIP_RING_TIMEOUT_S = declare("sip.ring_timeout_s", int, 90,
                             "A call nobody answers within this many seconds is ended by the "
                             "desk (480) and put on the callback list")
SIP_MAX_CALLS = declare("sip.max_calls", int, 3,
                        "Calls this desk holds at once (ringing, talking, on hold), 1-3; one "
                        "more is written down and answered 486 Busy, on the callback list")
BLOCKED_POLICIES = ("log", "message", "reject")
SIP_BLOCKED_POLICY = declare("sip.blocked_policy", str, "log",
                             "A call from a number a supervisor blocked: log (it rings as usual, "
                             "shown apart as blocked), message (answered with the recording "
                             "sip.blocked_message, then hung up) or reject (403 Forbidden). "
                             "Each is logged, none goes on the callback list",
                             choices=BLOCKED_POLICIES)
SIP_BLOCKED_MESSAGE = declare("sip.blocked_message", str, "",
                              "WAV file (PCM 16-bit, mono) a blocked caller hears when "
                              "sip.blocked_policy is message; empty: the desk's short "
                              "synthesised message in Indonesian. Record your centre's own")
RECORDINGS_ENABLED = declare("recordings.enabled", bool, True,
                             "Record every answered call to a WAV file in the data directory")

TRANSPORTS = ("udp", "tcp")


@dataclass(frozen=True)
class SipConfig:
    host: str
    port: int
    transport: str = "udp"
    allowed_peers: tuple[str, ...] = ("127.0.0.1",)
    desk_name: str = "desk"
    registrar: str = ""
    username: str = ""
    password: str = ""
    realm: str = "*"
    callback_uri: str = ""
    log_level: int = 1
    record_calls: bool = True
    ring_timeout_s: float = 90.0
    max_calls: int = 3
    blocked_policy: str = "log"       # one of BLOCKED_POLICIES
    blocked_message: str = ""         # a WAV; empty: telephony.blocked_message.DEFAULT_MESSAGE

    @property
    def listen(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def __repr__(self) -> str:  # never print the password
        return (f"SipConfig(listen={self.listen}, transport={self.transport}, "
                f"desk={self.desk_name}, registrar={self.registrar or '-'})")


def parse_listen(text: str) -> tuple[str, int]:
    """HOST:PORT, [IPv6]:PORT; the host must be an address this machine has."""
    text = (text or "").strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port_text = text.rpartition(":")
    try:
        ipaddress.ip_address(host)
        port = int(port_text)
    except ValueError:
        raise InvalidInput(f"listen address must be HOST:PORT with an IP address, "
                           f"got {text!r}", code="sip.bad_listen", text=text) from None
    if not 0 <= port <= 65535:
        raise InvalidInput(f"port {port} is out of range", code="sip.bad_port", port=port)
    return host, port


def load_sip_config(settings: Settings, *, listen: str | None = None,
                    transport: str | None = None) -> SipConfig:
    """Settings in force, command-line flags on top."""
    host, port = parse_listen(listen or settings.get(SIP_LISTEN))
    transport = (transport or settings.get(SIP_TRANSPORT)).lower()
    if transport not in TRANSPORTS:
        raise InvalidInput(f"transport must be udp or tcp, got {transport!r}",
                           code="sip.bad_transport", transport=transport)
    peers = tuple(settings.get(SIP_ALLOWED_PEERS))
    from telephony.peers import PeerAllowList
    PeerAllowList(peers)  # refuse a typo now rather than at the first call
    blocked_policy = settings.get(SIP_BLOCKED_POLICY)
    blocked_message = settings.get(SIP_BLOCKED_MESSAGE).strip()
    if blocked_policy == "message":
        from telephony.blocked_message import message_seconds
        message_seconds(blocked_message)  # a file the desk cannot play: refused now
    registrar = settings.get(SIP_REGISTRAR).strip()
    if registrar and not registrar.lower().startswith(("sip:", "sips:")):
        registrar = "sip:" + registrar
    return SipConfig(host=host, port=port, transport=transport, allowed_peers=peers,
                     desk_name=(settings.get(SIP_DESK_NAME) or socket.gethostname())[:64],
                     registrar=registrar, username=settings.get(SIP_USERNAME),
                     password=settings.get(SIP_PASSWORD), realm=settings.get(SIP_REALM) or "*",
                     callback_uri=settings.get(SIP_CALLBACK_URI).strip(),
                     log_level=max(0, min(6, settings.get(SIP_LOG_LEVEL))),
                     record_calls=settings.get(RECORDINGS_ENABLED),
                     ring_timeout_s=_bounded(settings.get(SIP_RING_TIMEOUT_S), 5, 3600,
                                             "sip.ring_timeout_s"),
                     max_calls=int(_bounded(settings.get(SIP_MAX_CALLS), 1, MAX_CALLS_LIMIT,
                                            "sip.max_calls")),
                     blocked_policy=blocked_policy, blocked_message=blocked_message)


# The pjsua2 wheel has 4 call slots (PJSUA_MAX_CALLS; a higher maxCalls is
# silently cut to 4); the desk keeps one spare (sip_stack.SPARE_CALL_SLOTS).
MAX_CALLS_LIMIT = 3


def _bounded(value, low, high, name: str):
    if not low <= value <= high:
        raise InvalidInput(f"{name} must be between {low} and {high}, got {value}",
                           code="setting.out_of_range", name=name, low=low, high=high,
                           value=value)
    return value

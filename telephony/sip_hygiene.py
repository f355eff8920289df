"""Requests other than INVITE: who may send them, and no REGISTER at all.

pjsua answers an OPTIONS or a MESSAGE with 200 whoever sends it, and
leaves a REGISTER unanswered; pjsua2 offers Python no hook before those
answers (onInstantMessage runs after the 200 has left, and only for
MESSAGE). pjsip itself has one: a module, a table of callbacks the
endpoint offers each incoming request to, in order of priority. pjsua2
does not wrap `pjsip_endpt_register_module`, so the desk registers its
module through ctypes, from the library pjsua2 already loaded (as
sip_log does for `pj_log_set_level`). No port, process or hop is added in
front of the desk.

The module sits just after pjsip's dialog layer (priority 32), which takes
every request of a dialog that exists (the BYE, re-INVITE or INFO of a
call that was let in), and before pjsua's own handlers (64). So what it
sees is out of any dialog:

- INVITE and ACK pass on: a stranger's INVITE is refused by
  call_control.py, which also writes the audit entry; an ACK is never answered.
- REGISTER, from anyone: 405 with an Allow header. The desk is no registrar.
- Anything else from outside `sip.allowed_peers`: 403.
- The rest goes on to pjsua: a trunk's OPTIONS keepalive still gets its 200.

An INVITE costs one Python call that reads its method, before pjsua hands
it to onIncomingCall; the 180 is not otherwise delayed.

The module reads pjsip's `pjsip_rx_data`, a C struct, at offsets laid out
below after pjsip 2.15's headers (PJSIP_MAX_PKT_LEN 4000, the size this
wheel drops datagrams beyond). The first request checks them: the message
must start inside the packet buffer and the source be an IP address (read
inside the struct), and only then the parsed method must be the word the
request line starts with. If they do not hold, the module lets every
request through (what the desk did before) and says so once.
"""
from __future__ import annotations

import ctypes
import ipaddress
import logging
import re
import time

import pjsua2 as pj

from telephony.peers import PeerAllowList

log = logging.getLogger(__name__)

FORBIDDEN = 403
METHOD_NOT_ALLOWED = 405
# After the dialog layer (PJSIP_MOD_PRIORITY_UA_PROXY_LAYER = 32), before
# pjsua's handlers of OPTIONS, MESSAGE, SUBSCRIBE and INVITE (APPLICATION = 64).
MODULE_PRIORITY = 33
# What a flood may write to the log: this many lines, then one summary per window.
LOG_LINES_PER_WINDOW = 10
LOG_WINDOW_S = 60.0
_MAX_HOSTS_COUNTED = 256
FALLBACK_ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS"

# pjsip's enums (sip_msg.h)
_REQUEST_MSG = 0
_INVITE, _CANCEL, _ACK, _BYE, _REGISTER, _OPTIONS, _OTHER = range(7)
_HEADER_ALLOW = 4  # PJSIP_H_ALLOW
_PASS = 0     # PJ_FALSE: not handled here, pjsip offers it to the next module
_HANDLED = 1  # PJ_TRUE

PJSIP_MAX_PKT_LEN = 4000
PJ_INET6_ADDRSTRLEN = 46


class _PjStr(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p), ("slen", ctypes.c_ssize_t)]

    @classmethod
    def over(cls, text: ctypes.Array) -> _PjStr:
        """A pj_str_t over a buffer the caller keeps alive."""
        return cls(ctypes.addressof(text), len(text.value))


_RxRequest = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)


class _Module(ctypes.Structure):  # struct pjsip_module (sip_module.h)
    _fields_ = [("prev", ctypes.c_void_p), ("next", ctypes.c_void_p), ("name", _PjStr),
                ("id", ctypes.c_int), ("priority", ctypes.c_int),
                ("load", ctypes.c_void_p), ("start", ctypes.c_void_p),
                ("stop", ctypes.c_void_p), ("unload", ctypes.c_void_p),
                ("on_rx_request", _RxRequest), ("on_rx_response", ctypes.c_void_p),
                ("on_tx_request", ctypes.c_void_p), ("on_tx_response", ctypes.c_void_p),
                ("on_tsx_state", ctypes.c_void_p)]


class _OpKey(ctypes.Structure):  # pjsip_rx_data_op_key around pj_ioqueue_op_key_t
    _fields_ = [("internal", ctypes.c_void_p * 32), ("activesock_data", ctypes.c_void_p),
                ("user_data", ctypes.c_void_p), ("rdata", ctypes.c_void_p)]


class _TpInfo(ctypes.Structure):
    _fields_ = [("pool", ctypes.c_void_p), ("transport", ctypes.c_void_p),
                ("tp_data", ctypes.c_void_p), ("op_key", _OpKey)]


class _PktInfo(ctypes.Structure):
    _fields_ = [("sec", ctypes.c_long), ("msec", ctypes.c_long),
                ("packet", ctypes.c_char * PJSIP_MAX_PKT_LEN), ("zero", ctypes.c_uint32),
                ("len", ctypes.c_ssize_t),
                ("src_addr", ctypes.c_uint32 * 7),  # pj_sockaddr: sockaddr_in6, 28 bytes
                ("src_addr_len", ctypes.c_int),
                ("src_name", ctypes.c_char * PJ_INET6_ADDRSTRLEN), ("src_port", ctypes.c_int)]


class _MsgInfo(ctypes.Structure):  # the first fields only
    _fields_ = [("msg_buf", ctypes.c_void_p), ("len", ctypes.c_int), ("msg", ctypes.c_void_p)]


class _RxData(ctypes.Structure):  # struct pjsip_rx_data, up to msg_info.msg
    _fields_ = [("tp_info", _TpInfo), ("pkt_info", _PktInfo), ("msg_info", _MsgInfo)]


class _Method(ctypes.Structure):  # pjsip_method
    _fields_ = [("id", ctypes.c_int), ("name", _PjStr)]


class _Message(ctypes.Structure):  # pjsip_msg: its type, then line.req.method
    _fields_ = [("type", ctypes.c_int), ("method", _Method)]


class _StringHeader(ctypes.Structure):  # pjsip_generic_string_hdr
    _fields_ = [("prev", ctypes.c_void_p), ("next", ctypes.c_void_p), ("type", ctypes.c_int),
                ("name", _PjStr), ("sname", _PjStr), ("vptr", ctypes.c_void_p),
                ("hvalue", _PjStr)]


_PACKET_AT = _RxData.pkt_info.offset + _PktInfo.packet.offset
_SRC_NAME_AT = _RxData.pkt_info.offset + _PktInfo.src_name.offset
_SRC_PORT_AT = _RxData.pkt_info.offset + _PktInfo.src_port.offset
_MSG_BUF_AT = _RxData.msg_info.offset + _MsgInfo.msg_buf.offset
_MSG_LEN_AT = _RxData.msg_info.offset + _MsgInfo.len.offset
_MSG_AT = _RxData.msg_info.offset + _MsgInfo.msg.offset
_METHOD_ID_AT = _Message.method.offset + _Method.id.offset
_read_pointer = ctypes.c_void_p.from_address
_read_int = ctypes.c_int.from_address
_TOKEN = re.compile(rb"[A-Za-z0-9.!%*_+`'~-]{1,20}")


class RefusalLog:
    """One line per refused request, peer host only (a From or To carries a
    caller's number), at most LOG_LINES_PER_WINDOW lines per LOG_WINDOW_S;
    beyond that a flood is counted and summed up in one line."""

    def __init__(self) -> None:
        self.lines = LOG_LINES_PER_WINDOW
        self.window_s = LOG_WINDOW_S
        self._window_ends = 0.0
        self._written = 0
        self.suppressed = 0
        self._hosts: set[str] = set()

    def refused(self, method: str, host: str, status: int, why: str) -> None:
        now = time.monotonic()
        if now >= self._window_ends:
            self._close_window()
            self._window_ends = now + self.window_s
        if self._written < self.lines:
            self._written += 1
            log.warning("softphone: refused %s from %s: %d (%s)", method, host, status, why)
            return
        self.suppressed += 1
        if len(self._hosts) < _MAX_HOSTS_COUNTED:
            self._hosts.add(host)

    def tick(self) -> None:
        """After each poll: a window that ended with requests left unlogged
        says how many, without waiting for the next refusal."""
        if self.suppressed and time.monotonic() >= self._window_ends:
            self._close_window()

    def _close_window(self) -> None:
        if self.suppressed:
            hosts = len(self._hosts)
            log.warning("softphone: %d more requests refused in %.0f s from %s host%s, "
                        "not logged one by one", self.suppressed, self.window_s,
                        f"{hosts}+" if hosts >= _MAX_HOSTS_COUNTED else hosts,
                        "" if hosts == 1 else "s")
        self._written = self.suppressed = 0
        self._hosts.clear()


class RequestFilter:
    """The pjsip module and what it needs; alive until after libDestroy(),
    which unregisters the module (C holds pointers into this object)."""

    def __init__(self, allowed: PeerAllowList, library: ctypes.CDLL, endpoint: int) -> None:
        self.peers = allowed
        self.refusals = RefusalLog()
        self.allow = FALLBACK_ALLOW
        self._library = library
        self._endpoint = endpoint
        self._layout_ok: bool | None = None
        self._callback = _RxRequest(self._on_rx_request)
        self._name = ctypes.create_string_buffer(b"mod-desk-sip-hygiene")
        self.module = _Module(name=_PjStr.over(self._name), id=-1,
                              priority=MODULE_PRIORITY, on_rx_request=self._callback)
        self._allow_name = ctypes.create_string_buffer(b"Allow")
        self._allow_value = ctypes.create_string_buffer(b"")
        self._allow_header = _StringHeader()
        self._allow_list = _StringHeader()  # the list head pjsip walks, holding the one header

    def register(self) -> None:
        self.allow = self._stack_allow() or FALLBACK_ALLOW
        self._allow_value = ctypes.create_string_buffer(self.allow.encode("ascii"))
        name, value = _PjStr.over(self._allow_name), _PjStr.over(self._allow_value)
        self._library.pjsip_generic_string_hdr_init2(ctypes.byref(self._allow_header),
                                                     ctypes.byref(name), ctypes.byref(value))
        head, header = ctypes.addressof(self._allow_list), ctypes.addressof(self._allow_header)
        self._allow_list.prev = self._allow_list.next = header
        self._allow_header.prev = self._allow_header.next = head
        status = self._library.pjsip_endpt_register_module(self._endpoint,
                                                           ctypes.byref(self.module))
        if status != 0:
            raise OSError(f"pjsip_endpt_register_module failed (status {status})")

    def _stack_allow(self) -> str:
        """The Allow header pjsua puts in its own 200 to OPTIONS: the 405
        names the same methods."""
        header = self._library.pjsip_endpt_get_capability(self._endpoint, _HEADER_ALLOW, None)
        if not header:
            return ""
        text = ctypes.create_string_buffer(512)
        length = self._library.pjsip_hdr_print_on(header, text, len(text))
        name, _, value = text.raw[:max(length, 0)].decode("ascii", "replace").partition(":")
        return value.strip() if name.strip().lower() == "allow" else ""

    # -------------------------------------------------- on the SIP thread

    def _on_rx_request(self, rdata: int | None) -> int:
        try:
            if self._layout_ok is not True:
                if not self._layout_holds(rdata):
                    return _PASS
            message = _read_pointer(rdata + _MSG_AT).value
            method = _read_int(message + _METHOD_ID_AT).value
            if method == _INVITE or method == _ACK:
                return _PASS
            return self._screen(rdata, message, method)
        except Exception:  # noqa: BLE001 - nothing may unwind into pjsip
            log.exception("softphone: screening a SIP request failed; letting it through")
            return _PASS

    def _screen(self, rdata: int, message: int, method: int) -> int:
        host = _source_host(rdata).decode("ascii", "replace")
        if method == _REGISTER:
            self._respond(rdata, METHOD_NOT_ALLOWED, self._allow_list)
            self.refusals.refused("REGISTER", host, METHOD_NOT_ALLOWED, "this desk is no registrar")
            return _HANDLED
        if self.peers.allows(host):
            return _PASS
        self._respond(rdata, FORBIDDEN, None)
        self.refusals.refused(_method_name(message), host, FORBIDDEN, "not in sip.allowed_peers")
        return _HANDLED

    def _respond(self, rdata: int, status: int, headers: ctypes.Structure | None) -> None:
        self._library.pjsip_endpt_respond_stateless(
            self._endpoint, rdata, status, None,
            None if headers is None else ctypes.byref(headers), None)

    def _layout_holds(self, rdata: int | None) -> bool:
        """The struct offsets against one real request; decided once. The
        message is read only once the fields before it are right."""
        if self._layout_ok is False or not rdata:
            return False
        holds = _rx_data_holds(rdata) and _message_holds(rdata)
        self._layout_ok = holds
        if not holds:
            log.error("softphone: this pjsip build lays out received requests differently; "
                      "OPTIONS, MESSAGE and REGISTER are left to pjsua (sip.allowed_peers "
                      "still screens INVITEs)")
        return holds


def _rx_data_holds(rdata: int) -> bool:
    packet = rdata + _PACKET_AT
    message_start = _read_pointer(rdata + _MSG_BUF_AT).value or 0
    length = _read_int(rdata + _MSG_LEN_AT).value
    port = _read_int(rdata + _SRC_PORT_AT).value
    if not (packet <= message_start < packet + PJSIP_MAX_PKT_LEN
            and 0 < length <= PJSIP_MAX_PKT_LEN and 0 < port < 65536):
        return False
    try:
        ipaddress.ip_address(_source_host(rdata).decode("ascii"))
    except ValueError:
        return False
    return bool(_read_pointer(rdata + _MSG_AT).value)


def _message_holds(rdata: int) -> bool:
    """A request whose method, as parsed, is the word its request line starts with."""
    message_start = _read_pointer(rdata + _MSG_BUF_AT).value
    length = _read_int(rdata + _MSG_LEN_AT).value
    message = _Message.from_address(_read_pointer(rdata + _MSG_AT).value)
    name = message.method.name
    if not (message.type == _REQUEST_MSG and _INVITE <= message.method.id <= _OTHER
            and name.ptr and 0 < name.slen < min(length, 64)):
        return False
    return ctypes.string_at(name.ptr, name.slen) == ctypes.string_at(message_start, name.slen)


def _source_host(rdata: int) -> bytes:
    return ctypes.string_at(rdata + _SRC_NAME_AT, PJ_INET6_ADDRSTRLEN).partition(b"\0")[0]


def _method_name(message: int) -> str:
    """The request's method as sent, for the log: a token, cut short."""
    name = _Message.from_address(message).method.name
    raw = ctypes.string_at(name.ptr, min(max(name.slen, 0), 20)) if name.ptr else b""
    return raw.decode("ascii") if _TOKEN.fullmatch(raw) else "request"


def install(allowed_peers: tuple[str, ...]) -> RequestFilter | None:
    """Register the module with the running endpoint (after libStart(),
    before the first poll: pjsua's capabilities are all known by then).
    None, and a logged error, where this pjsip cannot take it."""
    try:
        library = _bind(ctypes.CDLL(pj._pjsua2.__file__))
        endpoint = library.pjsua_get_pjsip_endpt()
        if not endpoint:
            raise OSError("pjsua has no endpoint")
        request_filter = RequestFilter(PeerAllowList(allowed_peers), library, endpoint)
        request_filter.register()
    except (AttributeError, OSError) as exc:
        log.error("softphone: requests other than INVITE are not screened (%s); pjsua answers "
                  "them as it always did", exc)
        return None
    return request_filter


def _bind(library: ctypes.CDLL) -> ctypes.CDLL:
    pointer, size = ctypes.c_void_p, ctypes.c_size_t
    for name, result, arguments in (
            ("pjsua_get_pjsip_endpt", pointer, []),
            ("pjsip_endpt_register_module", ctypes.c_int, [pointer, pointer]),
            ("pjsip_endpt_get_capability", pointer, [pointer, ctypes.c_int, pointer]),
            ("pjsip_hdr_print_on", ctypes.c_int, [pointer, ctypes.c_char_p, size]),
            ("pjsip_generic_string_hdr_init2", None, [pointer, pointer, pointer]),
            ("pjsip_endpt_respond_stateless", ctypes.c_int,
             [pointer, pointer, ctypes.c_int, pointer, pointer, pointer])):
        function = getattr(library, name)
        function.restype, function.argtypes = result, arguments
    return library

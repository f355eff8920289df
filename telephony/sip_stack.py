"""pjsua2 itself: the endpoint, its transport, the account, call objects.

Everything here runs on the engine's thread (the one that called
libCreate). pjsua2 calls back into Python through SWIG directors; an
exception escaping a callback would unwind into C++, so every callback
is wrapped and logged. The subclasses only forward to the engine's hooks.
"""
from __future__ import annotations

import gc
import logging
import weakref
from collections import deque
from typing import Any, Protocol

import pjsua2 as pj

from telephony import sip_hygiene, sip_log
from telephony.settings import SipConfig

log = logging.getLogger(__name__)
POLL_MS = 5
# Call slots pjsua keeps beyond the desk's own sip.max_calls: a call over
# the limit still reaches onIncomingCall, so the desk writes it down before
# its 486. pjsua's own 486 (no free slot) is sent before the desk hears of
# the call at all, and a crash right after it would lose the caller. One is
# enough: a rejected call's slot is free again before the next INVITE is
# read (measured: 10 INVITEs within 0.5 ms, all reached onIncomingCall).
SPARE_CALL_SLOTS = 1


class SipStackError(Exception):
    """pjsua2 could not start (port taken, bad address); the message says why."""


def describe_error(exc: BaseException) -> str:
    """One line for a pj.Error or any exception, without keeping it alive."""
    info = getattr(exc, "info", None)
    if callable(info):
        try:
            return info().strip().splitlines()[0]
        except Exception:  # noqa: BLE001
            pass
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def detached(exc: BaseException) -> BaseException:
    """The exception to hand to another thread: no traceback, no chained
    exceptions. A traceback keeps frames, and frames keep pj objects (a
    pj.Call, the Endpoint) alive past libDestroy(), which aborts."""
    if isinstance(exc, pj.Error):
        exc = RuntimeError(describe_error(exc))
    exc.__traceback__ = None
    exc.__context__ = exc.__cause__ = None
    return exc


class StackHooks(Protocol):
    def incoming_call(self, account: DeskAccount, prm: Any) -> None: ...
    def rejected_call(self, prm: Any) -> None: ...
    def call_state(self, call: DeskCall) -> None: ...
    def call_media_state(self, call: DeskCall) -> None: ...


def _guarded(name: str, hook, *args) -> None:
    try:
        hook(*args)
    except Exception:  # noqa: BLE001 - nothing may unwind into pjsua
        log.exception("softphone: %s handler failed", name)


class DeskEndpoint(pj.Endpoint):
    def __init__(self, hooks: StackHooks) -> None:
        super().__init__()
        self._hooks = hooks

    def onRejectedIncomingCall(self, prm) -> None:  # noqa: N802 - pjsua2 names
        _guarded("rejected call", self._hooks.rejected_call, prm)


class DeskAccount(pj.Account):
    def __init__(self, hooks: StackHooks) -> None:
        super().__init__()
        self._hooks = hooks

    def onIncomingCall(self, prm) -> None:  # noqa: N802
        _guarded("incoming call", self._hooks.incoming_call, self, prm)

    def onRegState(self, prm) -> None:  # noqa: N802
        # A refused or unanswered REGISTER must show in a headless desk's log
        # (WARNING); the desk keeps running and pjsua retries later.
        if 200 <= prm.code < 300:
            log.info("softphone: registration %s %s (expires %s s)", prm.code, prm.reason,
                     prm.expiration)
        else:
            log.warning("softphone: registration failed: %s %s", prm.code, prm.reason)


# Every DeskCall alive, so shutdown can prove none outlives libDestroy().
LIVE_CALLS: weakref.WeakSet[DeskCall] = weakref.WeakSet()


class DeskCall(pj.Call):
    def __init__(self, hooks: StackHooks, account: pj.Account,
                 call_index: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(account, call_index)
        self._hooks = hooks
        self.key = ""  # the SIP Call-ID, set once known
        LIVE_CALLS.add(self)

    def onCallState(self, prm) -> None:  # noqa: N802
        _guarded("call state", self._hooks.call_state, self)

    def onCallMediaState(self, prm) -> None:  # noqa: N802
        _guarded("call media", self._hooks.call_media_state, self)


class SipStack:
    """Owns the Endpoint and the account; build and destroy on one thread."""

    def __init__(self, config: SipConfig, hooks: StackHooks) -> None:
        self.config = config
        self.endpoint = DeskEndpoint(hooks)
        self.account: DeskAccount | None = None
        self.dropped_invites: deque = deque()
        self._log_gate: sip_log.PjlibLevelGate | None = None
        # Screens requests other than INVITE (telephony/sip_hygiene.py); C
        # holds pointers into it, so it is dropped only after libDestroy().
        self.request_filter: sip_hygiene.RequestFilter | None = None
        self._created = False
        self._hooks = hooks
        try:
            self._start()
            return
        except Exception as exc:  # noqa: BLE001 - re-raised below, without its frames
            failure = describe_error(exc)
        # Out of the except block the traceback is gone, and with it the SWIG
        # frames that still reference the Endpoint; only now can it be freed.
        self.destroy()
        raise SipStackError(failure)

    def _start(self) -> None:
        config = self.config
        self.endpoint.libCreate()
        self._created = True
        ep_config = pj.EpConfig()
        # Measured on the wheel we ship: one thread polls, callbacks come on it.
        ep_config.uaConfig.threadCnt = 0
        ep_config.uaConfig.mainThreadOnly = True
        ep_config.uaConfig.maxCalls = config.max_calls + SPARE_CALL_SLOTS
        ep_config.uaConfig.userAgent = "SafeCommunityDesk"
        # No voice-activity detection on what the desk sends. Speex (pjsua's
        # first choice when the peer offers it) takes a steady sound for
        # background noise: a steady tone from the operator's headset reached
        # the far end as half-second bursts with comfort noise between.
        # An emergency line is worth the few kbit/s of silence it saves.
        ep_config.medConfig.noVad = True
        self.dropped_invites, self._log_gate = sip_log.install(ep_config, config.log_level)
        self.endpoint.libInit(ep_config)
        # The wheel has no sound devices: the null device clocks the bridge.
        self.endpoint.audDevManager().setNullDev()
        transport_config = pj.TransportConfig()
        transport_config.port = config.port
        transport_config.boundAddress = config.host
        kind = pj.PJSIP_TRANSPORT_TCP if config.transport == "tcp" else pj.PJSIP_TRANSPORT_UDP
        if ":" in config.host:
            kind = pj.PJSIP_TRANSPORT_TCP6 if config.transport == "tcp" else pj.PJSIP_TRANSPORT_UDP6
        self.endpoint.transportCreate(kind, transport_config)
        self.endpoint.libStart()
        self.account = DeskAccount(self._hooks)
        self.account.create(self._account_config(), True)
        self.request_filter = sip_hygiene.install(config.allowed_peers)

    def _account_config(self) -> pj.AccountConfig:
        config = self.config
        account_config = pj.AccountConfig()
        host = f"[{config.host}]" if ":" in config.host else config.host
        user = config.username or config.desk_name.replace(" ", "_") or "desk"
        if config.registrar:
            domain = config.registrar.split(":", 1)[1].split(";", 1)[0]
            account_config.idUri = f"sip:{user}@{domain}"
            account_config.regConfig.registrarUri = config.registrar
            if config.username:
                account_config.sipConfig.authCreds.append(
                    pj.AuthCredInfo("digest", config.realm, config.username, 0, config.password))
        else:
            account_config.idUri = f"sip:{user}@{host}:{config.port}"
        if config.transport == "tcp":
            account_config.idUri += ";transport=tcp"
        if config.host not in ("0.0.0.0", "::"):
            # RTP on the address SIP listens on: pjsua would otherwise offer the
            # first network interface, unreachable for a loopback-only desk.
            account_config.mediaConfig.transportConfig.boundAddress = config.host
        return account_config

    def poll(self, timeout_ms: int = POLL_MS) -> None:
        self.endpoint.libHandleEvents(timeout_ms)
        if self._log_gate is not None:
            self._log_gate.quiet_down()
        if self.request_filter is not None:
            self.request_filter.refusals.tick()

    def poll_now(self) -> None:
        """Handle whatever already arrived (an INVITE, say), without waiting."""
        self.endpoint.libHandleEvents(0)

    def hangup_all(self) -> None:
        self.endpoint.hangupAllCalls()

    def destroy(self) -> None:
        """Tear down. Every DeskCall, recorder and port must be released by
        the caller first: a pj object alive after libDestroy() aborts."""
        if self.account is not None:
            try:
                self.account.shutdown()
            except Exception:  # noqa: BLE001
                log.exception("softphone: account shutdown failed")
            self.account = None
        gc.collect()
        for leftover in list(LIVE_CALLS):
            # Last resort: disown the C++ object so its destructor never runs
            # against a destroyed library (a leak instead of an abort).
            log.error("softphone: a call object outlived its call; leaking it")
            leftover.thisown = False
        if self._created:
            self._created = False
            # Calls are already hung up by the engine; without a registrar to
            # unregister from, pjsua's one-second wait for replies buys nothing.
            flags = 0 if self.config.registrar else pj.PJSUA_DESTROY_NO_NETWORK
            self.endpoint.libDestroy(flags)
        self.request_filter = None
        # Drop the endpoint here, on this thread, and break the hooks cycle:
        # pjsua2's Endpoint is a singleton, and a leftover instance makes the
        # next libCreate() in this process abort.
        endpoint, self.endpoint = self.endpoint, None
        if endpoint is not None:
            endpoint._hooks = None
        del endpoint

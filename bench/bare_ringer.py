"""The baseline for the intake bench: pjsua2 that only rings.

Same wheel, same threading (threadCnt 0, mainThreadOnly, one polling
thread) as the desk, but no database, no Qt, no parsing: 180 Ringing
straight from onIncomingCall, then 200 OK if the INVITE says
"X-Bench-Plan: answer" (so SIPp's surge scenario runs unchanged against
both). What the desk adds on top of this is the cost of logging a call.

    python -m bench.bare_ringer --listen 127.0.0.1:5070
Prints "ready" once listening; stops cleanly on SIGTERM/SIGINT.
"""
from __future__ import annotations

import argparse
import gc
import signal
import sys

import pjsua2 as pj

calls: dict[int, pj.Call] = {}
finished: list[pj.Call] = []


class RingingCall(pj.Call):
    def onCallState(self, prm) -> None:  # noqa: N802 - pjsua2 callback
        try:
            info = self.getInfo()
            if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
                finished.append(calls.pop(info.id, self))
        except Exception:  # noqa: BLE001 - never unwind into pjsua
            pass


class RingingAccount(pj.Account):
    def onIncomingCall(self, prm) -> None:  # noqa: N802
        try:
            call = RingingCall(self, prm.callId)
            calls[prm.callId] = call
            ringing = pj.CallOpParam()
            ringing.statusCode = 180
            call.answer(ringing)
            if "X-Bench-Plan: answer" in prm.rdata.wholeMsg:
                answer = pj.CallOpParam()
                answer.statusCode = 200
                call.answer(answer)
        except Exception:  # noqa: BLE001
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:5070")
    args = parser.parse_args(argv)
    host, _, port = args.listen.rpartition(":")
    stop = []
    for name in ("SIGINT", "SIGTERM"):
        signal.signal(getattr(signal, name), lambda *_: stop.append(True))

    endpoint = pj.Endpoint()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0
    config.uaConfig.mainThreadOnly = True
    config.logConfig.level = 1
    config.logConfig.consoleLevel = 1
    endpoint.libInit(config)
    endpoint.audDevManager().setNullDev()
    transport = pj.TransportConfig()
    transport.port = int(port)
    transport.boundAddress = host
    endpoint.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
    endpoint.libStart()
    account_config = pj.AccountConfig()
    account_config.idUri = f"sip:ringer@{host}:{port}"
    account_config.mediaConfig.transportConfig.boundAddress = host
    account = RingingAccount()
    account.create(account_config, True)
    print("ready", flush=True)
    while not stop:
        endpoint.libHandleEvents(5)
        finished.clear()
    endpoint.hangupAllCalls()
    for _ in range(20):
        endpoint.libHandleEvents(10)
        finished.clear()
    calls.clear()
    account.shutdown()
    del account
    gc.collect()
    endpoint.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)
    del endpoint
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A caller in a process of its own: dials the desk, records what the desk
sends it to a WAV file, hangs up, exits.

pjsua2 allows one Endpoint per process and the desk's engine has the test
process's, so the far end that must *hear* the operator runs here (SIPp
can play RTP but not record it).

    python tests/far_end.py --desk 127.0.0.1:5070 --wav heard.wav --seconds 3

The far end offers one codec only, G.711 A-law by default, as a trunk from
the telephone network would; pjsua's favourite, Speex, has a voice
detector that takes a steady test tone for background noise.

The recording starts when the call's audio is up and lasts `--seconds`.
The last line on stdout is JSON: {"answered": bool, "recorded_s": float,
"reason": str}. Exit status 0 only if the call was answered and recorded.
"""
from __future__ import annotations

import argparse
import gc
import json
import sys
import time

import pjsua2 as pj


class FarEndCall(pj.Call):
    def __init__(self, account: pj.Account, recorder: pj.AudioMediaRecorder) -> None:
        super().__init__(account)
        self.recorder = recorder
        self.answered = False
        self.disconnected = False
        self.media_since: float | None = None
        self.reason = ""

    def onCallState(self, prm) -> None:  # noqa: N802 - pjsua2 names
        try:
            info = self.getInfo()
            if info.state == pj.PJSIP_INV_STATE_CONFIRMED:
                self.answered = True
            elif info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
                self.disconnected = True
                self.reason = f"{info.lastStatusCode} {info.lastReason}"
        except Exception as exc:  # noqa: BLE001 - nothing may unwind into pjsua
            self.reason = f"state callback failed: {exc}"

    def onCallMediaState(self, prm) -> None:  # noqa: N802
        try:
            info = self.getInfo()
            for index, media in enumerate(info.media):
                audio_up = (media.type == pj.PJMEDIA_TYPE_AUDIO
                            and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE)
                if audio_up:
                    self.getAudioMedia(index).startTransmit(self.recorder)
                    if self.media_since is None:
                        self.media_since = time.monotonic()
        except Exception as exc:  # noqa: BLE001
            self.reason = f"media callback failed: {exc}"


def call_and_record(desk: str, wav: str, seconds: float, line: str, timeout_s: float,
                    codec: str) -> dict:
    endpoint = pj.Endpoint()
    endpoint.libCreate()
    try:
        config = pj.EpConfig()
        config.uaConfig.threadCnt = 0
        config.uaConfig.mainThreadOnly = True
        config.logConfig.level = 1
        config.logConfig.consoleLevel = 1
        endpoint.libInit(config)
        endpoint.audDevManager().setNullDev()  # the wheel has no sound devices
        transport = pj.TransportConfig()
        transport.boundAddress = "127.0.0.1"
        endpoint.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
        endpoint.libStart()
        for info in endpoint.codecEnum2():
            endpoint.codecSetPriority(info.codecId, 255 if info.codecId.startswith(codec) else 0)
        return _run_call(endpoint, desk, wav, seconds, line, timeout_s)
    finally:
        gc.collect()  # every pj object must be gone before libDestroy()
        endpoint.libDestroy()


def _run_call(endpoint: pj.Endpoint, desk: str, wav: str, seconds: float, line: str,
              timeout_s: float) -> dict:
    account_config = pj.AccountConfig()
    account_config.idUri = "sip:081234567890@127.0.0.1"
    account_config.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
    account = pj.Account()
    account.create(account_config)
    recorder = pj.AudioMediaRecorder()
    recorder.createRecorder(wav)
    call = FarEndCall(account, recorder)
    call.makeCall(f"sip:{line}@{desk}", pj.CallOpParam(True))
    deadline = time.monotonic() + timeout_s
    hung_up = False
    while not call.disconnected and time.monotonic() < deadline:
        endpoint.libHandleEvents(10)
        heard_enough = (call.media_since is not None
                        and time.monotonic() - call.media_since >= seconds)
        if heard_enough and not hung_up:
            call.hangup(pj.CallOpParam(True))
            hung_up = True
    if not call.disconnected:
        endpoint.hangupAllCalls()
        for _ in range(50):
            endpoint.libHandleEvents(10)
    recorded = time.monotonic() - call.media_since if call.media_since is not None else 0.0
    result = {"answered": call.answered, "recorded_s": round(min(recorded, seconds + 1), 2),
              "reason": call.reason or "timed out"}
    # The WAV header gets its sizes when the recorder is destroyed.
    del call, recorder
    gc.collect()
    for _ in range(5):
        endpoint.libHandleEvents(10)
    account.shutdown()
    del account
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desk", required=True, help="HOST:PORT of the desk's SIP account")
    parser.add_argument("--wav", required=True, help="where to record what the desk sends")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--line", default="0361223333", help="the number dialled")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--codec", default="PCMA/8000", help="the only codec offered")
    args = parser.parse_args(argv)
    result = call_and_record(args.desk, args.wav, args.seconds, args.line, args.timeout,
                             args.codec)
    print(json.dumps(result), flush=True)
    return 0 if result["answered"] and result["recorded_s"] >= args.seconds * 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())

"""The local connection between the desk's telephony engine (`safedesk
serve`, its own process) and its windows.

Why a process boundary: in one process the window's Python competed with
the SIP thread for the GIL, and calls rang 5-7x slower with the window
open. Now the window holds an `EngineClient` (client.py) that looks like
the engine; `LinkServer` (server.py) serves it from the engine's process.

    place.py    one engine per data directory: lock, engine.json, address
    wire.py     the frames (a tag byte, then JSON or stamped PCM); no pickle
    server.py   the engine's side; relay.py: the headset's audio, both sides
    client.py   the window's side; launch.py starts an engine for a window
    control.py  `safedesk engine status|stop`

Nothing here imports pjsua2 or Qt at import time: the window imports it.
"""

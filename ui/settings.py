"""Settings of the desk window, declared once in the desk's registry.

`ui.language` is a core key (dispatch/settings.py) because the CLI reads it too.
"""
from __future__ import annotations

from dispatch.enums import Role
from dispatch.settings import declare

ROLE = declare("ui.role", str, Role.CALL_TAKER.value,
               "Role layout the desk opens with when it remembers none",
               choices=tuple(role.value for role in Role))
MAP_ENABLED = declare("ui.map", bool, True,
                      "Show the live map panel; off shows a placeholder (no QtWebEngine)")
POLL_INTERVAL_S = declare("ui.poll_interval_s", int, 15,
                          "Boards also re-read the database this often, to pick up changes "
                          "other desks made; 0 turns the safety poll off")
REFRESH_DELAY_MS = declare("ui.refresh_delay_ms", int, 60,
                           "Change events that arrive within this many milliseconds cause "
                           "one refresh")
RING_TONE = declare("ui.ring_tone", bool, True,
                    "Play a ring tone on this computer's speaker while a call rings")
RING_VOLUME = declare("ui.ring_volume", int, 70,
                      "Loudness of the ring tone, 0-100 (a third of it while talking on a call)")

"""The Calls panel and the phone behind it: ringing calls, the active
call and the callback list; the softphone bridge that turns the telephony
engine's events into Qt signals on the GUI thread; starting and linking
the engine; and the engine's state in the status bar."""

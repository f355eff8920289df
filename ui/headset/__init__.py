"""The operator's headset: the call's audio on a Qt Multimedia device.
The bridge (HeadsetBridge) faces the window, the pump moves the audio
between the softphone's pipes and the sound devices on a thread of its
own, and pcm converts between the pipes' format and a device's."""

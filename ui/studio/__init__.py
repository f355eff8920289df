"""The studio: the presenter's reading view of a bulletin with its on-air
lamp, and the link to the on-air relay (OnAirLink) that one thread owns."""

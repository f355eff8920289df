"""Widgets more than one feature uses: the keyed table model and view
every board shows its rows in, the message line under a panel, what the
incident and complaint forms share (DeskForm) and the location picker both
forms put their place in."""

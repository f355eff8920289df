"""Halo Denpasar complaints: the complaint form, the complaints board with
its search row and ticket detail pane, the supervisor's agency editor, the
words people read for complaint values (labels), and the plain-data reads
they all show (snapshots)."""

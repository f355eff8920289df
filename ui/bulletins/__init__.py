"""The radio staff's bulletins: the editor that turns complaint tickets
into a bulletin (panel, its tables and the reading-text editor) and the
plain-data reads it shows (snapshots)."""

"""The emergency side's incidents: the incident form a call-taker fills
in while the caller talks, the incidents and units boards, the panel
that ranks units for the selected incident and assigns one, and the
incident detail dock (the incident whole: notes, corrections, closing)."""

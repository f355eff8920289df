"""Qt plumbing the whole window shares: the one hop onto the GUI thread,
the serial background runners (DbWorker, BackgroundRunner), live language
switching, the coalesced change feed from the domain, batch draining with a
time budget, the event-loop stall monitor, and a virtual X display for the
real window in tests and benches. No panel lives here."""

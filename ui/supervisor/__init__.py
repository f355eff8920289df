"""The supervisor's panel: the figures of today, this week or this month,
their charts, each standard met or missed, and the monthly report."""

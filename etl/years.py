"""The calendar years Liandong deals in, for ledger dates and report periods alike.

A date outside them is a typing error in a ledger (0025-03-05, 2205-03-05); a period outside them has
no data and, near year 1, no "same period last year" to compare with.
"""

from __future__ import annotations

EARLIEST_YEAR, LATEST_YEAR = 1980, 2100

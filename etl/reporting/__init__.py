"""填报: what liaison officers report back on their own unit's ledger rows, and the office's side of it
(what is due, reminders, conflicts with later ledgers). Every write checks the reporter's scope through
``etl.access`` and is written to the audit log in the same transaction
(docs/decisions/0013-liaison-reports-beside-the-ledger.md)."""

"""Accounts, roles and scopes, login sessions, display tokens and the ranking-names setting.

Everything here works on a SQLAlchemy connection and never on Streamlit: the dashboard, the CLI and
the briefing enforce the same rules. The audit log is ``etl.audit`` (the importer and the indicator
layer write to it without depending on accounts); what a viewer may see is ``etl.access``.
"""

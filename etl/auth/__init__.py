"""Accounts, roles and scopes, display tokens and the audit log.

Everything here works on a SQLAlchemy connection and never on Streamlit: the dashboard, the CLI and
the briefing enforce the same rules.
"""

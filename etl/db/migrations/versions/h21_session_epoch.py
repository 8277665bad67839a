"""user_account.session_epoch: a counter that ends every open session of an account when it changes

A login cookie (etl/auth/sessions.py) is signed over the account's session epoch, and the dashboard
re-checks it on every page run; logging out, disabling, enabling and resetting a password add one, so
a copied cookie and an open tab of that account stop working at once.

Revision ID: h21_session_epoch
Revises: h17b_reporting
Create Date: 2026-12-06 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'h21_session_epoch'
down_revision = 'h17b_reporting'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('user_account') as batch:
        batch.add_column(sa.Column('session_epoch', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('user_account') as batch:
        batch.drop_column('session_epoch')

"""The window: consultations added by hand (refresh provenance and view state are settings).

Mirrors SQLite migration 0007; keep the two in step.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SQL = """
CREATE TABLE manual_consultations (
    consultation_id  bigint PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    authority        text NOT NULL DEFAULT '',
    added_by         text NOT NULL DEFAULT '',
    added_at         timestamptz NOT NULL
);
"""


def upgrade() -> None:
    op.execute(SQL)

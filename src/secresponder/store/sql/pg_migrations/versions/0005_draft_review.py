"""Who saved each version, the version a save started from, conflicts kept, note authors.

Mirrors SQLite 0005.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SQL = """
ALTER TABLE draft_versions ADD COLUMN author text NOT NULL DEFAULT '';
ALTER TABLE draft_versions ADD COLUMN base_version integer;
ALTER TABLE draft_versions ADD COLUMN conflict boolean NOT NULL DEFAULT false;
ALTER TABLE notes ADD COLUMN author text NOT NULL DEFAULT '';
"""


def upgrade() -> None:
    op.execute(SQL)

"""${message}

Mirrors SQLite migration ${up_revision} (same number): keep the two in step.
"""

from alembic import op

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None

SQL = """
"""


def upgrade() -> None:
    op.execute(SQL)

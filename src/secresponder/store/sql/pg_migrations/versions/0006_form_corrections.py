"""Response forms: corrections to what the reader found, by the form's checksum.

Mirrors SQLite migration 0006, which adds nothing to the schema yet; keep the two in step.
"""

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass

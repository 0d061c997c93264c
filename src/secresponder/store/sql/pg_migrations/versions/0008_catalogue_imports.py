"""Catalogue imports: duplicate entries and listing provenance.

Mirrors SQLite migration 0008, which adds nothing to the schema yet; keep the two in step.
"""

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass

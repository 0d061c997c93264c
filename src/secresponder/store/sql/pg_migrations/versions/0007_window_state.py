"""The window: consultations added by hand, refresh provenance, view state.

Mirrors SQLite migration 0007, which adds nothing to the schema yet; keep the two in step.
"""

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass

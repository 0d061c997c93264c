"""The workspace's tables as SQLAlchemy Core metadata: one description for both backends.

Repositories written against these tables run unchanged on a folder (SQLite) and on a
team database (PostgreSQL). The shapes must agree with what the migrations create on
each backend (``store/migrations/*.sql`` for SQLite, ``pg_migrations`` for PostgreSQL);
``tests/store/test_sql_schema.py`` compares them.

Only PostgreSQL has ``stored_files``: a folder keeps attached documents and response
forms as files named by checksum, a team database keeps them here, once per checksum.
The full-text index is each backend's own (FTS5 on SQLite, ``tsvector`` on PostgreSQL)
and is written by triggers, so it is not described here.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)

from secresponder.store.sql.types import Id, Instant, IsoDate, Json

metadata = MetaData()


def _id() -> Column:
    return Column("id", Id, Identity(), primary_key=True)


def _parent(name: str, table: str) -> Column:
    return Column(name, Id, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False)


# --- 0001: the catalogue ------------------------------------------------------------

consultations = Table(
    "consultations", metadata,
    _id(),
    Column("key", Text, nullable=False, unique=True),
    Column("reference", Text),
    Column("title", Text, nullable=False),
    Column("kind", Text),
    Column("closes_at", Instant, nullable=False),
    Column("summary", Text, nullable=False, server_default=""),
    Column("audience", Json, nullable=False, server_default=text("'[]'")),
    Column("party_categories", Json, nullable=False, server_default=text("'[]'")),
    Column("documents", Json, nullable=False, server_default=text("'[]'")),
    Column("respond_to", Text, nullable=False),
    Column("respond_to_assumed", Boolean, nullable=False, server_default=false()),
    Column("subject", Text),
    Column("questions_contact", Text),
    Column("source", Text),
    Column("listed", Boolean, nullable=False, server_default=true()),
    Column("first_seen", Instant, nullable=False),
    Column("last_seen", Instant, nullable=False),
    Index("consultations_reference", "reference"),
    Index("consultations_closes_at", "closes_at"),
)

deadline_changes = Table(
    "deadline_changes", metadata,
    _id(),
    _parent("consultation_id", "consultations"),
    Column("old_closes_at", Instant, nullable=False),
    Column("new_closes_at", Instant, nullable=False),
    Column("seen_at", Instant, nullable=False),
    Index("deadline_changes_consultation", "consultation_id"),
)

releases = Table(
    "releases", metadata,
    _id(),
    Column("version", Text, nullable=False, unique=True),
    Column("effective", IsoDate, nullable=False),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False, server_default=""),
    Column("source", Text),
    Column("first_seen", Instant, nullable=False),
    Column("last_seen", Instant, nullable=False),
)

release_modifications = Table(
    "release_modifications", metadata,
    Column("release_id", Id, ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("reference", Text, nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Index("release_modifications_reference", "reference"),
)

release_affected = Table(
    "release_affected", metadata,
    Column("release_id", Id, ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("document", Text, nullable=False),
    Column("name", Text, nullable=False, server_default=""),
)

settings = Table(
    "settings", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Json, nullable=False),
)

imports = Table(
    "imports", metadata,
    _id(),
    Column("source", Text, nullable=False),
    Column("page_kind", Text, nullable=False),
    Column("page_format", Text, nullable=False),
    Column("imported_at", Instant, nullable=False),
    Column("summary", Json, nullable=False, server_default=text("'{}'")),
)

# --- 0002 and 0005: drafts and their versions ----------------------------------------

drafts = Table(
    "drafts", metadata,
    _id(),
    Column("consultation_id", Id, ForeignKey("consultations.id", ondelete="CASCADE"),
           nullable=False, unique=True),
    Column("status", Text, nullable=False, server_default="Drafting"),
    Column("sent_on", IsoDate),
    Column("owner", Text, nullable=False, server_default=""),
    Column("reviewer", Text, nullable=False, server_default=""),
    Column("current_version", Integer, nullable=False, server_default="0"),
    Column("snapshot", Json, nullable=False),
    Column("updated_at", Instant(local=True), nullable=False),
)

draft_versions = Table(
    "draft_versions", metadata,
    Column("draft_id", Id, ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("saved_at", Instant(local=True), nullable=False),
    Column("summary", Text, nullable=False),
    Column("snapshot", Json, nullable=False),
    Column("author", Text, nullable=False, server_default=""),
    Column("base_version", Integer),
    Column("conflict", Boolean, nullable=False, server_default=false()),
)

# --- 0003: documents, notes -----------------------------------------------------------

documents = Table(
    "documents", metadata,
    _id(),
    Column("sha256", Text, nullable=False, unique=True),
    Column("format", Text, nullable=False),
    Column("size", Id, nullable=False),
    Column("stored_name", Text, nullable=False),
    Column("title", Text),
    Column("pages", Integer),
    Column("text_chars", Id, nullable=False, server_default="0"),
    Column("added_at", Instant, nullable=False),
)

attachments = Table(
    "attachments", metadata,
    _id(),
    _parent("consultation_id", "consultations"),
    Column("document_id", Id, ForeignKey("documents.id"), nullable=False),
    Column("label", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("attached_at", Instant, nullable=False),
    UniqueConstraint("consultation_id", "document_id"),
    Index("attachments_document", "document_id"),
)

notes = Table(
    "notes", metadata,
    _id(),
    _parent("consultation_id", "consultations"),
    Column("body", Text, nullable=False),
    Column("created_at", Instant, nullable=False),
    Column("updated_at", Instant, nullable=False),
    Column("author", Text, nullable=False, server_default=""),
    Index("notes_consultation", "consultation_id", "created_at"),
)

# --- 0004: the answer library ---------------------------------------------------------

snippets = Table(
    "snippets", metadata,
    _id(),
    Column("name", Text, nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("created_at", Instant(local=True), nullable=False),
)

# --- 0006: corrections to what the form reader found, by the form's checksum -----------

form_corrections = Table(
    "form_corrections", metadata,
    _id(),
    Column("form_sha256", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("value", Text, nullable=False, server_default=""),
    Column("author", Text, nullable=False, server_default=""),
    Column("created_at", Instant, nullable=False),
    UniqueConstraint("form_sha256", "kind", "target", "value"),
    Index("form_corrections_by_form", "form_sha256"),
)

# --- 0007: consultations added by hand (not on the SEC page) ----------------------------

manual_consultations = Table(
    "manual_consultations", metadata,
    Column("consultation_id", Id, ForeignKey("consultations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("authority", Text, nullable=False, server_default=""),
    Column("added_by", Text, nullable=False, server_default=""),
    Column("added_at", Instant, nullable=False),
)

# --- PostgreSQL only: file contents, once per checksum --------------------------------

stored_files = Table(
    "stored_files", metadata,
    Column("sha256", Text, primary_key=True),
    Column("name", Text, nullable=False),  # as a folder names it: <sha256>.<format>
    Column("size", Id, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("added_at", Instant, nullable=False),
)

# Tables only one backend has (see the module's docstring).
POSTGRES_ONLY = frozenset({"stored_files"})

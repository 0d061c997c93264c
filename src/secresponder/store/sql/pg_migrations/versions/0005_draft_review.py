"""Who saved each version, the version a save started from, conflicts kept, note authors.

Mirrors SQLite 0005. A team database also announces every committed change to a
consultation, draft, draft version or note on the channel ``secresponder.<schema>``
(LISTEN/NOTIFY), so other analysts' windows can show it within a second or two; the
payload names the row, never its text.
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

CREATE FUNCTION announce_change() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    changed record;
    payload jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    payload := jsonb_build_object('table', TG_TABLE_NAME, 'op', lower(TG_OP));
    IF TG_TABLE_NAME = 'draft_versions' THEN
        payload := payload || jsonb_build_object(
            'draft_id', changed.draft_id, 'number', changed.number, 'author', changed.author);
    ELSE  -- drafts, notes
        payload := payload || jsonb_build_object(
            'id', changed.id, 'consultation_id', changed.consultation_id);
    END IF;
    -- Delivered on commit, once per distinct payload per transaction.
    PERFORM pg_notify('secresponder.' || TG_TABLE_SCHEMA, payload::text);
    RETURN NULL;
END $$;
-- An import touches thousands of consultations at once: one notice per statement (and
-- identical notices in a transaction are delivered once) says "the list changed".
CREATE FUNCTION announce_statement() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM pg_notify('secresponder.' || TG_TABLE_SCHEMA,
                      jsonb_build_object('table', TG_TABLE_NAME)::text);
    RETURN NULL;
END $$;
CREATE TRIGGER announce_consultations AFTER INSERT OR UPDATE OR DELETE ON consultations
FOR EACH STATEMENT EXECUTE FUNCTION announce_statement();
CREATE TRIGGER announce_draft AFTER INSERT OR UPDATE OR DELETE ON drafts
FOR EACH ROW EXECUTE FUNCTION announce_change();
CREATE TRIGGER announce_draft_version AFTER INSERT OR UPDATE OR DELETE ON draft_versions
FOR EACH ROW EXECUTE FUNCTION announce_change();
CREATE TRIGGER announce_note AFTER INSERT OR UPDATE OR DELETE ON notes
FOR EACH ROW EXECUTE FUNCTION announce_change();
"""


def upgrade() -> None:
    op.execute(SQL)

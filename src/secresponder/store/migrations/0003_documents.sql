-- Offline reading: attached documents, notes and the full-text index.

-- One row per distinct file (by SHA-256); the file is files/<sha256>.<format>.
-- Its extracted text lives only in search_index (no second copy here).
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    format       TEXT NOT NULL,                 -- 'pdf' | 'docx' | 'xlsx' | 'html' | 'txt'
    size         INTEGER NOT NULL,
    stored_name  TEXT NOT NULL,                 -- name inside the workspace's files folder
    title        TEXT,                          -- from the document itself, when it has one
    pages        INTEGER,                       -- PDFs only
    text_chars   INTEGER NOT NULL DEFAULT 0,    -- 0: nothing to search (a scanned PDF?)
    added_at     TEXT NOT NULL
);

-- A document attached to a consultation; the same file may serve several.
CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY,
    consultation_id  INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    document_id      INTEGER NOT NULL REFERENCES documents(id),
    label            TEXT NOT NULL,
    source           TEXT NOT NULL,             -- the URL or local path it came from
    attached_at      TEXT NOT NULL,
    UNIQUE (consultation_id, document_id)
);
CREATE INDEX attachments_document ON attachments(document_id);

CREATE TABLE notes (
    id               INTEGER PRIMARY KEY,
    consultation_id  INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX notes_consultation ON notes(consultation_id, created_at);

-- The full-text index. rowid = source id * 8 + kind code, so one row per source
-- can be replaced by rowid: 1 consultation, 2 release, 3 document, 4 note, 5 draft.
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- What is indexed for each catalogue entry, note and draft (documents are indexed
-- by the application when their text has been extracted).
CREATE VIEW search_consultation_text AS
SELECT
    c.id * 8 + 1 AS index_rowid,
    trim(coalesce(c.reference || ' ', '') || c.title) AS title,
    coalesce(c.kind || char(10), '') || c.summary || char(10)
        || coalesce((SELECT group_concat(value, '; ') FROM json_each(
               CASE WHEN json_valid(c.audience) THEN c.audience ELSE '[]' END)), '')
        || char(10)
        || coalesce((SELECT group_concat(json_extract(value, '$.label'), '; ') FROM json_each(
               CASE WHEN json_valid(c.documents) THEN c.documents ELSE '[]' END)), '')
        AS body,
    c.id AS source_id
FROM consultations AS c;

CREATE VIEW search_release_text AS
SELECT
    r.id * 8 + 2 AS index_rowid,
    CASE WHEN instr(r.title, r.version) > 0 THEN r.title
         ELSE trim('SEC ' || r.version || ' ' || r.title) END AS title,
    r.summary || char(10)
        || coalesce((SELECT group_concat(m.reference || ' ' || m.title, '; ')
                     FROM release_modifications AS m WHERE m.release_id = r.id), '')
        || char(10)
        || coalesce((SELECT group_concat(a.document || ' ' || a.name, '; ')
                     FROM release_affected AS a WHERE a.release_id = r.id), '')
        AS body,
    r.id AS source_id
FROM releases AS r;

CREATE VIEW search_note_text AS
SELECT n.id * 8 + 4 AS index_rowid, 'Note on ' || trim(coalesce(c.reference || ' ', '') || c.title)
        AS title, n.body AS body, n.id AS source_id
FROM notes AS n JOIN consultations AS c ON c.id = n.consultation_id;

-- A draft's text: the answers, rationales, comments and notes in its latest snapshot.
CREATE VIEW search_draft_text AS
SELECT d.id * 8 + 5 AS index_rowid, 'Draft response to ' || trim(coalesce(c.reference || ' ', '')
        || c.title) AS title,
    coalesce((SELECT group_concat(t.value, char(10)) FROM json_tree(
        CASE WHEN json_valid(d.snapshot) THEN d.snapshot ELSE '{}' END) AS t
        WHERE t.type = 'text' AND (t.fullkey LIKE '$.answers.%' OR t.fullkey LIKE '$.comments[%'
                                   OR t.fullkey = '$.notes')), '') AS body,
    d.id AS source_id
FROM drafts AS d JOIN consultations AS c ON c.id = d.consultation_id;

-- Keeping the index current.
CREATE TRIGGER search_consultation_insert AFTER INSERT ON consultations BEGIN
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'consultation', title, body FROM search_consultation_text
    WHERE source_id = NEW.id;
END;

-- Update triggers skip rows whose indexed text is unchanged (an import that only moves a
-- deadline rewrites every column of the entry): re-indexing costs far more than comparing.
CREATE TRIGGER search_consultation_update
AFTER UPDATE OF reference, title, kind, summary, audience, documents ON consultations
WHEN OLD.reference IS NOT NEW.reference OR OLD.title IS NOT NEW.title
    OR OLD.kind IS NOT NEW.kind OR OLD.summary IS NOT NEW.summary
    OR OLD.audience IS NOT NEW.audience OR OLD.documents IS NOT NEW.documents BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'consultation', title, body FROM search_consultation_text
    WHERE source_id = NEW.id;
    -- Notes and drafts carry the consultation's name in their titles.
    DELETE FROM search_index WHERE rowid IN (
        SELECT id * 8 + 4 FROM notes WHERE consultation_id = NEW.id
        UNION ALL SELECT id * 8 + 5 FROM drafts WHERE consultation_id = NEW.id);
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'note', title, body FROM search_note_text
    WHERE source_id IN (SELECT id FROM notes WHERE consultation_id = NEW.id);
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'draft', title, body FROM search_draft_text
    WHERE source_id IN (SELECT id FROM drafts WHERE consultation_id = NEW.id);
END;

CREATE TRIGGER search_consultation_delete AFTER DELETE ON consultations BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1;
END;

CREATE TRIGGER search_release_insert AFTER INSERT ON releases BEGIN
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'release', title, body FROM search_release_text WHERE source_id = NEW.id;
END;

CREATE TRIGGER search_release_update AFTER UPDATE OF version, title, summary ON releases
WHEN OLD.version IS NOT NEW.version OR OLD.title IS NOT NEW.title
    OR OLD.summary IS NOT NEW.summary BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'release', title, body FROM search_release_text WHERE source_id = NEW.id;
END;

CREATE TRIGGER search_release_delete AFTER DELETE ON releases BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 2;
END;

CREATE TRIGGER search_release_modification_insert AFTER INSERT ON release_modifications BEGIN
    DELETE FROM search_index WHERE rowid = NEW.release_id * 8 + 2;
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'release', title, body FROM search_release_text
    WHERE source_id = NEW.release_id;
END;

CREATE TRIGGER search_release_modification_update AFTER UPDATE ON release_modifications BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.release_id * 8 + 2, NEW.release_id * 8 + 2);
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'release', title, body FROM search_release_text
    WHERE source_id IN (OLD.release_id, NEW.release_id);
END;

CREATE TRIGGER search_release_modification_delete AFTER DELETE ON release_modifications BEGIN
    DELETE FROM search_index WHERE rowid = OLD.release_id * 8 + 2;
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'release', title, body FROM search_release_text
    WHERE source_id = OLD.release_id;
END;

CREATE TRIGGER search_release_affected_insert AFTER INSERT ON release_affected BEGIN
    DELETE FROM search_index WHERE rowid = NEW.release_id * 8 + 2;
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'release', title, body FROM search_release_text
    WHERE source_id = NEW.release_id;
END;

CREATE TRIGGER search_release_affected_update AFTER UPDATE ON release_affected BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.release_id * 8 + 2, NEW.release_id * 8 + 2);
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'release', title, body FROM search_release_text
    WHERE source_id IN (OLD.release_id, NEW.release_id);
END;

CREATE TRIGGER search_release_affected_delete AFTER DELETE ON release_affected BEGIN
    DELETE FROM search_index WHERE rowid = OLD.release_id * 8 + 2;
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'release', title, body FROM search_release_text
    WHERE source_id = OLD.release_id;
END;

CREATE TRIGGER search_note_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'note', title, body FROM search_note_text WHERE source_id = NEW.id;
END;

CREATE TRIGGER search_note_update AFTER UPDATE OF body, consultation_id ON notes
WHEN OLD.body IS NOT NEW.body OR OLD.consultation_id IS NOT NEW.consultation_id BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'note', title, body FROM search_note_text WHERE source_id = NEW.id;
END;

CREATE TRIGGER search_note_delete AFTER DELETE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 4;
END;

CREATE TRIGGER search_draft_insert AFTER INSERT ON drafts BEGIN
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'draft', title, body FROM search_draft_text WHERE source_id = NEW.id;
END;

CREATE TRIGGER search_draft_update AFTER UPDATE OF snapshot, consultation_id ON drafts
WHEN OLD.snapshot IS NOT NEW.snapshot OR OLD.consultation_id IS NOT NEW.consultation_id BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
    INSERT INTO search_index(rowid, kind, title, body)
    SELECT index_rowid, 'draft', title, body FROM search_draft_text WHERE source_id = NEW.id;
END;

CREATE TRIGGER search_draft_delete AFTER DELETE ON drafts BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 5;
END;

CREATE TRIGGER search_document_delete AFTER DELETE ON documents BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 8 + 3;
END;

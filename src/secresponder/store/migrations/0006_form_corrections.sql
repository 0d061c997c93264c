-- Response forms: corrections to what the reader found, stored by the form's checksum.
-- Every later draft on a form with the same checksum is read with its corrections.

CREATE TABLE form_corrections (
    id           INTEGER PRIMARY KEY,
    form_sha256  TEXT NOT NULL,
    kind         TEXT NOT NULL,       -- confirm | unmark | join
    target       TEXT NOT NULL,       -- a place's item ("answer 3 rationale") or a question number
    value        TEXT NOT NULL DEFAULT '',  -- a place's words, or the question joined in
    author       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    UNIQUE (form_sha256, kind, target, value)
);
CREATE INDEX form_corrections_by_form ON form_corrections (form_sha256);

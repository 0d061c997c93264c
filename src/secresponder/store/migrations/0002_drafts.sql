-- Drafts: one per consultation, with every saved version kept.

CREATE TABLE drafts (
    id               INTEGER PRIMARY KEY,
    consultation_id  INTEGER NOT NULL UNIQUE REFERENCES consultations(id) ON DELETE CASCADE,
    status           TEXT NOT NULL DEFAULT 'Drafting',
    sent_on          TEXT,                          -- ISO date, once Submitted
    owner            TEXT NOT NULL DEFAULT '',
    reviewer         TEXT NOT NULL DEFAULT '',
    current_version  INTEGER NOT NULL DEFAULT 0,
    snapshot         TEXT NOT NULL,                 -- JSON of the latest version
    updated_at       TEXT NOT NULL
);

CREATE TABLE draft_versions (
    draft_id  INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    saved_at  TEXT NOT NULL,
    summary   TEXT NOT NULL,                        -- what changed, e.g. "answer 3 rationale"
    snapshot  TEXT NOT NULL,                        -- full JSON of the draft as saved
    PRIMARY KEY (draft_id, number)
);

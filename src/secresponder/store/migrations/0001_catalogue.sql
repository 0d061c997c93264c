-- The catalogue: consultations and releases read from SEC pages, with their history.

CREATE TABLE consultations (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT NOT NULL UNIQUE,
    reference           TEXT,
    title               TEXT NOT NULL,
    kind                TEXT,
    closes_at           TEXT NOT NULL,          -- ISO 8601 with UTC offset
    summary             TEXT NOT NULL DEFAULT '',
    audience            TEXT NOT NULL DEFAULT '[]',   -- JSON list of phrases as listed
    party_categories    TEXT NOT NULL DEFAULT '[]',   -- JSON list of PartyCategory values
    documents           TEXT NOT NULL DEFAULT '[]',   -- JSON list of {label, url, login_required}
    respond_to          TEXT NOT NULL,
    respond_to_assumed  INTEGER NOT NULL DEFAULT 0,
    subject             TEXT,
    questions_contact   TEXT,
    source              TEXT,
    listed              INTEGER NOT NULL DEFAULT 1,   -- 0 once missing from a later full page
    first_seen          TEXT NOT NULL,
    last_seen           TEXT NOT NULL
);
CREATE INDEX consultations_reference ON consultations(reference);
CREATE INDEX consultations_closes_at ON consultations(closes_at);

CREATE TABLE deadline_changes (
    id               INTEGER PRIMARY KEY,
    consultation_id  INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    old_closes_at    TEXT NOT NULL,
    new_closes_at    TEXT NOT NULL,
    seen_at          TEXT NOT NULL
);
CREATE INDEX deadline_changes_consultation ON deadline_changes(consultation_id);

CREATE TABLE releases (
    id          INTEGER PRIMARY KEY,
    version     TEXT NOT NULL UNIQUE,
    effective   TEXT NOT NULL,                  -- ISO date
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    source      TEXT,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);

CREATE TABLE release_modifications (
    release_id  INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (release_id, position)
);
CREATE INDEX release_modifications_reference ON release_modifications(reference);

CREATE TABLE release_affected (
    release_id  INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    document    TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (release_id, position)
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL                        -- JSON
);

CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    page_kind    TEXT NOT NULL,                 -- 'consultations' | 'releases'
    page_format  TEXT NOT NULL,                 -- 'text' | 'html'
    imported_at  TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '{}'     -- JSON: counts, skipped entries
);

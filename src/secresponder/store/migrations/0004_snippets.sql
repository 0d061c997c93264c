-- The answer library: rationales saved under a name, to insert into other drafts.

CREATE TABLE snippets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

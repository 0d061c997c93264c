-- Drafts: who saved each version, the version a save started from, refused (conflict)
-- versions kept so nothing typed is lost, and who wrote each note.

ALTER TABLE draft_versions ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE draft_versions ADD COLUMN base_version INTEGER;   -- the version the save started from
ALTER TABLE draft_versions ADD COLUMN conflict INTEGER NOT NULL DEFAULT 0;  -- 1: kept, not current

ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT '';

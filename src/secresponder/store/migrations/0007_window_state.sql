-- The window: consultations added by hand, refresh provenance, per-workspace view state.
-- (Refresh provenance and the view state are kept as settings; see services/freshness.py and
-- services/view_state.py.)

-- Consultations not on the SEC page (the DCC's, Ofgem's, another code's), added by hand:
-- who added them and when, and the authority that runs them. A refresh never unlists them.
CREATE TABLE manual_consultations (
    consultation_id  INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    authority        TEXT NOT NULL DEFAULT '',
    added_by         TEXT NOT NULL DEFAULT '',
    added_at         TEXT NOT NULL
);

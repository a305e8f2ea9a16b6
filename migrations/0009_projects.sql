-- Projects (과제, issue 19): a party's research or support projects, with
-- their number, funder, period and maybe a budget for the centre's
-- equipment. A booking may name a project of its own party, the one that
-- pays. Written so that running it again changes nothing.

CREATE TABLE IF NOT EXISTS project (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (code GLOB 'PJ-[0-9][0-9][0-9][0-9]*'),
    party_id    INTEGER NOT NULL REFERENCES party (id),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    number      TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 50),
    funder      TEXT NOT NULL CHECK (length(funder) BETWEEN 1 AND 100),
    from_date   TEXT NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    last_day    TEXT NOT NULL CHECK (date(last_day, '+0 days') IS last_day AND last_day >= from_date),
    budget      INTEGER CHECK (budget IS NULL OR budget > 0),
    search      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX IF NOT EXISTS project_party ON project (party_id);

ALTER TABLE booking ADD COLUMN project_id INTEGER REFERENCES project (id);

CREATE INDEX IF NOT EXISTS booking_project ON booking (project_id) WHERE project_id IS NOT NULL;

-- A booking's project is its party's.
CREATE TRIGGER IF NOT EXISTS booking_project_on_insert
BEFORE INSERT ON booking
WHEN NEW.project_id IS NOT NULL
 AND NEW.party_id IS NOT (SELECT p.party_id FROM project p WHERE p.id = NEW.project_id)
BEGIN
    SELECT RAISE(ABORT, 'booking_project');
END;

CREATE TRIGGER IF NOT EXISTS booking_project_on_update
BEFORE UPDATE OF project_id, party_id ON booking
WHEN NEW.project_id IS NOT NULL
 AND NEW.party_id IS NOT (SELECT p.party_id FROM project p WHERE p.id = NEW.project_id)
BEGIN
    SELECT RAISE(ABORT, 'booking_project');
END;

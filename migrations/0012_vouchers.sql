-- Vouchers (바우처, issue 19): support programmes that pay a share of a
-- party's use of the centre's machines, up to a cap per party and year.
-- A programme covers some machines and classes (none listed: all of
-- them); a grant admits a party to a programme for a year, with its cap.
-- A completed booking records the grant it drew on and the programme's
-- share in won; the grant's `used` is kept by the triggers below in the
-- same transaction, and a grant can never be drawn past its cap: the
-- schema refuses it, whoever writes. Written so that running it again
-- changes nothing.

CREATE TABLE IF NOT EXISTS voucher_programme (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (code GLOB 'VP-[0-9][0-9][0-9][0-9]*'),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    funder      TEXT NOT NULL CHECK (length(funder) BETWEEN 1 AND 100),
    share       INTEGER NOT NULL CHECK (share BETWEEN 1 AND 10000),     -- basis points
    cap         INTEGER NOT NULL CHECK (cap > 0),                       -- won per party and year
    from_date   TEXT NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    last_day    TEXT NOT NULL CHECK (date(last_day, '+0 days') IS last_day AND last_day >= from_date),
    search      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS voucher_machine (
    programme_id  INTEGER NOT NULL REFERENCES voucher_programme (id),
    equipment_id  INTEGER NOT NULL REFERENCES equipment (id),
    PRIMARY KEY (programme_id, equipment_id)
) STRICT;

CREATE TABLE IF NOT EXISTS voucher_class (
    programme_id  INTEGER NOT NULL REFERENCES voucher_programme (id),
    class_id      INTEGER NOT NULL REFERENCES rate_class (id),
    PRIMARY KEY (programme_id, class_id)
) STRICT;

CREATE TABLE IF NOT EXISTS voucher_grant (
    id            INTEGER PRIMARY KEY,
    programme_id  INTEGER NOT NULL REFERENCES voucher_programme (id),
    party_id      INTEGER NOT NULL REFERENCES party (id),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    cap           INTEGER NOT NULL CHECK (cap > 0),
    used          INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= cap),
    granted_at    TEXT NOT NULL,
    granted_by    TEXT NOT NULL,
    UNIQUE (programme_id, party_id, year)
) STRICT;

CREATE INDEX IF NOT EXISTS voucher_grant_party ON voucher_grant (party_id, year);

ALTER TABLE booking ADD COLUMN voucher_grant_id INTEGER REFERENCES voucher_grant (id);
ALTER TABLE booking ADD COLUMN voucher_share INTEGER CHECK (voucher_share IS NULL OR voucher_share > 0);

CREATE INDEX IF NOT EXISTS booking_voucher ON booking (voucher_grant_id) WHERE voucher_grant_id IS NOT NULL;

-- The cap, checked before the row's own CHECK so that the refusal is
-- named (a trigger's code reaches kiln as the guard it is).
CREATE TRIGGER IF NOT EXISTS voucher_cap
BEFORE UPDATE OF used, cap ON voucher_grant
WHEN NEW.used > NEW.cap OR NEW.used < 0
BEGIN
    SELECT RAISE(ABORT, 'voucher_cap');
END;

-- A booking draws on a grant of its own party, for the year it started
-- in, with a share; and only a completed booking draws at all.
CREATE TRIGGER IF NOT EXISTS booking_voucher_on_insert
BEFORE INSERT ON booking
WHEN (NEW.voucher_grant_id IS NULL) <> (NEW.voucher_share IS NULL)
  OR (NEW.voucher_grant_id IS NOT NULL AND (NEW.state <> 'completed' OR NOT EXISTS (
        SELECT 1 FROM voucher_grant g WHERE g.id = NEW.voucher_grant_id
           AND g.party_id = NEW.party_id AND g.year = CAST(substr(NEW.start, 1, 4) AS INTEGER))))
BEGIN
    SELECT RAISE(ABORT, 'booking_voucher');
END;

CREATE TRIGGER IF NOT EXISTS booking_voucher_on_update
BEFORE UPDATE OF voucher_grant_id, voucher_share, party_id, start, state ON booking
WHEN (NEW.voucher_grant_id IS NULL) <> (NEW.voucher_share IS NULL)
  OR (NEW.voucher_grant_id IS NOT NULL AND (NEW.state <> 'completed' OR NOT EXISTS (
        SELECT 1 FROM voucher_grant g WHERE g.id = NEW.voucher_grant_id
           AND g.party_id = NEW.party_id AND g.year = CAST(substr(NEW.start, 1, 4) AS INTEGER))))
BEGIN
    SELECT RAISE(ABORT, 'booking_voucher');
END;

-- What each grant has paid, kept as bookings draw on it.
CREATE TRIGGER IF NOT EXISTS voucher_used_add
AFTER INSERT ON booking
WHEN NEW.voucher_grant_id IS NOT NULL
BEGIN
    UPDATE voucher_grant SET used = used + NEW.voucher_share WHERE id = NEW.voucher_grant_id;
END;

CREATE TRIGGER IF NOT EXISTS voucher_used_change
AFTER UPDATE OF voucher_grant_id, voucher_share ON booking
WHEN OLD.voucher_grant_id IS NOT NULL OR NEW.voucher_grant_id IS NOT NULL
BEGIN
    UPDATE voucher_grant SET used = used - OLD.voucher_share WHERE id = OLD.voucher_grant_id;
    UPDATE voucher_grant SET used = used + NEW.voucher_share WHERE id = NEW.voucher_grant_id;
END;

CREATE TRIGGER IF NOT EXISTS voucher_used_remove
AFTER DELETE ON booking
WHEN OLD.voucher_grant_id IS NOT NULL
BEGIN
    UPDATE voucher_grant SET used = used - OLD.voucher_share WHERE id = OLD.voucher_grant_id;
END;

-- What a company is billed for its use in a month is the charge less what
-- a programme paid: the month's kept sum follows the voucher's share too.
-- (No booking has drawn on a voucher before this migration, so the sums
-- kept so far stand as they are.)
DROP TRIGGER IF EXISTS use_month_add;
DROP TRIGGER IF EXISTS use_month_change;
DROP TRIGGER IF EXISTS use_month_remove;

CREATE TRIGGER use_month_add
AFTER INSERT ON booking
WHEN NEW.state = 'completed' AND NEW.company_id IS NOT NULL
BEGIN
    INSERT INTO use_month (month, company_id, charge, bookings)
    VALUES (substr(NEW.start, 1, 7), NEW.company_id, NEW.charge - coalesce(NEW.voucher_share, 0), 1)
    ON CONFLICT (month, company_id) DO UPDATE SET charge = charge + excluded.charge, bookings = bookings + 1;
END;

CREATE TRIGGER use_month_change
AFTER UPDATE OF state, charge, start, company_id, voucher_share ON booking
WHEN (OLD.state = 'completed' AND OLD.company_id IS NOT NULL)
  OR (NEW.state = 'completed' AND NEW.company_id IS NOT NULL)
BEGIN
    UPDATE use_month SET charge = charge - (OLD.charge - coalesce(OLD.voucher_share, 0)), bookings = bookings - 1
     WHERE OLD.state = 'completed' AND month = substr(OLD.start, 1, 7) AND company_id = OLD.company_id;
    INSERT INTO use_month (month, company_id, charge, bookings)
    SELECT substr(NEW.start, 1, 7), NEW.company_id, NEW.charge - coalesce(NEW.voucher_share, 0), 1
     WHERE NEW.state = 'completed' AND NEW.company_id IS NOT NULL
    ON CONFLICT (month, company_id) DO UPDATE SET charge = charge + excluded.charge, bookings = bookings + 1;
END;

CREATE TRIGGER use_month_remove
AFTER DELETE ON booking
WHEN OLD.state = 'completed' AND OLD.company_id IS NOT NULL
BEGIN
    UPDATE use_month SET charge = charge - (OLD.charge - coalesce(OLD.voucher_share, 0)), bookings = bookings - 1
     WHERE month = substr(OLD.start, 1, 7) AND company_id = OLD.company_id;
END;

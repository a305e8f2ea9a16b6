-- Every party is billed (issue 19): statements are drafted and issued per
-- billing party, so an organisation or an individual gets one too. The
-- month's kept sums follow the booking's party instead of its company:
-- party_month replaces use_month.
-- Use that reaches a month already issued is carried to the party's next
-- statement, unless an admin writes it off: a write-off is a party's month
-- and the amount let go, with the reason, frozen once written. Running
-- this again changes nothing.

-- The sums move to a table of their own, made anew from the bookings on
-- every run: migration 4, run again, makes use_month again, and this one
-- then drops it once more.
DROP TRIGGER IF EXISTS use_month_add;
DROP TRIGGER IF EXISTS use_month_change;
DROP TRIGGER IF EXISTS use_month_remove;
DROP TABLE IF EXISTS use_month;

CREATE TABLE IF NOT EXISTS party_month (
    month     TEXT NOT NULL,                          -- YYYY-MM
    party_id  INTEGER NOT NULL REFERENCES party (id),
    charge    INTEGER NOT NULL,                       -- won, as billed to the party
    bookings  INTEGER NOT NULL,                       -- how many
    PRIMARY KEY (month, party_id)
) STRICT;

DELETE FROM party_month;
INSERT INTO party_month (month, party_id, charge, bookings)
SELECT substr(start, 1, 7), party_id,
       sum(CASE WHEN state = 'completed' THEN charge - coalesce(voucher_share, 0) ELSE 0 END + coalesce(penalty, 0)),
       count(*)
  FROM booking WHERE (state = 'completed' OR penalty IS NOT NULL) AND party_id IS NOT NULL GROUP BY 1, 2;

DROP TRIGGER IF EXISTS party_month_add;
DROP TRIGGER IF EXISTS party_month_change;
DROP TRIGGER IF EXISTS party_month_remove;

CREATE TRIGGER party_month_add
AFTER INSERT ON booking
WHEN (NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.party_id IS NOT NULL
BEGIN
    INSERT INTO party_month (month, party_id, charge, bookings)
    VALUES (substr(NEW.start, 1, 7), NEW.party_id,
            CASE WHEN NEW.state = 'completed' THEN NEW.charge - coalesce(NEW.voucher_share, 0) ELSE 0 END
            + coalesce(NEW.penalty, 0), 1)
    ON CONFLICT (month, party_id) DO UPDATE SET charge = charge + excluded.charge, bookings = bookings + 1;
END;

CREATE TRIGGER party_month_change
AFTER UPDATE OF state, charge, start, party_id, voucher_share, penalty ON booking
WHEN ((OLD.state = 'completed' OR OLD.penalty IS NOT NULL) AND OLD.party_id IS NOT NULL)
  OR ((NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.party_id IS NOT NULL)
BEGIN
    UPDATE party_month
       SET charge = charge - (CASE WHEN OLD.state = 'completed' THEN OLD.charge - coalesce(OLD.voucher_share, 0) ELSE 0 END
                              + coalesce(OLD.penalty, 0)),
           bookings = bookings - 1
     WHERE (OLD.state = 'completed' OR OLD.penalty IS NOT NULL)
       AND month = substr(OLD.start, 1, 7) AND party_id = OLD.party_id;
    INSERT INTO party_month (month, party_id, charge, bookings)
    SELECT substr(NEW.start, 1, 7), NEW.party_id,
           CASE WHEN NEW.state = 'completed' THEN NEW.charge - coalesce(NEW.voucher_share, 0) ELSE 0 END
           + coalesce(NEW.penalty, 0), 1
     WHERE (NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.party_id IS NOT NULL
    ON CONFLICT (month, party_id) DO UPDATE SET charge = charge + excluded.charge, bookings = bookings + 1;
END;

CREATE TRIGGER party_month_remove
AFTER DELETE ON booking
WHEN (OLD.state = 'completed' OR OLD.penalty IS NOT NULL) AND OLD.party_id IS NOT NULL
BEGIN
    UPDATE party_month
       SET charge = charge - (CASE WHEN OLD.state = 'completed' THEN OLD.charge - coalesce(OLD.voucher_share, 0) ELSE 0 END
                              + coalesce(OLD.penalty, 0)),
           bookings = bookings - 1
     WHERE month = substr(OLD.start, 1, 7) AND party_id = OLD.party_id;
END;

CREATE TABLE IF NOT EXISTS write_off (
    id          INTEGER PRIMARY KEY,
    party_id    INTEGER NOT NULL REFERENCES party (id),
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    amount      INTEGER NOT NULL CHECK (amount <> 0),  -- won let go (negative: a credit let go)
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    written_at  TEXT NOT NULL,
    written_by  TEXT NOT NULL
) STRICT;

CREATE INDEX IF NOT EXISTS write_off_party ON write_off (party_id, month);

CREATE TRIGGER IF NOT EXISTS write_off_frozen BEFORE UPDATE ON write_off
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER IF NOT EXISTS write_off_kept BEFORE DELETE ON write_off
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

-- The month's statements at scale (issue 8): at 10,000 companies a month's
-- drafts work out, for every company with statements issued before, what
-- each of those months comes to now, to find the corrections. Summed from
-- the bookings that read a year of completed use (24,000 bookings a month
-- at a million); from here it reads one row per company and month.
-- Written so that running it again changes nothing.

-- Each company's completed use by the month its bookings started (the
-- month they are billed in), kept by the triggers below in the same
-- transaction as the booking they follow.
CREATE TABLE IF NOT EXISTS use_month (
    month       TEXT NOT NULL,                          -- YYYY-MM
    company_id  INTEGER NOT NULL REFERENCES company (id),
    charge      INTEGER NOT NULL,                       -- won, as charged
    bookings    INTEGER NOT NULL,                       -- how many
    PRIMARY KEY (month, company_id)
) STRICT;

DELETE FROM use_month;
INSERT INTO use_month (month, company_id, charge, bookings)
SELECT substr(start, 1, 7), company_id, sum(charge), count(*)
  FROM booking WHERE state = 'completed' AND company_id IS NOT NULL GROUP BY 1, 2;

CREATE TRIGGER IF NOT EXISTS use_month_add
AFTER INSERT ON booking
WHEN NEW.state = 'completed' AND NEW.company_id IS NOT NULL
BEGIN
    INSERT INTO use_month (month, company_id, charge, bookings)
    VALUES (substr(NEW.start, 1, 7), NEW.company_id, NEW.charge, 1)
    ON CONFLICT (month, company_id) DO UPDATE SET charge = charge + excluded.charge, bookings = bookings + 1;
END;

-- A booking checked out, corrected, or moved: its old use leaves its month
-- and its new use joins its (maybe other) month.
CREATE TRIGGER IF NOT EXISTS use_month_change
AFTER UPDATE OF state, charge, start, company_id ON booking
WHEN (OLD.state = 'completed' AND OLD.company_id IS NOT NULL)
  OR (NEW.state = 'completed' AND NEW.company_id IS NOT NULL)
BEGIN
    UPDATE use_month SET charge = charge - OLD.charge, bookings = bookings - 1
     WHERE OLD.state = 'completed' AND month = substr(OLD.start, 1, 7) AND company_id = OLD.company_id;
    INSERT INTO use_month (month, company_id, charge, bookings)
    SELECT substr(NEW.start, 1, 7), NEW.company_id, NEW.charge, 1
     WHERE NEW.state = 'completed' AND NEW.company_id IS NOT NULL
    ON CONFLICT (month, company_id) DO UPDATE SET charge = charge + excluded.charge, bookings = bookings + 1;
END;

CREATE TRIGGER IF NOT EXISTS use_month_remove
AFTER DELETE ON booking
WHEN OLD.state = 'completed' AND OLD.company_id IS NOT NULL
BEGIN
    UPDATE use_month SET charge = charge - OLD.charge, bookings = bookings - 1
     WHERE month = substr(OLD.start, 1, 7) AND company_id = OLD.company_id;
END;

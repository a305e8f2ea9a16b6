-- Reserved but not used (issue 19): a booking cancelled too late to be
-- free, or not claimed at all, is charged a share of what its booked time
-- would have cost, by the machine's policy (settings free-cancel-notice,
-- late-cancel-share, no-show-share), priced when it happens at the party's
-- class rate (recorded with it) and never paid by a voucher. The month's
-- kept sums bill it like use. Written so that running it again changes
-- nothing.

ALTER TABLE booking ADD COLUMN penalty INTEGER CHECK (penalty IS NULL OR penalty > 0);

CREATE INDEX IF NOT EXISTS booking_penalty_start ON booking (start) WHERE penalty IS NOT NULL;

-- Only a cancelled booking or a no-show is charged a penalty.
CREATE TRIGGER IF NOT EXISTS booking_penalty_on_insert
BEFORE INSERT ON booking
WHEN NEW.penalty IS NOT NULL AND NEW.state NOT IN ('cancelled', 'no-show')
BEGIN
    SELECT RAISE(ABORT, 'booking_penalty');
END;

CREATE TRIGGER IF NOT EXISTS booking_penalty_on_update
BEFORE UPDATE OF penalty, state ON booking
WHEN NEW.penalty IS NOT NULL AND NEW.state NOT IN ('cancelled', 'no-show')
BEGIN
    SELECT RAISE(ABORT, 'booking_penalty');
END;

-- What a company is billed for a booking in a month: its use less what a
-- voucher paid, once completed, plus any penalty.
DROP TRIGGER IF EXISTS use_month_add;
DROP TRIGGER IF EXISTS use_month_change;
DROP TRIGGER IF EXISTS use_month_remove;

CREATE TRIGGER use_month_add
AFTER INSERT ON booking
WHEN (NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.company_id IS NOT NULL
BEGIN
    INSERT INTO use_month (month, company_id, charge, bookings)
    VALUES (substr(NEW.start, 1, 7), NEW.company_id,
            CASE WHEN NEW.state = 'completed' THEN NEW.charge - coalesce(NEW.voucher_share, 0) ELSE 0 END
            + coalesce(NEW.penalty, 0), 1)
    ON CONFLICT (month, company_id) DO UPDATE SET charge = charge + excluded.charge, bookings = bookings + 1;
END;

CREATE TRIGGER use_month_change
AFTER UPDATE OF state, charge, start, company_id, voucher_share, penalty ON booking
WHEN ((OLD.state = 'completed' OR OLD.penalty IS NOT NULL) AND OLD.company_id IS NOT NULL)
  OR ((NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.company_id IS NOT NULL)
BEGIN
    UPDATE use_month
       SET charge = charge - (CASE WHEN OLD.state = 'completed' THEN OLD.charge - coalesce(OLD.voucher_share, 0) ELSE 0 END
                              + coalesce(OLD.penalty, 0)),
           bookings = bookings - 1
     WHERE (OLD.state = 'completed' OR OLD.penalty IS NOT NULL)
       AND month = substr(OLD.start, 1, 7) AND company_id = OLD.company_id;
    INSERT INTO use_month (month, company_id, charge, bookings)
    SELECT substr(NEW.start, 1, 7), NEW.company_id,
           CASE WHEN NEW.state = 'completed' THEN NEW.charge - coalesce(NEW.voucher_share, 0) ELSE 0 END
           + coalesce(NEW.penalty, 0), 1
     WHERE (NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.company_id IS NOT NULL
    ON CONFLICT (month, company_id) DO UPDATE SET charge = charge + excluded.charge, bookings = bookings + 1;
END;

CREATE TRIGGER use_month_remove
AFTER DELETE ON booking
WHEN (OLD.state = 'completed' OR OLD.penalty IS NOT NULL) AND OLD.company_id IS NOT NULL
BEGIN
    UPDATE use_month
       SET charge = charge - (CASE WHEN OLD.state = 'completed' THEN OLD.charge - coalesce(OLD.voucher_share, 0) ELSE 0 END
                              + coalesce(OLD.penalty, 0)),
           bookings = bookings - 1
     WHERE month = substr(OLD.start, 1, 7) AND company_id = OLD.company_id;
END;

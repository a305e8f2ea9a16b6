-- Counterpart of migrations/0014_cancellation_charges.sql: a penalty on a
-- cancelled booking or a no-show, and the month's kept sums that bill it.

ALTER TABLE booking ADD COLUMN penalty bigint;
ALTER TABLE booking ADD CONSTRAINT booking_penalty
    CHECK (penalty IS NULL OR (penalty > 0 AND state IN ('cancelled', 'no-show')));

CREATE INDEX booking_penalty_start ON booking (start) WHERE penalty IS NOT NULL;

CREATE OR REPLACE FUNCTION use_month_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO use_month AS u (month, company_id, charge, bookings)
    VALUES (to_char(NEW.start, 'YYYY-MM'), NEW.company_id,
            CASE WHEN NEW.state = 'completed' THEN NEW.charge - coalesce(NEW.voucher_share, 0) ELSE 0 END
            + coalesce(NEW.penalty, 0), 1)
    ON CONFLICT (month, company_id) DO UPDATE SET charge = u.charge + excluded.charge, bookings = u.bookings + 1;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION use_month_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE use_month
       SET charge = charge - (CASE WHEN OLD.state = 'completed' THEN OLD.charge - coalesce(OLD.voucher_share, 0) ELSE 0 END
                              + coalesce(OLD.penalty, 0)),
           bookings = bookings - 1
     WHERE (OLD.state = 'completed' OR OLD.penalty IS NOT NULL)
       AND month = to_char(OLD.start, 'YYYY-MM') AND company_id = OLD.company_id;
    INSERT INTO use_month AS u (month, company_id, charge, bookings)
    SELECT to_char(NEW.start, 'YYYY-MM'), NEW.company_id,
           CASE WHEN NEW.state = 'completed' THEN NEW.charge - coalesce(NEW.voucher_share, 0) ELSE 0 END
           + coalesce(NEW.penalty, 0), 1
     WHERE (NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.company_id IS NOT NULL
    ON CONFLICT (month, company_id) DO UPDATE SET charge = u.charge + excluded.charge, bookings = u.bookings + 1;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION use_month_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE use_month
       SET charge = charge - (CASE WHEN OLD.state = 'completed' THEN OLD.charge - coalesce(OLD.voucher_share, 0) ELSE 0 END
                              + coalesce(OLD.penalty, 0)),
           bookings = bookings - 1
     WHERE month = to_char(OLD.start, 'YYYY-MM') AND company_id = OLD.company_id;
    RETURN NULL;
END
$$;

DROP TRIGGER use_month_add ON booking;
CREATE TRIGGER use_month_add AFTER INSERT ON booking
FOR EACH ROW WHEN ((NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.company_id IS NOT NULL)
EXECUTE FUNCTION use_month_add();

DROP TRIGGER use_month_change ON booking;
CREATE TRIGGER use_month_change
AFTER UPDATE OF state, charge, start, company_id, voucher_share, penalty ON booking
FOR EACH ROW WHEN (((OLD.state = 'completed' OR OLD.penalty IS NOT NULL) AND OLD.company_id IS NOT NULL)
                OR ((NEW.state = 'completed' OR NEW.penalty IS NOT NULL) AND NEW.company_id IS NOT NULL))
EXECUTE FUNCTION use_month_change();

DROP TRIGGER use_month_remove ON booking;
CREATE TRIGGER use_month_remove AFTER DELETE ON booking
FOR EACH ROW WHEN ((OLD.state = 'completed' OR OLD.penalty IS NOT NULL) AND OLD.company_id IS NOT NULL)
EXECUTE FUNCTION use_month_remove();

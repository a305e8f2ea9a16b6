-- Counterpart of migrations/0004_statements_at_scale.sql: the month's
-- statements at scale (issue 8).

-- Each company's completed use by the month its bookings started (the
-- month they are billed in), kept by the triggers below in the same
-- transaction as the booking they follow.
CREATE TABLE use_month (
    month       text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),              -- YYYY-MM
    company_id  bigint NOT NULL REFERENCES company (id) DEFERRABLE INITIALLY IMMEDIATE,
    charge      bigint NOT NULL,                       -- won, as charged
    bookings    bigint NOT NULL,                       -- how many
    PRIMARY KEY (month, company_id)
);

INSERT INTO use_month (month, company_id, charge, bookings)
SELECT to_char(start, 'YYYY-MM'), company_id, sum(charge), count(*)
  FROM booking WHERE state = 'completed' AND company_id IS NOT NULL GROUP BY 1, 2;

-- Race-free without a lock of their own: the upsert and the relative UPDATE
-- lock the month's row and add to its latest version.

CREATE FUNCTION use_month_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO use_month AS u (month, company_id, charge, bookings)
    VALUES (to_char(NEW.start, 'YYYY-MM'), NEW.company_id, NEW.charge, 1)
    ON CONFLICT (month, company_id) DO UPDATE SET charge = u.charge + excluded.charge, bookings = u.bookings + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER use_month_add
AFTER INSERT ON booking
FOR EACH ROW WHEN (NEW.state = 'completed' AND NEW.company_id IS NOT NULL)
EXECUTE FUNCTION use_month_add();

-- A booking checked out, corrected, or moved: its old use leaves its month
-- and its new use joins its (maybe other) month.
CREATE FUNCTION use_month_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE use_month SET charge = charge - OLD.charge, bookings = bookings - 1
     WHERE OLD.state = 'completed' AND month = to_char(OLD.start, 'YYYY-MM') AND company_id = OLD.company_id;
    INSERT INTO use_month AS u (month, company_id, charge, bookings)
    SELECT to_char(NEW.start, 'YYYY-MM'), NEW.company_id, NEW.charge, 1
     WHERE NEW.state = 'completed' AND NEW.company_id IS NOT NULL
    ON CONFLICT (month, company_id) DO UPDATE SET charge = u.charge + excluded.charge, bookings = u.bookings + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER use_month_change
AFTER UPDATE OF state, charge, start, company_id ON booking
FOR EACH ROW WHEN ((OLD.state = 'completed' AND OLD.company_id IS NOT NULL)
                OR (NEW.state = 'completed' AND NEW.company_id IS NOT NULL))
EXECUTE FUNCTION use_month_change();

CREATE FUNCTION use_month_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE use_month SET charge = charge - OLD.charge, bookings = bookings - 1
     WHERE month = to_char(OLD.start, 'YYYY-MM') AND company_id = OLD.company_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER use_month_remove
AFTER DELETE ON booking
FOR EACH ROW WHEN (OLD.state = 'completed' AND OLD.company_id IS NOT NULL)
EXECUTE FUNCTION use_month_remove();

CREATE TRIGGER use_month_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON use_month
FOR EACH STATEMENT EXECUTE FUNCTION kiln_changed();

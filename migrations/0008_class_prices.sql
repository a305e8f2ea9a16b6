-- Prices by rate class (issue 19): a completed booking records the class
-- it was priced by beside the rate it was charged, so a later change of a
-- party's class or of a discount never reprices it; and a machine may set
-- its own rate or discount for a class. Written so that running it again
-- changes nothing.

ALTER TABLE booking ADD COLUMN rate_class TEXT CHECK (rate_class IS NULL OR length(rate_class) BETWEEN 1 AND 20);

-- Use priced before classes was priced by the rule they keep: the tenant
-- rate for a company holding a lease on the booking's day, else external.
UPDATE booking SET rate_class = CASE
        WHEN company_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM lease l WHERE l.company_id = booking.company_id
               AND l.from_date <= substr(booking.start, 1, 10) AND l.end_date > substr(booking.start, 1, 10))
        THEN 'tenant' ELSE 'external' END
 WHERE rate IS NOT NULL AND rate_class IS NULL;

-- A machine's own price for a class: a rate, or a discount off its
-- external (base) rate. The tenant class's own rate is the machine's
-- tenant rate, kept where it always was.
CREATE TABLE IF NOT EXISTS equipment_class (
    equipment_id  INTEGER NOT NULL REFERENCES equipment (id),
    class_id      INTEGER NOT NULL REFERENCES rate_class (id),
    rate          INTEGER CHECK (rate IS NULL OR rate >= 0),
    discount      INTEGER CHECK (discount IS NULL OR discount BETWEEN 0 AND 10000),
    CHECK ((rate IS NULL) <> (discount IS NULL)),
    PRIMARY KEY (equipment_id, class_id)
) STRICT;

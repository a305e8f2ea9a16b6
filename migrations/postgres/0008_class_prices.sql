-- Counterpart of migrations/0008_class_prices.sql: the class a booking was
-- priced by, and a machine's own price for a class.

ALTER TABLE booking ADD COLUMN rate_class text CHECK (rate_class IS NULL OR char_length(rate_class) BETWEEN 1 AND 20);

UPDATE booking b SET rate_class = CASE
        WHEN b.company_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM lease l WHERE l.company_id = b.company_id
               AND l.from_date <= b.start::date AND l.end_date > b.start::date)
        THEN 'tenant' ELSE 'external' END
 WHERE b.rate IS NOT NULL AND b.rate_class IS NULL;

CREATE TABLE equipment_class (
    equipment_id  bigint NOT NULL REFERENCES equipment (id) DEFERRABLE INITIALLY IMMEDIATE,
    class_id      bigint NOT NULL REFERENCES rate_class (id) DEFERRABLE INITIALLY IMMEDIATE,
    rate          bigint CHECK (rate IS NULL OR rate >= 0),
    discount      bigint CHECK (discount IS NULL OR discount BETWEEN 0 AND 10000),
    CHECK ((rate IS NULL) <> (discount IS NULL)),
    PRIMARY KEY (equipment_id, class_id)
);

CREATE TRIGGER equipment_class_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON equipment_class FOR EACH STATEMENT EXECUTE FUNCTION kiln_changed();

-- Counterpart of migrations/0011_operator_surcharge.sql: a machine's
-- operator rate, and the minutes and rate of assistance a booking recorded.

CREATE TABLE equipment_operator (
    equipment_id  bigint PRIMARY KEY REFERENCES equipment (id) DEFERRABLE INITIALLY IMMEDIATE,
    rate          bigint NOT NULL CHECK (rate >= 0)
);

ALTER TABLE booking ADD COLUMN assisted_minutes bigint CHECK (assisted_minutes IS NULL OR assisted_minutes >= 0);
ALTER TABLE booking ADD COLUMN operator_rate bigint CHECK (operator_rate IS NULL OR operator_rate >= 0);

CREATE TRIGGER equipment_operator_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON equipment_operator FOR EACH STATEMENT EXECUTE FUNCTION kiln_changed();

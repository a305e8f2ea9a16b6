-- The operator surcharge (기술료, issue 19): use a member of the centre's
-- staff assisted is charged per hour of their time besides the machine's
-- rate, never discounted. A machine's operator rate is kept here; a
-- booking records the minutes assisted and the rate it was charged, so a
-- later change never reprices the past. Written so that running it again
-- changes nothing.

CREATE TABLE IF NOT EXISTS equipment_operator (
    equipment_id  INTEGER PRIMARY KEY REFERENCES equipment (id),
    rate          INTEGER NOT NULL CHECK (rate >= 0)
) STRICT;

ALTER TABLE booking ADD COLUMN assisted_minutes INTEGER CHECK (assisted_minutes IS NULL OR assisted_minutes >= 0);
ALTER TABLE booking ADD COLUMN operator_rate INTEGER CHECK (operator_rate IS NULL OR operator_rate >= 0);

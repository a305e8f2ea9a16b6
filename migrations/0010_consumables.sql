-- Consumables (소모품, issue 19): what a use of a machine takes besides its
-- time (targets, crucibles, gases, grids), priced per unit and never
-- discounted. The catalogue's price is recorded on each use, so a later
-- price change never reprices the past. Written so that running it again
-- changes nothing.

CREATE TABLE IF NOT EXISTS consumable (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20 AND code NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    unit        TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 10),
    unit_price  INTEGER NOT NULL CHECK (unit_price >= 0),
    search      TEXT NOT NULL DEFAULT ''
) STRICT;

-- A consumable used in a booking, at the unit price of the day.
CREATE TABLE IF NOT EXISTS booking_consumable (
    id             INTEGER PRIMARY KEY,
    booking_id     INTEGER NOT NULL REFERENCES booking (id),
    consumable_id  INTEGER NOT NULL REFERENCES consumable (id),
    quantity       INTEGER NOT NULL CHECK (quantity > 0),
    unit_price     INTEGER NOT NULL CHECK (unit_price >= 0),
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL
) STRICT;

CREATE INDEX IF NOT EXISTS booking_consumable_booking ON booking_consumable (booking_id);

-- The centre as the supplier (공급자) on its tax documents: one row, set by
-- an admin (`kiln centre set`); no month is issued until it is. Lengths are
-- in characters, half the upload form's byte limits (Hangul counts two
-- bytes there), so any mix of Hangul and Latin fits the form.
CREATE TABLE IF NOT EXISTS supplier (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    brn            TEXT NOT NULL CHECK (length(brn) = 10 AND brn NOT GLOB '*[^0-9]*'),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 35),
    representative TEXT NOT NULL CHECK (length(representative) BETWEEN 1 AND 15),
    address        TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 75),
    business_type  TEXT NOT NULL CHECK (length(business_type) BETWEEN 1 AND 20),
    business_item  TEXT NOT NULL CHECK (length(business_item) BETWEEN 1 AND 30),
    email          TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 40),
    set_at         TEXT NOT NULL,
    set_by         TEXT NOT NULL
) STRICT;

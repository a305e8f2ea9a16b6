-- The centre as the supplier (공급자) on its tax documents: one row, set by
-- an admin (`kiln centre set`); no month is issued until it is. Lengths are
-- in characters, half the upload form's byte limits (Hangul counts two
-- bytes there), so any mix of Hangul and Latin fits the form.
CREATE TABLE supplier (
    id             integer PRIMARY KEY CHECK (id = 1),
    brn            text NOT NULL CHECK (char_length(brn) = 10 AND brn !~ '[^0-9]'),
    name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 35),
    representative text NOT NULL CHECK (char_length(representative) BETWEEN 1 AND 15),
    address        text NOT NULL CHECK (char_length(address) BETWEEN 1 AND 75),
    business_type  text NOT NULL CHECK (char_length(business_type) BETWEEN 1 AND 20),
    business_item  text NOT NULL CHECK (char_length(business_item) BETWEEN 1 AND 30),
    email          text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 40),
    set_at         timestamp(0) NOT NULL CHECK (set_at = date_trunc('minute', set_at)),
    set_by         text NOT NULL
);

CREATE TRIGGER supplier_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON supplier
FOR EACH STATEMENT EXECUTE FUNCTION kiln_changed();

-- Deposits (보증금): money a company hands the centre against a lease,
-- held until the end of its lease chain (same company and room, each lease
-- starting the day the last one ended: an extension carries the deposit),
-- then refunded or offset against the company's unpaid statements. Held
-- money is a liability, never income: nothing here reaches a statement or
-- a tax document. A ledger: rows are added, never changed. An offset is
-- also a payment on the statement it settles (`payment_id`), so what a
-- statement has outstanding needs no second sum.
CREATE TABLE IF NOT EXISTS deposit_entry (
    id           INTEGER PRIMARY KEY,
    lease_id     INTEGER NOT NULL REFERENCES lease (id),
    kind         TEXT NOT NULL CHECK (kind IN ('received', 'refunded', 'offset')),
    on_date      TEXT NOT NULL CHECK (date(on_date, '+0 days') IS on_date),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    payment_id   INTEGER UNIQUE REFERENCES payment (id),
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    CHECK ((kind = 'offset') = (payment_id IS NOT NULL))
) STRICT;

CREATE INDEX IF NOT EXISTS deposit_entry_lease ON deposit_entry (lease_id);

-- The last guard against paying out more than is held. It sums over the
-- company's leases of the room, a chain or more of them: SQL in a trigger
-- cannot follow a chain. The use case and `kiln check` follow it exactly.
CREATE TRIGGER IF NOT EXISTS deposit_held BEFORE INSERT ON deposit_entry
WHEN NEW.kind <> 'received'
BEGIN
    SELECT RAISE(ABORT, 'deposit_held')
     WHERE NEW.amount > (SELECT coalesce(sum(CASE e.kind WHEN 'received' THEN e.amount ELSE -e.amount END), 0)
                           FROM deposit_entry e JOIN lease l ON l.id = e.lease_id
                           JOIN lease n ON n.id = NEW.lease_id
                          WHERE l.company_id = n.company_id AND l.room_id = n.room_id);
END;

CREATE TRIGGER IF NOT EXISTS deposit_entry_frozen BEFORE UPDATE ON deposit_entry
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER IF NOT EXISTS deposit_entry_kept BEFORE DELETE ON deposit_entry
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

-- Course fees (교육비): a course may charge each enrolment a fee, exempt
-- from VAT unless the course says otherwise. The fee, its tax and the
-- billing party are frozen on the enrolment the moment a seat is taken
-- (enrolled, or promoted from the waitlist: a waiting seat is never
-- charged) and billed on that party's next statement; a cancellation
-- before the cohort's first session refunds it in full (`refunded_at`), as
-- a negative line on the next statement. A statement line of a course fee
-- names its enrolment, and each charge and each refund is billed once.
ALTER TABLE course ADD COLUMN fee INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0);
ALTER TABLE course ADD COLUMN fee_tax TEXT NOT NULL DEFAULT 'exempt' CHECK (fee_tax IN ('taxable', 'exempt'));
ALTER TABLE enrolment ADD COLUMN fee INTEGER CHECK (fee IS NULL OR fee > 0);
ALTER TABLE enrolment ADD COLUMN fee_tax TEXT CHECK (fee_tax IS NULL OR fee_tax IN ('taxable', 'exempt'));
ALTER TABLE enrolment ADD COLUMN party_id INTEGER REFERENCES party (id);
ALTER TABLE enrolment ADD COLUMN charged_at TEXT;
ALTER TABLE enrolment ADD COLUMN refunded_at TEXT;

CREATE INDEX IF NOT EXISTS enrolment_charged ON enrolment (party_id) WHERE fee IS NOT NULL;

-- A charged seat names who pays, how it is taxed and when; a waiting seat
-- is not charged; only a cancelled seat is refunded; and once charged or
-- refunded, that stays as it was.
CREATE TRIGGER IF NOT EXISTS enrolment_fee_on_insert BEFORE INSERT ON enrolment
WHEN (NEW.fee IS NOT NULL AND (NEW.party_id IS NULL OR NEW.fee_tax IS NULL OR NEW.charged_at IS NULL
                               OR NEW.status = 'waitlisted'))
  OR (NEW.fee IS NULL AND (NEW.party_id IS NOT NULL OR NEW.fee_tax IS NOT NULL OR NEW.charged_at IS NOT NULL))
  OR (NEW.refunded_at IS NOT NULL AND (NEW.fee IS NULL OR NEW.status <> 'cancelled'))
BEGIN
    SELECT RAISE(ABORT, 'enrolment_fee');
END;

CREATE TRIGGER IF NOT EXISTS enrolment_fee_on_update
BEFORE UPDATE OF fee, fee_tax, party_id, charged_at, refunded_at, status ON enrolment
WHEN (NEW.fee IS NOT NULL AND (NEW.party_id IS NULL OR NEW.fee_tax IS NULL OR NEW.charged_at IS NULL
                               OR NEW.status = 'waitlisted'))
  OR (NEW.fee IS NULL AND (NEW.party_id IS NOT NULL OR NEW.fee_tax IS NOT NULL OR NEW.charged_at IS NOT NULL))
  OR (NEW.refunded_at IS NOT NULL AND (NEW.fee IS NULL OR NEW.status <> 'cancelled'))
  OR (OLD.fee IS NOT NULL AND (NEW.fee IS NOT OLD.fee OR NEW.fee_tax IS NOT OLD.fee_tax
                               OR NEW.party_id IS NOT OLD.party_id OR NEW.charged_at IS NOT OLD.charged_at))
  OR (OLD.refunded_at IS NOT NULL AND NEW.refunded_at IS NOT OLD.refunded_at)
BEGIN
    SELECT RAISE(ABORT, 'enrolment_fee');
END;

-- kiln:unless-column statement_line enrolment_id
CREATE TABLE statement_line_next (
    id             INTEGER PRIMARY KEY,
    statement_id   INTEGER NOT NULL REFERENCES statement (id),
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('rent', 'fee', 'usage', 'operator', 'consumable', 'late-cancel',
                                                 'no-show', 'surcharge', 'adjustment', 'write-off', 'course-fee')),
    subject        TEXT NOT NULL,                       -- room code, machine, course, or statement corrected
    detail         TEXT NOT NULL,                       -- the period or time of use
    quantity       REAL NOT NULL,
    unit           TEXT NOT NULL CHECK (unit IN ('month', 'day', 'hour', 'sample', 'lump', 'item')),
    unit_price     INTEGER,
    amount         INTEGER NOT NULL,                    -- what the party is billed
    source         TEXT NOT NULL,                       -- lease code, booking id, cohort, or statement number
    project        TEXT,                                -- 과제번호 of the project that pays
    nfec           TEXT,                                -- the machine's NFEC registration number
    voucher        TEXT,                                -- the programme that paid beside the line
    voucher_share  INTEGER NOT NULL DEFAULT 0 CHECK (voucher_share >= 0),
    tax            TEXT NOT NULL DEFAULT 'taxable' CHECK (tax IN ('taxable', 'exempt')),
    enrolment_id   INTEGER REFERENCES enrolment (id),   -- a course fee's enrolment
    CHECK ((kind = 'course-fee') = (enrolment_id IS NOT NULL)),
    UNIQUE (statement_id, position)
) STRICT;

INSERT INTO statement_line_next (id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount,
                                 source, project, nfec, voucher, voucher_share, tax)
SELECT id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount,
       source, project, nfec, voucher, voucher_share, tax
  FROM statement_line;

DROP TABLE statement_line;
ALTER TABLE statement_line_next RENAME TO statement_line;

CREATE INDEX statement_line_source ON statement_line (kind, source);
-- Each charge (a positive amount) and each refund billed once.
CREATE UNIQUE INDEX statement_line_course_fee ON statement_line (enrolment_id, amount > 0)
    WHERE enrolment_id IS NOT NULL;

CREATE TRIGGER statement_line_frozen BEFORE UPDATE ON statement_line
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER statement_line_kept BEFORE DELETE ON statement_line
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;
-- kiln:end

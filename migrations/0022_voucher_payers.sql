-- Voucher shares billed to the programme's funder (issue 20): a programme
-- names the billing party that pays its shares (`payer_id`, an institution
-- as a rule), and from which month kiln bills them (`payer_from`: empty for
-- every month; set to the first month not yet issued when a payer is given
-- to a programme that had none, because what an older kiln could not bill
-- was settled outside it). Each share is a `voucher` line on the payer's
-- statement for the month of the use, naming the party whose use it paid
-- (`paid_for`); a share changed after that month was issued reaches the
-- payer's next statement as an adjustment, as any correction does. SQLite
-- cannot alter a CHECK, so statement_line is made anew, keeping every id.
ALTER TABLE voucher_programme ADD COLUMN payer_id INTEGER REFERENCES party (id);
-- (One line each: the migrator leaves out a column that is there already.)
ALTER TABLE voucher_programme ADD COLUMN payer_from TEXT CHECK (payer_from IS NULL OR (date(payer_from, '+0 days') IS payer_from AND substr(payer_from, 9, 2) = '01'));

CREATE INDEX IF NOT EXISTS voucher_programme_payer ON voucher_programme (payer_id) WHERE payer_id IS NOT NULL;

-- A programme's payer is given once: changing who pays would move shares
-- already billed.
CREATE TRIGGER IF NOT EXISTS voucher_payer_kept
BEFORE UPDATE OF payer_id, payer_from ON voucher_programme
WHEN OLD.payer_id IS NOT NULL OR NEW.payer_id IS NULL
BEGIN
    SELECT RAISE(ABORT, 'voucher_payer');
END;

-- kiln:unless-column statement_line paid_for
CREATE TABLE statement_line_next (
    id             INTEGER PRIMARY KEY,
    statement_id   INTEGER NOT NULL REFERENCES statement (id),
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('rent', 'fee', 'usage', 'operator', 'consumable', 'late-cancel',
                                                 'no-show', 'surcharge', 'adjustment', 'write-off', 'course-fee',
                                                 'voucher')),
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
    paid_for       INTEGER REFERENCES party (id),       -- a voucher share's user
    CHECK ((kind = 'course-fee') = (enrolment_id IS NOT NULL)),
    CHECK ((kind = 'voucher') = (paid_for IS NOT NULL AND voucher IS NOT NULL)),
    UNIQUE (statement_id, position)
) STRICT;

INSERT INTO statement_line_next (id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount,
                                 source, project, nfec, voucher, voucher_share, tax, enrolment_id)
SELECT id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount,
       source, project, nfec, voucher, voucher_share, tax, enrolment_id
  FROM statement_line;

DROP TABLE statement_line;
ALTER TABLE statement_line_next RENAME TO statement_line;

CREATE INDEX statement_line_source ON statement_line (kind, source);
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

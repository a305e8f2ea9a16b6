-- Statements take the shape of the centre's money (issue 19): a statement
-- is a billing party's (its company's, for a company), and its lines say
-- what they charge for (use, staff time, consumables, cancellations,
-- surcharges, corrections), the project (과제번호) that pays, the
-- machine's registration number in the national equipment portal (NFEC),
-- what a voucher programme paid beside the line, and whether the line is
-- taxable or exempt (VAT is a tenth of the taxable supply). SQLite cannot
-- alter a CHECK, so both tables are made anew and filled from the old
-- ones, keeping every id, number and total; kiln's migrator checks the
-- foreign keys once, at the end, and leaves a rebuild out when its table
-- has the new shape already (`kiln:unless-column`), so that running this
-- again changes nothing. A machine may carry its NFEC number.

ALTER TABLE equipment ADD COLUMN nfec TEXT CHECK (nfec IS NULL OR (length(nfec) BETWEEN 1 AND 30 AND nfec NOT GLOB '*[^A-Za-z0-9-]*'));

-- kiln:unless-column statement party_id
CREATE TABLE statement_next (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE CHECK (number GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    party_id    INTEGER NOT NULL REFERENCES party (id),
    company_id  INTEGER REFERENCES company (id),            -- the party's company, for a company's party
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    issued_on   TEXT NOT NULL CHECK (date(issued_on, '+0 days') IS issued_on),
    due_on      TEXT NOT NULL CHECK (date(due_on, '+0 days') IS due_on AND due_on >= issued_on),
    supply      INTEGER NOT NULL,                          -- won, before VAT
    exempt      INTEGER NOT NULL DEFAULT 0,                -- the part of the supply free of VAT
    vat         INTEGER NOT NULL CHECK (vat = (supply - exempt) / 10),
    total       INTEGER NOT NULL CHECK (total = supply + vat),
    issued_by   TEXT NOT NULL,
    UNIQUE (party_id, month)
) STRICT;

INSERT INTO statement_next (id, number, party_id, company_id, month, issued_on, due_on, supply, exempt, vat, total, issued_by)
SELECT s.id, s.number, (SELECT y.id FROM party y WHERE y.company_id = s.company_id), s.company_id, s.month,
       s.issued_on, s.due_on, s.supply, 0, s.vat, s.total, s.issued_by
  FROM statement s;

DROP TABLE statement;
ALTER TABLE statement_next RENAME TO statement;

CREATE INDEX statement_month ON statement (month);
CREATE INDEX statement_company ON statement (company_id) WHERE company_id IS NOT NULL;

CREATE TRIGGER statement_frozen BEFORE UPDATE ON statement
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER statement_kept BEFORE DELETE ON statement
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

-- A statement of a company's party names the company; of another, none.
CREATE TRIGGER statement_party
BEFORE INSERT ON statement
WHEN NEW.company_id IS NOT (SELECT y.company_id FROM party y WHERE y.id = NEW.party_id)
BEGIN
    SELECT RAISE(ABORT, 'statement_party');
END;
-- kiln:end

-- kiln:unless-column statement_line tax
CREATE TABLE statement_line_next (
    id             INTEGER PRIMARY KEY,
    statement_id   INTEGER NOT NULL REFERENCES statement (id),
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('rent', 'fee', 'usage', 'operator', 'consumable', 'late-cancel',
                                                 'no-show', 'surcharge', 'adjustment', 'write-off')),
    subject        TEXT NOT NULL,                       -- room code, machine, or statement corrected
    detail         TEXT NOT NULL,                       -- the period or time of use
    quantity       REAL NOT NULL,
    unit           TEXT NOT NULL CHECK (unit IN ('month', 'day', 'hour', 'sample', 'lump', 'item')),
    unit_price     INTEGER,
    amount         INTEGER NOT NULL,                    -- what the party is billed
    source         TEXT NOT NULL,                       -- lease code, booking id, or statement number
    project        TEXT,                                -- 과제번호 of the project that pays
    nfec           TEXT,                                -- the machine's NFEC registration number
    voucher        TEXT,                                -- the programme that paid beside the line
    voucher_share  INTEGER NOT NULL DEFAULT 0 CHECK (voucher_share >= 0),
    tax            TEXT NOT NULL DEFAULT 'taxable' CHECK (tax IN ('taxable', 'exempt')),
    UNIQUE (statement_id, position)
) STRICT;

INSERT INTO statement_line_next (id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount, source)
SELECT id, statement_id, position, kind, subject, detail, quantity, unit, unit_price, amount, source
  FROM statement_line;

DROP TABLE statement_line;
ALTER TABLE statement_line_next RENAME TO statement_line;

CREATE INDEX statement_line_source ON statement_line (kind, source);

CREATE TRIGGER statement_line_frozen BEFORE UPDATE ON statement_line
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER statement_line_kept BEFORE DELETE ON statement_line
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;
-- kiln:end

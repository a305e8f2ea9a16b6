-- A correction names which document of the statement it corrects it is
-- (issue 20): a course fee refunded after the statement that charged it
-- was issued corrects that statement's 계산서 (exempt fee) or 세금계산서,
-- so one statement may correct both documents of another. SQLite cannot
-- alter a UNIQUE, so the table is made anew, keeping every row (all of
-- them corrections of 세금계산서 until now), and its triggers.
-- kiln:unless-column tax_correction kind
CREATE TABLE tax_correction_next (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statement (id),
    corrects_id   INTEGER NOT NULL REFERENCES statement (id),
    kind          TEXT NOT NULL DEFAULT 'tax-invoice' CHECK (kind IN ('tax-invoice', 'invoice')),
    reason        INTEGER NOT NULL CHECK (reason BETWEEN 1 AND 6),
    approval_no   TEXT NOT NULL UNIQUE CHECK (length(approval_no) = 24 AND approval_no NOT GLOB '*[^0-9]*'),
    confirmed_on  TEXT NOT NULL CHECK (date(confirmed_on, '+0 days') IS confirmed_on),
    confirmed_by  TEXT NOT NULL,
    CHECK (corrects_id <> statement_id),
    UNIQUE (statement_id, corrects_id, kind)
) STRICT;

INSERT INTO tax_correction_next (id, statement_id, corrects_id, kind, reason, approval_no, confirmed_on, confirmed_by)
SELECT id, statement_id, corrects_id, 'tax-invoice', reason, approval_no, confirmed_on, confirmed_by FROM tax_correction;

-- tax_approval's trigger reads tax_correction: set aside while it is made anew.
DROP TRIGGER tax_approval_number_once;
DROP TABLE tax_correction;
ALTER TABLE tax_correction_next RENAME TO tax_correction;

CREATE TRIGGER tax_approval_number_once BEFORE INSERT ON tax_approval
WHEN EXISTS (SELECT 1 FROM tax_correction c WHERE c.approval_no = NEW.approval_no)
BEGIN
    SELECT RAISE(ABORT, 'approval_once');
END;

CREATE TRIGGER tax_correction_frozen BEFORE UPDATE ON tax_correction
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER tax_correction_kept BEFORE DELETE ON tax_correction
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER tax_correction_number_once BEFORE INSERT ON tax_correction
WHEN EXISTS (SELECT 1 FROM tax_approval a WHERE a.approval_no = NEW.approval_no)
BEGIN
    SELECT RAISE(ABORT, 'approval_once');
END;
-- kiln:end

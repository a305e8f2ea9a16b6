-- The approval numbers of correction documents (수정세금계산서): one per
-- statement carrying an adjustment and the statement it corrects, with
-- the reason code it was issued under. Until it is recorded the correction
-- is waiting. An approval number is one document's, whichever table holds
-- it.
CREATE TABLE IF NOT EXISTS tax_correction (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statement (id),
    corrects_id   INTEGER NOT NULL REFERENCES statement (id),
    reason        INTEGER NOT NULL CHECK (reason BETWEEN 1 AND 6),
    approval_no   TEXT NOT NULL UNIQUE CHECK (length(approval_no) = 24 AND approval_no NOT GLOB '*[^0-9]*'),
    confirmed_on  TEXT NOT NULL CHECK (date(confirmed_on, '+0 days') IS confirmed_on),
    confirmed_by  TEXT NOT NULL,
    CHECK (corrects_id <> statement_id),
    UNIQUE (statement_id, corrects_id)
) STRICT;

CREATE TRIGGER IF NOT EXISTS tax_correction_frozen BEFORE UPDATE ON tax_correction
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER IF NOT EXISTS tax_correction_kept BEFORE DELETE ON tax_correction
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER IF NOT EXISTS tax_correction_number_once BEFORE INSERT ON tax_correction
WHEN EXISTS (SELECT 1 FROM tax_approval a WHERE a.approval_no = NEW.approval_no)
BEGIN
    SELECT RAISE(ABORT, 'approval_once');
END;

CREATE TRIGGER IF NOT EXISTS tax_approval_number_once BEFORE INSERT ON tax_approval
WHEN EXISTS (SELECT 1 FROM tax_correction c WHERE c.approval_no = NEW.approval_no)
BEGIN
    SELECT RAISE(ABORT, 'approval_once');
END;

-- The approval number (국세청 승인번호) a tax document got once uploaded and
-- issued in Hometax: one per document (a statement's 세금계산서 or 계산서),
-- each number once. Until it is recorded the document is waiting.
CREATE TABLE IF NOT EXISTS tax_approval (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statement (id),
    kind          TEXT NOT NULL CHECK (kind IN ('tax-invoice', 'invoice')),
    approval_no   TEXT NOT NULL UNIQUE CHECK (length(approval_no) = 24 AND approval_no NOT GLOB '*[^0-9]*'),
    confirmed_on  TEXT NOT NULL CHECK (date(confirmed_on, '+0 days') IS confirmed_on),
    confirmed_by  TEXT NOT NULL,
    UNIQUE (statement_id, kind)
) STRICT;

CREATE TRIGGER IF NOT EXISTS tax_approval_frozen BEFORE UPDATE ON tax_approval
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

CREATE TRIGGER IF NOT EXISTS tax_approval_kept BEFORE DELETE ON tax_approval
BEGIN
    SELECT RAISE(ABORT, 'statement_frozen');
END;

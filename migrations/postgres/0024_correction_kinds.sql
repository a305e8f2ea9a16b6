-- Counterpart of migrations/0024_correction_kinds.sql: which document of
-- the statement corrected a correction is.
ALTER TABLE tax_correction ADD COLUMN kind text NOT NULL DEFAULT 'tax-invoice' CHECK (kind IN ('tax-invoice', 'invoice'));
ALTER TABLE tax_correction DROP CONSTRAINT tax_correction_statement_id_corrects_id_key;
ALTER TABLE tax_correction ADD CONSTRAINT tax_correction_statement_id_corrects_id_kind_key UNIQUE (statement_id, corrects_id, kind);

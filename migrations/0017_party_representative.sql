-- An outside organisation's representative (대표자 성명), which a tax
-- document's buyer needs; a company's is on the company.
ALTER TABLE party ADD COLUMN representative TEXT CHECK (representative IS NULL OR length(representative) BETWEEN 1 AND 50);

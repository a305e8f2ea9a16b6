-- Counterpart of migrations/0013_statements_by_party.sql: a statement is a
-- billing party's, and its lines carry their kind, the project, the
-- machine's NFEC number, the voucher's share beside the line and the tax
-- kind; VAT is a tenth of the taxable supply. PostgreSQL alters the tables
-- in place (the frozen statements' guard is held off while the new columns
-- are filled, then restored).

ALTER TABLE equipment ADD COLUMN nfec text CHECK (nfec IS NULL OR nfec ~ '^[A-Za-z0-9-]{1,30}$');

ALTER TABLE statement ADD COLUMN party_id bigint REFERENCES party (id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE statement ADD COLUMN exempt bigint NOT NULL DEFAULT 0;
ALTER TABLE statement DISABLE TRIGGER statement_frozen;
UPDATE statement s SET party_id = (SELECT y.id FROM party y WHERE y.company_id = s.company_id);
ALTER TABLE statement ENABLE TRIGGER statement_frozen;
ALTER TABLE statement ALTER COLUMN party_id SET NOT NULL;
ALTER TABLE statement ALTER COLUMN company_id DROP NOT NULL;
-- The constraints' names are PostgreSQL's own (a table's first CHECK on a
-- column is named for it, a second gets a number): found by what they say.
DO $$ DECLARE c text; BEGIN
    FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'statement'::regclass
                AND (pg_get_constraintdef(oid) LIKE '%vat = (supply / 10)%'
                     OR pg_get_constraintdef(oid) = 'UNIQUE (company_id, month)')
    LOOP EXECUTE format('ALTER TABLE statement DROP CONSTRAINT %I', c); END LOOP;
    FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'statement_line'::regclass
                AND (pg_get_constraintdef(oid) LIKE '%kind = ANY%' OR pg_get_constraintdef(oid) LIKE '%unit = ANY%')
    LOOP EXECUTE format('ALTER TABLE statement_line DROP CONSTRAINT %I', c); END LOOP;
END $$;
ALTER TABLE statement ADD CONSTRAINT statement_party_month UNIQUE (party_id, month);
ALTER TABLE statement ADD CONSTRAINT statement_vat CHECK (vat = (supply - exempt) / 10);
CREATE INDEX statement_company ON statement (company_id) WHERE company_id IS NOT NULL;

CREATE FUNCTION statement_party() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.company_id IS DISTINCT FROM (SELECT y.company_id FROM party y WHERE y.id = NEW.party_id) THEN
        RAISE EXCEPTION 'statement_party' USING ERRCODE = 'check_violation', CONSTRAINT = 'statement_party';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER statement_party BEFORE INSERT ON statement FOR EACH ROW EXECUTE FUNCTION statement_party();

ALTER TABLE statement_line ADD CONSTRAINT statement_line_kind CHECK (kind IN ('rent', 'fee', 'usage', 'operator',
    'consumable', 'late-cancel', 'no-show', 'surcharge', 'adjustment', 'write-off'));
ALTER TABLE statement_line ADD CONSTRAINT statement_line_unit CHECK (unit IN ('month', 'day', 'hour', 'sample',
    'lump', 'item'));
ALTER TABLE statement_line ADD COLUMN project text;
ALTER TABLE statement_line ADD COLUMN nfec text;
ALTER TABLE statement_line ADD COLUMN voucher text;
ALTER TABLE statement_line ADD COLUMN voucher_share bigint NOT NULL DEFAULT 0 CHECK (voucher_share >= 0);
ALTER TABLE statement_line ADD COLUMN tax text NOT NULL DEFAULT 'taxable' CHECK (tax IN ('taxable', 'exempt'));

-- Counterpart of migrations/0022_voucher_payers.sql: the party that pays a
-- programme's shares, from which month, and its `voucher` lines.
ALTER TABLE voucher_programme ADD COLUMN payer_id bigint REFERENCES party (id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE voucher_programme ADD COLUMN payer_from date CHECK (payer_from = date_trunc('month', payer_from)::date);
CREATE INDEX voucher_programme_payer ON voucher_programme (payer_id) WHERE payer_id IS NOT NULL;

CREATE FUNCTION voucher_payer_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.payer_id IS NOT NULL OR NEW.payer_id IS NULL THEN
        RAISE EXCEPTION 'voucher_payer' USING ERRCODE = 'check_violation', CONSTRAINT = 'voucher_payer';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER voucher_payer_kept BEFORE UPDATE OF payer_id, payer_from ON voucher_programme
FOR EACH ROW EXECUTE FUNCTION voucher_payer_kept();

ALTER TABLE statement_line DROP CONSTRAINT statement_line_kind;
ALTER TABLE statement_line ADD CONSTRAINT statement_line_kind CHECK (kind IN ('rent', 'fee', 'usage', 'operator',
    'consumable', 'late-cancel', 'no-show', 'surcharge', 'adjustment', 'write-off', 'course-fee', 'voucher'));
ALTER TABLE statement_line ADD COLUMN paid_for bigint REFERENCES party (id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE statement_line ADD CONSTRAINT statement_line_paid_for
    CHECK ((kind = 'voucher') = (paid_for IS NOT NULL AND voucher IS NOT NULL));

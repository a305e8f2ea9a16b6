-- Counterpart of migrations/0020_course_fees.sql: course fees, frozen on
-- the enrolment when a seat is taken, billed once and refunded once.
ALTER TABLE course ADD COLUMN fee bigint NOT NULL DEFAULT 0 CHECK (fee >= 0);
ALTER TABLE course ADD COLUMN fee_tax text NOT NULL DEFAULT 'exempt' CHECK (fee_tax IN ('taxable', 'exempt'));
ALTER TABLE enrolment ADD COLUMN fee bigint CHECK (fee IS NULL OR fee > 0);
ALTER TABLE enrolment ADD COLUMN fee_tax text CHECK (fee_tax IS NULL OR fee_tax IN ('taxable', 'exempt'));
ALTER TABLE enrolment ADD COLUMN party_id bigint REFERENCES party (id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE enrolment ADD COLUMN charged_at timestamp(0) CHECK (charged_at = date_trunc('minute', charged_at));
ALTER TABLE enrolment ADD COLUMN refunded_at timestamp(0) CHECK (refunded_at = date_trunc('minute', refunded_at));
ALTER TABLE enrolment ADD CONSTRAINT enrolment_fee CHECK (
    CASE WHEN fee IS NULL THEN party_id IS NULL AND fee_tax IS NULL AND charged_at IS NULL AND refunded_at IS NULL
         ELSE party_id IS NOT NULL AND fee_tax IS NOT NULL AND charged_at IS NOT NULL AND status <> 'waitlisted'
              AND (refunded_at IS NULL OR status = 'cancelled') END);

CREATE INDEX enrolment_charged ON enrolment (party_id) WHERE fee IS NOT NULL;

-- Once charged or refunded, that stays as it was.
CREATE FUNCTION enrolment_fee_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.fee IS NOT NULL AND (NEW.fee IS DISTINCT FROM OLD.fee OR NEW.fee_tax IS DISTINCT FROM OLD.fee_tax
                                 OR NEW.party_id IS DISTINCT FROM OLD.party_id
                                 OR NEW.charged_at IS DISTINCT FROM OLD.charged_at))
       OR (OLD.refunded_at IS NOT NULL AND NEW.refunded_at IS DISTINCT FROM OLD.refunded_at) THEN
        RAISE EXCEPTION 'enrolment_fee' USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_fee';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER enrolment_fee_kept BEFORE UPDATE OF fee, fee_tax, party_id, charged_at, refunded_at ON enrolment
FOR EACH ROW EXECUTE FUNCTION enrolment_fee_kept();

ALTER TABLE statement_line DROP CONSTRAINT statement_line_kind;
ALTER TABLE statement_line ADD CONSTRAINT statement_line_kind CHECK (kind IN ('rent', 'fee', 'usage', 'operator',
    'consumable', 'late-cancel', 'no-show', 'surcharge', 'adjustment', 'write-off', 'course-fee'));
ALTER TABLE statement_line ADD COLUMN enrolment_id bigint REFERENCES enrolment (id) DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE statement_line ADD CONSTRAINT statement_line_enrolment CHECK ((kind = 'course-fee') = (enrolment_id IS NOT NULL));
-- Each charge (a positive amount) and each refund billed once.
CREATE UNIQUE INDEX statement_line_course_fee ON statement_line (enrolment_id, (amount > 0))
    WHERE enrolment_id IS NOT NULL;

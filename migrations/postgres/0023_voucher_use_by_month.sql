-- Counterpart of migrations/0023_voucher_use_by_month.sql.
CREATE INDEX booking_voucher_start ON booking (voucher_grant_id, start) WHERE voucher_grant_id IS NOT NULL;

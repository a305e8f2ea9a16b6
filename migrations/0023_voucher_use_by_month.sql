-- What a programme's payer is billed for a month is read grant by grant
-- and month by month (issue 20): a range of each grant's bookings, not all
-- its years.
CREATE INDEX IF NOT EXISTS booking_voucher_start ON booking (voucher_grant_id, start) WHERE voucher_grant_id IS NOT NULL;

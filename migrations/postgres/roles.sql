-- kiln's operators as PostgreSQL roles (issue 18): three group roles with
-- least privilege, so that PostgreSQL itself refuses a viewer's write and an
-- equipment manager's lease, and a function that makes a person's login
-- role without kiln's admins ever holding CREATEROLE.
--
-- Run by a SUPERUSER, after `kiln init` has made the schema and after every
-- kiln upgrade (grants are per table), in the centre's database:
--     sudo -u postgres psql -d kiln -v ON_ERROR_STOP=1 -f roles.sql
-- It can be run again at any time: it re-creates nothing that exists, sets
-- every grant afresh, and gives every operator kiln knows its group.
--
-- Roles are the cluster's, not the database's: a kiln_viewer is a viewer of
-- every kiln database on the cluster that grants kiln_viewer anything. Keep
-- one centre per cluster (README, "On PostgreSQL").
--
-- PostgreSQL 15: a role WITH CREATEROLE may create roles and grant
-- membership in any role that is not a superuser. From 16 on it must hold
-- ADMIN OPTION on a group to grant it; the DO block near the end gives
-- kiln_role_maker that (without the group's privileges: INHERIT FALSE,
-- SET FALSE) on 16 and later.

-- The groups and the role maker. Guarded, so that two databases of one
-- cluster set up at once (tests do) both succeed; an existing role is left
-- as it is.
DO $roles$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['kiln_admin', 'kiln_equipment_manager', 'kiln_viewer'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'kiln_role_maker') THEN
        BEGIN
            CREATE ROLE kiln_role_maker NOLOGIN CREATEROLE;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END
$roles$;

-- Only the groups (and the superuser) connect to this database.
DO $connect$
BEGIN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO kiln_admin, kiln_equipment_manager, kiln_viewer',
                   current_database());
END
$connect$;

GRANT USAGE ON SCHEMA public TO kiln_admin, kiln_equipment_manager, kiln_viewer;

-- Every grant afresh: what an earlier run (or a hand) gave is taken back.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, kiln_admin, kiln_equipment_manager, kiln_viewer;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, kiln_admin, kiln_equipment_manager, kiln_viewer;

-- Everyone reads everything (viewers only read).
GRANT SELECT ON
    kiln_schema, operator, audit_log, company, room, person, lease, yearly_report, yearly_total,
    equipment, booking, downtime, closed_day, quota, course, course_equipment, course_prerequisite,
    cohort, session, enrolment, attendance, qualification, statement, statement_line, payment,
    party_month, setting, rate_class, party, party_member, equipment_class, project,
    consumable, booking_consumable, equipment_operator,
    voucher_programme, voucher_machine, voucher_class, voucher_grant, write_off, supplier, tax_approval, deposit_entry, tax_correction
TO kiln_admin, kiln_equipment_manager, kiln_viewer;

-- The audit log is appended to, by anyone who writes; nobody, not even an
-- admin, gets UPDATE, DELETE or TRUNCATE on it (and its triggers refuse
-- them to the tables' owner, who needs no grant).
GRANT INSERT ON audit_log TO kiln_admin, kiln_equipment_manager;

-- Equipment managers (kiln's Capability ManagePeople, ManageEquipment,
-- ManageBookings, RecordAttendance): people, machines, their downtime and
-- quotas, bookings, attendance. party_month is the kept sum that a booking's
-- triggers update as the booker (the triggers are not SECURITY DEFINER).
-- UPDATE on equipment is also what a booking's trigger needs to lock the
-- machine's row (SELECT … FOR NO KEY UPDATE).
GRANT INSERT, UPDATE ON person, equipment, downtime, booking, party_month, attendance TO kiln_equipment_manager;
GRANT INSERT, UPDATE, DELETE ON quota TO kiln_equipment_manager;
-- A booking by someone with no party yet makes their individual party.
GRANT INSERT ON party TO kiln_equipment_manager;
-- Equipment managers record the consumables a use took.
GRANT INSERT ON booking_consumable TO kiln_equipment_manager;
-- A use priced at check-out draws on its party's voucher grant, whose
-- kept sum the booking's trigger updates as the booker.
GRANT UPDATE ON voucher_grant TO kiln_equipment_manager;

-- Admins: every write kiln makes, on every table but the audit log's and
-- the schema's version (which only the migrations, run by the owner, write).
GRANT INSERT, UPDATE, DELETE ON
    operator, company, room, person, lease, yearly_report, yearly_total,
    equipment, booking, downtime, closed_day, quota, course, course_equipment, course_prerequisite,
    cohort, session, enrolment, attendance, qualification, statement, statement_line, payment,
    party_month, setting, rate_class, party, party_member, equipment_class, project,
    consumable, booking_consumable, equipment_operator,
    voucher_programme, voucher_machine, voucher_class, voucher_grant, write_off, supplier, tax_approval, deposit_entry, tax_correction
TO kiln_admin;
-- setval after a load with explicit ids (the demo) needs UPDATE.
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO kiln_admin;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kiln_equipment_manager;

-- A name kiln may make a login role of is checked as kiln checks it
-- (visible characters, no spaces), at most 63 bytes (PostgreSQL would cut a
-- longer name, and the person would connect as someone kiln does not know),
-- and none of PostgreSQL's or kiln's own roles. Both functions below run
-- with search_path pg_catalog, pg_temp, so they name nothing outside
-- pg_catalog and call no function of this schema.

-- Makes `who` a login role in exactly the group `grp` (one of the three):
-- created (LOGIN, no password: local peer authentication; a password for
-- scram-sha-256 is the person's own `\password` or the superuser's) if
-- missing, granted `grp`, and taken out of the other two. A superuser is
-- left alone: it passes every grant anyway. Runs as kiln_role_maker, the
-- one role WITH CREATEROLE; only kiln_admin may call it.
CREATE OR REPLACE FUNCTION kiln_add_user(who text, grp text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    super boolean;
    login boolean;
    other text;
BEGIN
    IF grp IS NULL OR grp NOT IN ('kiln_admin', 'kiln_equipment_manager', 'kiln_viewer') THEN
        RAISE EXCEPTION 'kiln_add_user: the group must be kiln_admin, kiln_equipment_manager or kiln_viewer, not %',
            coalesce(grp, 'NULL') USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF who IS NULL OR who = '' OR octet_length(who) > 63 OR who ~ '[[:space:][:cntrl:]]' THEN
        RAISE EXCEPTION 'kiln_add_user: % is not a name for a login role (1 to 63 bytes, no spaces)',
            coalesce(quote_literal(who), 'NULL') USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF who LIKE 'pg\_%' OR who IN ('public', 'kiln_admin', 'kiln_equipment_manager', 'kiln_viewer', 'kiln_role_maker') THEN
        RAISE EXCEPTION 'kiln_add_user: % is a reserved role name', who USING ERRCODE = 'reserved_name';
    END IF;
    SELECT rolsuper, rolcanlogin INTO super, login FROM pg_roles WHERE rolname = who;
    IF super THEN
        RETURN;
    END IF;
    IF NOT FOUND THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN', who);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- made meanwhile by another database's kiln on this cluster
        END;
    ELSIF NOT login THEN
        RAISE EXCEPTION 'kiln_add_user: % is a group role, not a person''s login role', who
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH other IN ARRAY ARRAY['kiln_admin', 'kiln_equipment_manager', 'kiln_viewer'] LOOP
        IF other <> grp AND EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                                    JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = other AND u.rolname = who)
        THEN
            EXECUTE format('REVOKE %I FROM %I', other, who);
        END IF;
    END LOOP;
    IF NOT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                   JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = grp AND u.rolname = who)
    THEN
        EXECUTE format('GRANT %I TO %I', grp, who);
    END IF;
END
$$;

-- Takes `who` out of kiln's groups. The login role itself stays: it may own
-- objects or serve elsewhere on the cluster, and dropping it is the
-- superuser's call (`DROP ROLE`), not kiln's.
CREATE OR REPLACE FUNCTION kiln_remove_user(who text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    g text;
BEGIN
    IF who IS NULL OR who LIKE 'pg\_%'
        OR who IN ('public', 'kiln_admin', 'kiln_equipment_manager', 'kiln_viewer', 'kiln_role_maker')
    THEN
        RAISE EXCEPTION 'kiln_remove_user: % is a reserved role name', coalesce(who, 'NULL')
            USING ERRCODE = 'reserved_name';
    END IF;
    FOREACH g IN ARRAY ARRAY['kiln_admin', 'kiln_equipment_manager', 'kiln_viewer'] LOOP
        IF EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                   JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = g AND u.rolname = who AND NOT u.rolsuper)
        THEN
            EXECUTE format('REVOKE %I FROM %I', g, who);
        END IF;
    END LOOP;
END
$$;

ALTER FUNCTION kiln_add_user(text, text) OWNER TO kiln_role_maker;
ALTER FUNCTION kiln_remove_user(text) OWNER TO kiln_role_maker;
REVOKE ALL ON FUNCTION kiln_add_user(text, text), kiln_remove_user(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kiln_add_user(text, text), kiln_remove_user(text) TO kiln_admin;

-- PostgreSQL 16 and later: CREATEROLE alone no longer lets kiln_role_maker
-- grant the groups; ADMIN OPTION does, and INHERIT FALSE, SET FALSE keep it
-- from using what the groups may. (On 15 this syntax does not exist, and
-- CREATEROLE suffices.)
DO $admin$
DECLARE
    g text;
BEGIN
    IF current_setting('server_version_num')::int >= 160000 THEN
        FOREACH g IN ARRAY ARRAY['kiln_admin', 'kiln_equipment_manager', 'kiln_viewer'] LOOP
            IF NOT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                           JOIN pg_roles u ON u.oid = m.member
                           WHERE r.rolname = g AND u.rolname = 'kiln_role_maker' AND m.admin_option) THEN
                BEGIN
                    EXECUTE format('GRANT %I TO kiln_role_maker WITH ADMIN OPTION, INHERIT FALSE, SET FALSE', g);
                EXCEPTION WHEN unique_violation THEN
                    NULL;
                END;
            END IF;
        END LOOP;
    END IF;
END
$admin$;

-- Every operator kiln knows gets its login role and group (the first admin
-- that `kiln init --admin NAME` registered before this file ran, and anyone
-- added before roles existed). A name PostgreSQL cannot take is said and
-- skipped, not fatal: kiln refuses that operator's writes until it is
-- fixed.
DO $operators$
DECLARE
    op record;
BEGIN
    FOR op IN SELECT name, role FROM operator ORDER BY name LOOP
        BEGIN
            PERFORM kiln_add_user(op.name, CASE op.role WHEN 'admin' THEN 'kiln_admin'
                                  WHEN 'equipment-manager' THEN 'kiln_equipment_manager' ELSE 'kiln_viewer' END);
        EXCEPTION WHEN invalid_parameter_value OR reserved_name THEN
            RAISE WARNING 'operator %: %', op.name, SQLERRM;
        END;
    END LOOP;
END
$operators$;

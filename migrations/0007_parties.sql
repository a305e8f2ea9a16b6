-- Who pays (issue 19): rate classes and billing parties (청구처). A
-- booking names the party it is billed to: a company of the cluster, an
-- outside organisation with a BRN (a university's 산학협력단, an institute,
-- a firm outside the cluster) or an individual. Until now a booking by a
-- person with no company was billed to no one; from here every booking has
-- a party. Written so that running it again changes nothing.

-- The classes a party is priced by, with the centre-wide discount of each
-- in basis points (30 % = 3000). An empty centre discounts nothing, so its
-- prices are what they were; an admin sets the discounts and adds classes.
CREATE TABLE IF NOT EXISTS rate_class (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20 AND code NOT GLOB '*[^a-z0-9-]*'),
    name_ko   TEXT NOT NULL CHECK (length(name_ko) BETWEEN 1 AND 40),
    name_en   TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 40),
    discount  INTEGER NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 10000)
) STRICT;

INSERT OR IGNORE INTO rate_class (id, code, name_ko, name_en) VALUES
    (1, 'tenant', '입주기업', 'Tenant'),
    (2, 'sme', '중소기업', 'SME'),
    (3, 'mid-size', '중견기업', 'Mid-size firm'),
    (4, 'large', '대기업', 'Large firm'),
    (5, 'academia', '학계', 'Academia'),
    (6, 'institute', '연구기관', 'Research institute'),
    (7, 'public', '공공', 'Public'),
    (8, 'external', '외부', 'External');

-- A party's code is BP- and its id (BP-0001). A company's party is the
-- company's own, made with it (the trigger below): its name and BRN are the
-- company's. An organisation has a name and a BRN that no cluster company
-- holds; an individual a name and maybe the person it was made for.
-- class_id NULL: a company is "tenant" on a day it holds a lease and
-- "external" otherwise, as kiln priced before classes; anyone else
-- "external".
CREATE TABLE IF NOT EXISTS party (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (code GLOB 'BP-[0-9][0-9][0-9][0-9]*'),
    kind        TEXT NOT NULL CHECK (kind IN ('company', 'organisation', 'individual')),
    name        TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 100),
    company_id  INTEGER UNIQUE REFERENCES company (id),
    brn         TEXT UNIQUE CHECK (brn IS NULL OR (length(brn) = 10 AND brn NOT GLOB '*[^0-9]*')),
    person_id   INTEGER UNIQUE REFERENCES person (id),
    class_id    INTEGER REFERENCES rate_class (id),
    email       TEXT CHECK (email IS NULL OR length(email) <= 254),
    search      TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'company') = (company_id IS NOT NULL)),
    CHECK ((kind = 'company') = (name IS NULL)),
    CHECK ((kind = 'organisation') = (brn IS NOT NULL)),
    CHECK (kind = 'individual' OR person_id IS NULL)
) STRICT;

-- The people who may book for an organisation (or for another's individual
-- party). A person books for their company's party and their own
-- individual party without a row here.
CREATE TABLE IF NOT EXISTS party_member (
    party_id   INTEGER NOT NULL REFERENCES party (id),
    person_id  INTEGER NOT NULL REFERENCES person (id),
    PRIMARY KEY (party_id, person_id)
) STRICT;

CREATE INDEX IF NOT EXISTS party_member_person ON party_member (person_id);

-- Every company has its party.
INSERT INTO party (id, code, kind, company_id)
SELECT n, printf('BP-%04d', n), 'company', c.id
  FROM (SELECT c.id, (SELECT coalesce(max(id), 0) FROM party) + row_number() OVER (ORDER BY c.id) AS n
          FROM company c WHERE NOT EXISTS (SELECT 1 FROM party p WHERE p.company_id = c.id)) c;

CREATE TRIGGER IF NOT EXISTS party_of_company
AFTER INSERT ON company
BEGIN
    INSERT INTO party (id, code, kind, company_id)
    SELECT n, printf('BP-%04d', n), 'company', NEW.id FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM party);
END;

-- A person with no company who booked becomes an individual party.
INSERT INTO party (id, code, kind, name, person_id)
SELECT n, printf('BP-%04d', n), 'individual', p.name, p.id
  FROM (SELECT p.id, p.name, (SELECT coalesce(max(id), 0) FROM party) + row_number() OVER (ORDER BY p.id) AS n
          FROM person p
         WHERE EXISTS (SELECT 1 FROM booking b WHERE b.person_id = p.id AND b.company_id IS NULL)
           AND NOT EXISTS (SELECT 1 FROM party y WHERE y.person_id = p.id)) p;

ALTER TABLE booking ADD COLUMN party_id INTEGER REFERENCES party (id);

UPDATE booking SET party_id = coalesce(
    (SELECT y.id FROM party y WHERE y.company_id = booking.company_id),
    (SELECT y.id FROM party y WHERE y.person_id = booking.person_id))
 WHERE party_id IS NULL;

CREATE INDEX IF NOT EXISTS booking_party_start ON booking (party_id, start);

-- Every booking names its party, and a booking billed to a company names
-- that company's party: a party other than a company's bills no company.
CREATE TRIGGER IF NOT EXISTS booking_party_on_insert
BEFORE INSERT ON booking
WHEN NEW.party_id IS NULL
  OR NEW.company_id IS NOT (SELECT y.company_id FROM party y WHERE y.id = NEW.party_id)
BEGIN
    SELECT RAISE(ABORT, 'booking_party');
END;

CREATE TRIGGER IF NOT EXISTS booking_party_on_update
BEFORE UPDATE OF party_id, company_id ON booking
WHEN NEW.party_id IS NULL
  OR NEW.company_id IS NOT (SELECT y.company_id FROM party y WHERE y.id = NEW.party_id)
BEGIN
    SELECT RAISE(ABORT, 'booking_party');
END;

-- An organisation is outside the cluster: no company holds its BRN.
CREATE TRIGGER IF NOT EXISTS party_not_a_company
BEFORE INSERT ON party
WHEN NEW.brn IS NOT NULL AND EXISTS (SELECT 1 FROM company c WHERE c.brn = NEW.brn)
BEGIN
    SELECT RAISE(ABORT, 'party_is_company');
END;

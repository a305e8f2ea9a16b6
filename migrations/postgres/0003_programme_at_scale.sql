-- Counterpart of migrations/0003_programme_at_scale.sql: the programme's
-- figures at scale (issue 8).

-- The programme counts companies by zone, admitted and left as of a year's
-- end: this index holds the four columns it reads.
CREATE INDEX company_programme ON company (admitted_on, zone, stage, left_on);

-- Each year's sums of the yearly reports, kept by the triggers below in the
-- same transaction as the report they follow.
CREATE TABLE yearly_total (
    year             bigint PRIMARY KEY,
    reporting        bigint NOT NULL,    -- how many reports the year has
    employees        bigint NOT NULL,
    sales            bigint NOT NULL,    -- won
    exports          bigint NOT NULL,    -- won
    rnd_spend        bigint NOT NULL,    -- won
    patents_filed    bigint NOT NULL,
    patents_granted  bigint NOT NULL,
    investment       bigint NOT NULL     -- won
);

INSERT INTO yearly_total (year, reporting, employees, sales, exports, rnd_spend, patents_filed, patents_granted,
                          investment)
SELECT year, count(*), sum(employees), sum(sales), sum(exports), sum(rnd_spend), sum(patents_filed),
       sum(patents_granted), sum(investment)
  FROM yearly_report GROUP BY year;

-- The sums are kept race-free without a lock of their own: the upsert and
-- the relative UPDATE lock the year's row and add to its latest version.

CREATE FUNCTION yearly_total_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO yearly_total AS t (year, reporting, employees, sales, exports, rnd_spend, patents_filed, patents_granted,
                                   investment)
    VALUES (NEW.year, 1, NEW.employees, NEW.sales, NEW.exports, NEW.rnd_spend, NEW.patents_filed,
            NEW.patents_granted, NEW.investment)
    ON CONFLICT (year) DO UPDATE SET
        reporting = t.reporting + 1,
        employees = t.employees + excluded.employees,
        sales = t.sales + excluded.sales,
        exports = t.exports + excluded.exports,
        rnd_spend = t.rnd_spend + excluded.rnd_spend,
        patents_filed = t.patents_filed + excluded.patents_filed,
        patents_granted = t.patents_granted + excluded.patents_granted,
        investment = t.investment + excluded.investment;
    RETURN NULL;
END
$$;

CREATE FUNCTION yearly_total_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE yearly_total SET
        reporting = reporting - 1,
        employees = employees - OLD.employees,
        sales = sales - OLD.sales,
        exports = exports - OLD.exports,
        rnd_spend = rnd_spend - OLD.rnd_spend,
        patents_filed = patents_filed - OLD.patents_filed,
        patents_granted = patents_granted - OLD.patents_granted,
        investment = investment - OLD.investment
     WHERE year = OLD.year;
    RETURN NULL;
END
$$;

-- A correction takes the old figures out of their year and adds the new.
CREATE FUNCTION yearly_total_correct() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE yearly_total SET
        reporting = reporting - 1,
        employees = employees - OLD.employees,
        sales = sales - OLD.sales,
        exports = exports - OLD.exports,
        rnd_spend = rnd_spend - OLD.rnd_spend,
        patents_filed = patents_filed - OLD.patents_filed,
        patents_granted = patents_granted - OLD.patents_granted,
        investment = investment - OLD.investment
     WHERE year = OLD.year;
    INSERT INTO yearly_total AS t (year, reporting, employees, sales, exports, rnd_spend, patents_filed, patents_granted,
                                   investment)
    VALUES (NEW.year, 1, NEW.employees, NEW.sales, NEW.exports, NEW.rnd_spend, NEW.patents_filed,
            NEW.patents_granted, NEW.investment)
    ON CONFLICT (year) DO UPDATE SET
        reporting = t.reporting + 1,
        employees = t.employees + excluded.employees,
        sales = t.sales + excluded.sales,
        exports = t.exports + excluded.exports,
        rnd_spend = t.rnd_spend + excluded.rnd_spend,
        patents_filed = t.patents_filed + excluded.patents_filed,
        patents_granted = t.patents_granted + excluded.patents_granted,
        investment = t.investment + excluded.investment;
    RETURN NULL;
END
$$;

CREATE TRIGGER yearly_total_add
AFTER INSERT ON yearly_report
FOR EACH ROW EXECUTE FUNCTION yearly_total_add();

CREATE TRIGGER yearly_total_correct
AFTER UPDATE ON yearly_report
FOR EACH ROW EXECUTE FUNCTION yearly_total_correct();

CREATE TRIGGER yearly_total_remove
AFTER DELETE ON yearly_report
FOR EACH ROW EXECUTE FUNCTION yearly_total_remove();

CREATE TRIGGER yearly_total_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON yearly_total
FOR EACH STATEMENT EXECUTE FUNCTION kiln_changed();

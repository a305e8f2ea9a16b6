//! Figures over time: the first admission, the training outcomes.

use chrono::NaiveDate;

use crate::error::Result;
use crate::store::Sql;

/// The day the first company was admitted, if any was.
pub fn first_admitted(db: Sql<'_>) -> Result<Option<NaiveDate>> {
    db.value("SELECT min(admitted_on) FROM company", &[])
}

/// One course's cohorts completed in one year, summed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseYear {
    pub course: String,
    pub title: String,
    pub year: i32,
    pub cohorts: i64,
    /// Trainees who held a seat to the end.
    pub trainees: i64,
    pub completed: i64,
    pub qualifications: i64,
}

/// Per course and year of completion, newest year first.
pub fn course_years(db: Sql<'_>) -> Result<Vec<CourseYear>> {
    db.all(
        // Each cohort's counts once, summed per course and year: asking
        // per course and year for the counts of all its cohorts took
        // 0.7 s at 5,000 cohorts.
        &format!(
            "SELECT c.code, c.title, {year}, count(*),
                    coalesce(sum(e.trainees), 0), coalesce(sum(e.completed), 0), coalesce(sum(q.n), 0)
               FROM cohort h JOIN course c ON c.id = h.course_id
               LEFT JOIN (SELECT cohort_id, count(*) FILTER (WHERE status IN ('completed', 'failed')) AS trainees,
                                 count(*) FILTER (WHERE status = 'completed') AS completed
                            FROM enrolment GROUP BY cohort_id) e ON e.cohort_id = h.id
               LEFT JOIN (SELECT cohort_id, count(*) AS n FROM qualification WHERE cohort_id IS NOT NULL
                           GROUP BY cohort_id) q ON q.cohort_id = h.id
              WHERE h.completed_on IS NOT NULL
              GROUP BY c.id, {year}
              ORDER BY 3 DESC, c.code",
            year = crate::store::sql::year_of(db, "h.completed_on")
        ),
        &[],
        |r| {
            Ok(CourseYear {
                course: r.get(0)?,
                title: r.get(1)?,
                year: r.get(2)?,
                cohorts: r.get(3)?,
                trainees: r.get(4)?,
                completed: r.get(5)?,
                qualifications: r.get(6)?,
            })
        },
    )
}

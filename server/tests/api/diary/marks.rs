//! Marks by subject: the weighted average, period marks of a closed
//! quarter, and a period of another year refused.

use app::model::accounts::SessionUser;
use app::model::diary::{average_of, MarksView};
use app::server::entities::lesson;
use app::server::seed::PARENT_EMAIL;
use app::server::{diary, AppState};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::atomic::Ordering;

use super::marks_at;
use crate::both_databases;
use crate::helpers::TestApp;

async fn marks_by_subject_carry_the_right_weighted_average(app: &TestApp) {
    let c = app.signed_in(PARENT_EMAIL).await;
    let maria = app.person("Кузнецова", "Мария").await.id;

    let (status, view) = app
        .call_json::<MarksView>(&c, "diary_marks", &[("student", &maria.to_string())])
        .await;
    assert_eq!(status, 200);

    assert_eq!(view.period.name, "2 четверть");
    assert_eq!(view.subjects.len(), 8);
    let maths = view
        .subjects
        .iter()
        .find(|s| s.subject == "Математика")
        .unwrap();
    // Recompute from the database, independently of the service.
    let rows = marks_at(
        app,
        maria,
        lesson::Entity::find()
            .filter(lesson::Column::SectionId.eq(maths.section_id.0))
            .filter(lesson::Column::Date.between(view.period.starts_on, view.period.ends_on)),
    )
    .await;
    assert_eq!(maths.marks.len(), rows.len());
    let (num, den) = rows
        .iter()
        .filter(|m| !m.excluded)
        .fold((0i64, 0i64), |(n, d), m| {
            (
                n + i64::from(m.points.unwrap()) * i64::from(m.weight_centi),
                d + i64::from(m.weight_centi),
            )
        });
    let shown = average_of(&maths.marks);
    assert_eq!(shown.weighted_sum as i64, num);
    assert_eq!(shown.total_weight as i64, den);

    // The closed first quarter has its period marks.
    let q1 = view.periods.iter().find(|p| p.locked).unwrap();
    let (_, q1_view) = app
        .call_json::<MarksView>(
            &c,
            "diary_marks",
            &[
                ("student", &maria.to_string()),
                ("period", &q1.id.to_string()),
            ],
        )
        .await;
    assert!(q1_view.subjects.iter().all(|s| s.period_mark.is_some()));

    // A period of another school year is refused with a message.
    let res = app
        .call(
            &c,
            "diary_marks",
            &[("student", &maria.to_string()), ("period", "999999")],
        )
        .await;
    assert_eq!(res.status(), 422);
}

async fn marks_read_again_cost_a_fixed_few_queries(app: &TestApp) {
    let c = app.signed_in(PARENT_EMAIL).await;
    let (_, me) = app.call_json::<SessionUser>(&c, "me", &[]).await;
    let (db, counter) = app.counted_db();
    let st = AppState::new(db, Default::default());
    let read = || async {
        counter.store(0, Ordering::SeqCst);
        let v = diary::marks(&st, &me, None, None).await.unwrap();
        (counter.load(Ordering::SeqCst), v)
    };
    let (cold, first) = read().await;
    let (warm, again) = read().await;
    let count = |v: &MarksView| v.subjects.iter().map(|s| s.marks.len()).sum::<usize>();
    assert!(count(&first) > 0);
    assert_eq!(count(&again), count(&first));
    assert!(
        cold > warm,
        "{cold} queries built them, {warm} read them again"
    );
    // The current year's periods (whether one is closed, fresh; the years
    // come with the cached school set-up) and the class's journal version.
    assert_eq!(warm, 2, "{warm} queries for marks read again");
}

both_databases!(
    marks_by_subject_carry_the_right_weighted_average,
    marks_read_again_cost_a_fixed_few_queries,
);

use app::server::entities::*;
use app::server::seed;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use sea_orm_migration::MigratorTrait;

use crate::both_databases;
use crate::helpers::{seed_day, seed_options, TestApp};

async fn migrations_are_all_applied_at_start(app: &TestApp) {
    let applied = app::server::migration::Migrator::get_applied_migrations(&app.db)
        .await
        .unwrap();
    let known = app::server::migration::Migrator::migrations();

    assert_eq!(applied.len(), known.len());
    assert!(
        app::server::migration::Migrator::get_pending_migrations(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn the_audit_log_refuses_updates_and_deletes(app: &TestApp) {
    app.db
        .execute_unprepared(
            "INSERT INTO audit_log (at, action, entity) VALUES (CURRENT_TIMESTAMP, 'test', 'nothing')",
        )
        .await
        .unwrap();

    let update = app
        .db
        .execute_unprepared("UPDATE audit_log SET action = 'forged'")
        .await;
    let delete = app.db.execute_unprepared("DELETE FROM audit_log").await;

    assert!(update.is_err(), "UPDATE must be refused");
    assert!(delete.is_err(), "DELETE must be refused");
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let rows = audit_log::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].action, "test");
}

async fn the_demo_school_has_a_term_of_lessons_marks_and_attendance(app: &TestApp) {
    let periods = period::Entity::find().all(&app.db).await.unwrap();
    let q1 = periods.iter().find(|p| p.name == "1 четверть").unwrap();
    let q2 = periods.iter().find(|p| p.name == "2 четверть").unwrap();
    assert!(q1.locked, "a quarter that ended weeks ago is closed");
    assert!(!q2.locked);

    let lessons = lesson::Entity::find().count(&app.db).await.unwrap();
    let marks = mark::Entity::find().all(&app.db).await.unwrap();
    let attendance = attendance_record::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    let period_marks = period_mark::Entity::find().count(&app.db).await.unwrap();
    assert!(lessons > 1000, "{lessons} lessons");
    assert!(marks.len() > 500, "{} marks", marks.len());
    assert!(attendance > 20, "{attendance} attendance records");
    // Every student has a period mark in every subject of the closed quarter.
    assert_eq!(period_marks, 14 * 8);
    assert!(marks.iter().all(|m| (2..=5).contains(&m.points.unwrap())));

    // No marks after the seed day; lessons do go on for the next two weeks.
    let future = lesson::Entity::find()
        .filter(lesson::Column::Date.gt(seed_day()))
        .all(&app.db)
        .await
        .unwrap();
    assert!(!future.is_empty());
    let future_ids: Vec<i64> = future.iter().map(|l| l.id).collect();
    assert_eq!(
        mark::Entity::find()
            .filter(mark::Column::LessonId.is_in(future_ids))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    // Students carry full Russian names with a birth date.
    let family = person::Entity::find()
        .filter(person::Column::LastName.eq("Кузнецова"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(family.middle_name.as_deref(), Some("Андреевна"));
    assert!(family.birth_date.is_some());
    assert_eq!(family.name_key, "кузнецова|мария|андреевна");
}

async fn seeding_again_changes_nothing(app: &TestApp) {
    let before = mark::Entity::find().count(&app.db).await.unwrap();

    let again = seed::seed_if_empty(&app.db, &seed_options()).await.unwrap();

    assert!(again.is_none());
    assert_eq!(school::Entity::find().count(&app.db).await.unwrap(), 1);
    assert_eq!(mark::Entity::find().count(&app.db).await.unwrap(), before);
}

async fn a_duplicate_mark_in_the_same_slot_is_refused_by_the_database(app: &TestApp) {
    let m = mark::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut copy: mark::ActiveModel = m.clone().into();
    copy.id = sea_orm::ActiveValue::NotSet;

    let err = mark::Entity::insert(copy).exec(&app.db).await.unwrap_err();

    assert!(matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    ));
    let shown = app::error::AppError::from(app::server::ServiceError::from(err));
    assert_eq!(shown.status(), 409);
}

both_databases!(
    migrations_are_all_applied_at_start,
    the_audit_log_refuses_updates_and_deletes,
    the_demo_school_has_a_term_of_lessons_marks_and_attendance,
    seeding_again_changes_nothing,
    a_duplicate_mark_in_the_same_slot_is_refused_by_the_database,
);

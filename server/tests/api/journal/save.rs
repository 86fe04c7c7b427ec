//! Saving batches of edits: marks written, updated and cleared with their
//! versions, audit trail and history; the refusals of bad input; period
//! marks with the computed average; the lesson header with its homework.

use app::domain::journal::{summarize, CellBase, CellData, CellMark};
use app::model::journal::{
    EditOutcome, EditState, HistoryEntry, HomeworkInput, JournalEdit, MarkInput,
};
use app::server::entities::{homework, lesson, mark, period_mark};
use app::server::seed::{PARENT_EMAIL, TEACHER_EMAIL};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    cell_edit, class_version, future_lesson, lessons_of, maths, quarter, save_new_mark, saved_cell,
    student_and_type,
};
use crate::both_databases;
use crate::helpers::{seed_day, TestApp};

async fn marks_are_written_updated_and_cleared_with_versions_audit_and_history(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = future_lesson(app, s.id).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let version_before = class_version(app, s.class_id).await;

    // Create.
    let first = save_new_mark(app, &teacher, s.id, lesson.id, student, ("5", wt)).await;
    assert_eq!(first.text(), "5");
    assert_eq!(first.marks[0].version, 1);
    assert!(class_version(app, s.class_id).await > version_before);

    // Update to two marks, based on what was stored.
    let (_, out) = app
        .journal_save(
            &teacher,
            s.id,
            &[cell_edit(
                lesson.id,
                student,
                &[("3", wt), ("5", wt)],
                first.base(),
            )],
        )
        .await;
    let second = saved_cell(&out.unwrap()[0]);
    assert_eq!(second.text(), "3/5");
    assert_eq!(second.marks[0].version, 2);
    assert_eq!(second.marks[0].id, first.marks[0].id);
    assert_eq!(second.marks[1].version, 1);
    let stored = mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .filter(mark::Column::StudentId.eq(student))
        .order_by_asc(mark::Column::Slot)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        stored
            .iter()
            .map(|m| (m.slot, m.value.as_str(), m.points))
            .collect::<Vec<_>>(),
        [(0, "3", Some(3)), (1, "5", Some(5))]
    );

    // Attendance and clearing.
    let absent = JournalEdit::Cell {
        lesson_id: lesson.id.into(),
        student_id: student.into(),
        marks: vec![],
        attendance: Some("Н".into()),
        base: second.base(),
    };
    let (_, out) = app.journal_save(&teacher, s.id, &[absent]).await;
    let third = saved_cell(&out.unwrap()[0]);
    assert_eq!(third.text(), "Н");
    let (_, out) = app
        .journal_save(
            &teacher,
            s.id,
            &[cell_edit(lesson.id, student, &[], third.base())],
        )
        .await;
    assert!(saved_cell(&out.unwrap()[0]).is_empty());
    assert!(mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .all(&app.db)
        .await
        .unwrap()
        .is_empty());

    // Every change is in the audit log, with old and new values.
    let log = app.audit_trail("journal_cell", lesson.id).await;
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "mark.create",
            "mark.update",
            "mark.create",
            "mark.delete",
            "mark.delete",
            "attendance.create",
            "attendance.delete"
        ]
    );
    let update = &log[1];
    assert!(update
        .old_value
        .as_deref()
        .unwrap()
        .contains("\"value\":\"5\""));
    assert!(update
        .new_value
        .as_deref()
        .unwrap()
        .contains("\"value\":\"3\""));
    let teacher_id = app.user(TEACHER_EMAIL).await.id;
    assert!(log.iter().all(|e| e.actor_user_id == Some(teacher_id)));

    // The cell's history, newest first, names who did it.
    let (status, history) = app
        .call_json::<Vec<HistoryEntry>>(
            &teacher,
            "journal_history",
            &[
                ("lesson_id", &lesson.id.to_string()),
                ("student_id", &student.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(history.len(), 7);
    assert_eq!(history[0].action, "attendance.delete");
    assert_eq!(history[6].action, "mark.create");
    assert_eq!(
        history[6].new_value.as_deref().map(|v| v.starts_with('5')),
        Some(true)
    );
    assert!(history[0].who.starts_with("Смирнова"));
    // Someone without rights cannot read it.
    let parent = app.signed_in(PARENT_EMAIL).await;
    let res = app
        .call(
            &parent,
            "journal_history",
            &[
                ("lesson_id", &lesson.id.to_string()),
                ("student_id", &student.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
}

async fn bad_input_gets_a_clear_message_and_changes_nothing(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = future_lesson(app, s.id).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let long = "я".repeat(501);
    let edits = [
        cell_edit(lesson.id, student, &[("7", wt)], CellBase::default()),
        cell_edit(lesson.id, student, &[("5", 999_999)], CellBase::default()),
        cell_edit(
            lesson.id,
            student,
            &[("5", wt), ("4", wt), ("3", wt)],
            CellBase::default(),
        ),
        JournalEdit::Cell {
            lesson_id: lesson.id.into(),
            student_id: student.into(),
            marks: vec![MarkInput {
                value: "5".into(),
                work_type_id: wt.into(),
                comment: Some(long),
                excluded: false,
            }],
            attendance: None,
            base: CellBase::default(),
        },
        JournalEdit::Cell {
            lesson_id: lesson.id.into(),
            student_id: student.into(),
            marks: vec![],
            attendance: Some("X".into()),
            base: CellBase::default(),
        },
    ];

    let (status, out) = app.journal_save(&teacher, s.id, &edits).await;

    assert_eq!(status, 200);
    let messages: Vec<String> = out
        .unwrap()
        .into_iter()
        .map(|o| match o {
            EditOutcome::Refused(m) => m,
            other => panic!("expected a refusal, got {other:?}"),
        })
        .collect();
    assert_eq!(messages[0], "«7» — не отметка");
    assert_eq!(messages[1], "Такого вида работы в школе нет");
    assert_eq!(messages[2], "В клетке не больше двух отметок");
    assert_eq!(messages[3], "Комментарий длиннее 500 знаков");
    assert_eq!(messages[4], "«X» — не отметка посещаемости");
    assert!(mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .all(&app.db)
        .await
        .unwrap()
        .is_empty());
    // A student of another class is refused too.
    let stranger = app.person("Кузнецова", "Мария").await;
    let (_, out) = app
        .journal_save(
            &teacher,
            s.id,
            &[cell_edit(
                lesson.id,
                stranger.id,
                &[("5", wt)],
                CellBase::default(),
            )],
        )
        .await;
    assert!(
        matches!(&out.unwrap()[0], EditOutcome::Refused(m) if m == "Этого ученика в этот день не было в классе")
    );
    // An empty batch, or too big a one, is a 422; a lesson of another section a 403.
    let (status, _) = app.journal_save(&teacher, s.id, &[]).await;
    assert_eq!(status, 422);
    let too_many = vec![edits[0].clone(); 501];
    let (status, _) = app.journal_save(&teacher, s.id, &too_many).await;
    assert_eq!(status, 422);
    let other_section = maths(app, "7А").await;
    let (status, _) = app
        .journal_save(&teacher, other_section.id, &edits[..1])
        .await;
    assert_eq!(status, 403);
}

async fn a_period_mark_is_stored_with_the_computed_average(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, _) = student_and_type(app, &s).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let q2 = quarter(app, 2).await;
    let edit = |value: &str, base_version| JournalEdit::PeriodMark {
        period_id: q2.id.into(),
        student_id: student.into(),
        value: Some(value.into()),
        base_version,
    };

    let (status, out) = app.journal_save(&teacher, s.id, &[edit("4", None)]).await;

    assert_eq!(status, 200);
    let saved = match &out.unwrap()[0] {
        EditOutcome::Saved(EditState::PeriodMark(Some(m))) => m.clone(),
        other => panic!("expected a saved period mark, got {other:?}"),
    };
    assert_eq!(saved.value, "4");
    // The average stored beside it is the shared rule over the stored marks.
    let lesson_ids: Vec<i64> = lessons_of(app, s.id)
        .await
        .into_iter()
        .filter(|l| l.date >= q2.starts_on && l.date <= q2.ends_on)
        .map(|l| l.id)
        .collect();
    let cells: Vec<CellData> = mark::Entity::find()
        .filter(mark::Column::LessonId.is_in(lesson_ids))
        .filter(mark::Column::StudentId.eq(student))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| CellData {
            marks: vec![CellMark {
                id: Some(m.id.into()),
                version: m.version,
                value: m.value,
                work_type_id: m.work_type_id.into(),
                weight_centi: m.weight_centi as u32,
                comment: None,
                excluded: m.excluded,
            }],
            attendance: None,
        })
        .collect();
    assert_eq!(saved.average_centi, summarize(cells.iter()).average.centi());
    let row = period_mark::Entity::find()
        .filter(period_mark::Column::PeriodId.eq(q2.id))
        .filter(period_mark::Column::StudentId.eq(student))
        .filter(period_mark::Column::SectionId.eq(s.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.points, Some(4));
    // A second "first" write is a conflict; a write on the stored version passes.
    let (_, out) = app.journal_save(&teacher, s.id, &[edit("5", None)]).await;
    assert!(matches!(
        out.unwrap()[0],
        EditOutcome::Conflict(EditState::PeriodMark(Some(_)))
    ));
    let (_, out) = app
        .journal_save(&teacher, s.id, &[edit("5", Some(saved.version))])
        .await;
    assert!(
        matches!(&out.unwrap()[0], EditOutcome::Saved(EditState::PeriodMark(Some(m))) if m.value == "5" && m.version == 2)
    );
    // Not a mark: refused.
    let (_, out) = app
        .journal_save(&teacher, s.id, &[edit("отл", Some(2))])
        .await;
    assert!(matches!(out.unwrap()[0], EditOutcome::Refused(_)));
}

async fn the_lesson_header_keeps_topic_and_homework_due_at_a_later_lesson(app: &TestApp) {
    let s = maths(app, "5А").await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let lessons: Vec<lesson::Model> = lessons_of(app, s.id)
        .await
        .into_iter()
        .filter(|l| l.date > seed_day())
        .collect();
    let (lesson, due_at) = (&lessons[0], &lessons[2]);
    let edit = |base_version, due: Option<i64>| JournalEdit::Lesson {
        lesson_id: lesson.id.into(),
        topic: Some("  Сложение дробей ".into()),
        work_type_id: None,
        homework: Some(HomeworkInput {
            text: "№ 512, 514".into(),
            due_lesson_id: due.map(Into::into),
        }),
        attendance_taken: true,
        base_version,
    };

    let (status, out) = app
        .journal_save(&teacher, s.id, &[edit(lesson.version, Some(due_at.id))])
        .await;

    assert_eq!(status, 200);
    let saved = match &out.unwrap()[0] {
        EditOutcome::Saved(EditState::Lesson(l)) => l.clone(),
        other => panic!("expected a saved lesson, got {other:?}"),
    };
    assert_eq!(saved.topic.as_deref(), Some("Сложение дробей"));
    assert_eq!(saved.version, lesson.version + 1);
    assert!(saved.attendance_taken);
    let hw = homework::Entity::find()
        .filter(homework::Column::LessonId.eq(lesson.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hw.text, "№ 512, 514");
    assert_eq!(hw.due_lesson_id, Some(due_at.id));
    assert_eq!(hw.due_on, due_at.date);
    // Stale version: conflict, and the stored header comes back.
    let (_, out) = app
        .journal_save(&teacher, s.id, &[edit(lesson.version, None)])
        .await;
    assert!(
        matches!(&out.unwrap()[0], EditOutcome::Conflict(EditState::Lesson(l)) if l.version == saved.version)
    );
    // Due at an earlier lesson: refused.
    let (_, out) = app
        .journal_save(
            &teacher,
            s.id,
            &[edit(saved.version, Some(lessons_of(app, s.id).await[0].id))],
        )
        .await;
    assert!(matches!(out.unwrap()[0], EditOutcome::Refused(_)));
    assert_eq!(app.audit_trail("lesson", lesson.id).await.len(), 1);
}

both_databases!(
    marks_are_written_updated_and_cleared_with_versions_audit_and_history,
    bad_input_gets_a_clear_message_and_changes_nothing,
    a_period_mark_is_stored_with_the_computed_average,
    the_lesson_header_keeps_topic_and_homework_due_at_a_later_lesson,
);

//! Taking the server's outcomes: saved, typed again, conflict, refused.

use super::*;
use crate::domain::ids::{LessonId, MarkId, WorkTypeId};
use crate::domain::journal::{parse_cell, CellBase, CellMark};
use crate::i18n::{journal, Lang};
use crate::ui::journal::sync::{Answer, Effect, SaveQueue, SEND_DELAY};

fn stored(value: &str, id: i64, version: i32) -> CellData {
    CellData {
        marks: vec![CellMark {
            id: Some(MarkId(id)),
            version,
            value: value.into(),
            work_type_id: WorkTypeId(1),
            weight_centi: 100,
            comment: None,
            excluded: false,
        }],
        attendance: None,
    }
}

fn typed(cell: &mut CellState, text: &str) {
    cell.shown = cell
        .shown
        .with_input(&parse_cell(text).unwrap(), (WorkTypeId(1), 100));
    cell.status = Status::Pending;
}

/// The cell the tests write.
const KEY: CellKey = CellKey {
    lesson: LessonId(10),
    student: PersonId(20),
};

fn texts() -> &'static JournalTexts {
    journal::texts(Lang::En)
}

fn period_mark(value: &str, version: i32) -> PeriodMarkData {
    PeriodMarkData {
        value: value.into(),
        average_centi: None,
        version,
    }
}

fn lesson(version: i32, writable: bool) -> GridLesson {
    GridLesson {
        id: LessonId(5),
        date: chrono::NaiveDate::from_ymd_opt(2024, 9, 2).unwrap(),
        number: 1,
        topic: None,
        work_type_id: None,
        homework: None,
        attendance_taken: false,
        version,
        writable,
    }
}

#[test]
fn a_saved_cell_shows_what_the_server_stored() {
    let mut cell = CellState::loaded(CellData::default());
    typed(&mut cell, "5");
    let (edit, sent) = cell.edit(KEY);
    assert!(matches!(
        edit,
        JournalEdit::Cell {
            lesson_id: LessonId(10),
            student_id: PersonId(20),
            ..
        }
    ));
    assert_eq!(cell.status, Status::Saving);
    let again = cell.take(
        &sent,
        EditOutcome::Saved(EditState::Cell(stored("5", 7, 1))),
        texts,
    );
    assert!(!again);
    assert_eq!(cell.shown, stored("5", 7, 1), "with the new id and version");
    assert_eq!(cell.server, stored("5", 7, 1));
    assert_eq!((cell.status, cell.note.clone()), (Status::Saved, None));
}

#[test]
fn a_conflict_shows_their_value_and_what_was_not_saved() {
    let mut cell = CellState::loaded(stored("4", 7, 1));
    typed(&mut cell, "5");
    let (_, sent) = cell.edit(KEY);
    let again = cell.take(
        &sent,
        EditOutcome::Conflict(EditState::Cell(stored("3", 7, 2))),
        texts,
    );
    assert!(!again, "a conflict is not sent again");
    assert_eq!(cell.shown, stored("3", 7, 2));
    assert_eq!(cell.server, stored("3", 7, 2));
    assert_eq!(cell.status, Status::Conflict);
    assert_eq!(
        cell.note.as_deref(),
        Some("Someone else has changed this cell: «3». Your «5» was not saved.")
    );
    let mut ru = CellState::loaded(stored("4", 7, 1));
    typed(&mut ru, "5");
    let (_, sent) = ru.edit(KEY);
    ru.take(
        &sent,
        EditOutcome::Conflict(EditState::Cell(stored("3", 7, 2))),
        || journal::texts(Lang::Ru),
    );
    assert_eq!(
        ru.note.as_deref(),
        Some("Эту клетку уже изменил другой пользователь: «3». Ваше «5» не сохранено.")
    );
}

#[test]
fn a_refused_cell_goes_back_to_the_stored_value() {
    let mut cell = CellState::loaded(stored("4", 7, 1));
    typed(&mut cell, "2");
    let (_, sent) = cell.edit(KEY);
    let again = cell.take(&sent, EditOutcome::Refused("closed".into()), texts);
    assert!(!again);
    assert_eq!(cell.shown, stored("4", 7, 1));
    assert_eq!(
        (cell.status, cell.note.as_deref()),
        (Status::Refused, Some("closed"))
    );
}

#[test]
fn a_final_mark_typed_again_is_sent_again_on_the_new_version() {
    let mut fin = FinalState::loaded(Some(period_mark("4", 1)));
    fin.shown = Some("5".into());
    let (edit, sent) = fin.edit(PeriodId(3), PersonId(20));
    assert_eq!(
        edit,
        JournalEdit::PeriodMark {
            period_id: PeriodId(3),
            student_id: PersonId(20),
            value: Some("5".into()),
            base_version: Some(1),
        }
    );
    fin.shown = None;
    let again = fin.take(
        &sent,
        EditOutcome::Saved(EditState::PeriodMark(Some(period_mark("5", 2)))),
        texts,
    );
    assert!(again);
    assert_eq!((fin.shown.clone(), fin.status), (None, Status::Pending));
    let (edit, _) = fin.edit(PeriodId(3), PersonId(20));
    assert!(matches!(
        edit,
        JournalEdit::PeriodMark {
            value: None,
            base_version: Some(2),
            ..
        }
    ));
}

#[test]
fn a_final_mark_conflict_shows_their_mark() {
    let mut fin = FinalState::loaded(None);
    fin.shown = Some("5".into());
    let (_, sent) = fin.edit(PeriodId(3), PersonId(20));
    let again = fin.take(
        &sent,
        EditOutcome::Conflict(EditState::PeriodMark(Some(period_mark("4", 3)))),
        texts,
    );
    assert!(!again);
    assert_eq!(fin.shown.as_deref(), Some("4"));
    assert_eq!(fin.status, Status::Conflict);
    assert_eq!(
        fin.note.as_deref(),
        Some("Someone else has changed this cell: «4»")
    );
}

#[test]
fn a_saved_lesson_keeps_whether_it_may_be_written() {
    let mut l = LessonState::loaded(lesson(1, true));
    l.shown.topic = Some("Дроби".into());
    let (edit, sent) = l.edit();
    assert!(matches!(
        edit,
        JournalEdit::Lesson {
            base_version: 1,
            ..
        }
    ));
    let back = GridLesson {
        topic: Some("Дроби".into()),
        ..lesson(2, false)
    };
    assert!(!l.take(&sent, EditOutcome::Saved(EditState::Lesson(back)), texts));
    assert!(l.shown.writable);
    assert_eq!(
        (l.server_version, l.shown.version, l.status),
        (2, 2, Status::Saved)
    );
}

#[test]
fn a_refused_lesson_keeps_what_was_typed() {
    let mut l = LessonState::loaded(lesson(1, true));
    l.shown.topic = Some("Дроби".into());
    let (_, sent) = l.edit();
    assert!(!l.take(&sent, EditOutcome::Refused("closed".into()), texts));
    assert_eq!(l.shown.topic.as_deref(), Some("Дроби"));
    assert_eq!(
        (l.status, l.note.as_deref()),
        (Status::Refused, Some("closed"))
    );
}

/// The marks an edit writes and the versions it is based on.
fn written(edit: &JournalEdit) -> (Vec<String>, CellBase) {
    match edit {
        JournalEdit::Cell { marks, base, .. } => (
            marks.iter().map(|m| m.value.clone()).collect(),
            base.clone(),
        ),
        other => panic!("not a cell: {other:?}"),
    }
}

#[test]
fn a_value_typed_again_on_its_way_is_sent_after_the_answer_on_the_returned_version() {
    let t = Target::Cell(0, 0);
    let mut q = SaveQueue::default();
    let mut cell = CellState::loaded(stored("4", 7, 1));
    typed(&mut cell, "5");
    assert_eq!(q.enqueue(t), Some(SEND_DELAY));
    assert_eq!(q.wake(), Some(vec![t]));
    let (first, sent) = cell.edit(KEY);
    assert_eq!(cell.status, Status::Saving);
    let base = |marks| CellBase {
        marks,
        attendance: None,
    };
    assert_eq!(
        written(&first),
        (vec!["5".into()], base(vec![(MarkId(7), 1)]))
    );
    // Typed again while «5» is on its way; its wake-up finds «5» still out.
    typed(&mut cell, "3");
    assert_eq!(q.enqueue(t), Some(SEND_DELAY));
    assert_eq!(q.wake(), None);
    // The server stored «5» as version 2.
    let outcome = EditOutcome::Saved(EditState::Cell(stored("5", 7, 2)));
    assert!(cell.take(&sent, outcome, texts));
    assert_eq!(
        (cell.shown.text(), cell.status),
        ("3".into(), Status::Pending)
    );
    let effects = q.on_answer(Answer::Taken { again: vec![t] });
    assert_eq!(effects, vec![Effect::Wake(SEND_DELAY)]);
    assert_eq!(q.wake(), Some(vec![t]));
    let (second, _) = cell.edit(KEY);
    assert_eq!(
        written(&second),
        (vec!["3".into()], base(vec![(MarkId(7), 2)]))
    );
}

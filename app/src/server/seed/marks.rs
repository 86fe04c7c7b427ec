//! What happened at the lessons: homework set at each lesson for the next,
//! and up to the seed day attendance and marks; then the period marks of
//! the closed quarters, suggested by the school's policy.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::{ConnectionTrait, DbErr, Set};

use super::calendar::Calendar;
use super::grading::{Grading, TEST};
use super::roster::Roster;
use super::staff::Staff;
use super::timetable::{Lesson, SUBJECTS};
use super::Ctx;
use crate::domain::grades::{Average, WeightedMark};
use crate::server::db::insert_chunked;
use crate::server::entities::{
    attendance_code, attendance_record, homework, mark, period_mark, work_type,
};

/// Averages per (class, subject, student index, quarter index), for the
/// period marks of the closed quarters.
type Averages = HashMap<(usize, usize, usize, usize), Average>;

/// Marks and attendance of the lessons up to the seed day.
#[derive(Default)]
struct Marked {
    marks: Vec<mark::ActiveModel>,
    attendance: Vec<attendance_record::ActiveModel>,
    averages: Averages,
}

pub(super) async fn seed(
    cx: &mut Ctx<'_, impl ConnectionTrait>,
    cal: &Calendar,
    grading: &Grading,
    roster: &Roster,
    staff: &Staff,
    sections: &[Vec<i64>],
    lessons: &[Lesson],
) -> Result<(), DbErr> {
    let homework = homework(lessons, staff, cx.now);
    let marked = mark_lessons(cx, cal, grading, roster, staff, lessons);
    let period_marks = period_marks(cx, cal, roster, staff, sections, &marked.averages);
    insert_chunked(cx.db, marked.marks).await?;
    insert_chunked(cx.db, marked.attendance).await?;
    insert_chunked(cx.db, homework).await?;
    insert_chunked(cx.db, period_marks).await?;
    Ok(())
}

/// Homework set last lesson is due today.
fn homework(lessons: &[Lesson], staff: &Staff, now: DateTime<Utc>) -> Vec<homework::ActiveModel> {
    let mut rows = Vec::new();
    let mut last_lesson_of: HashMap<(usize, usize), i64> = HashMap::new();
    for l in lessons {
        if let Some(prev) = last_lesson_of.insert((l.class, l.subject), l.id) {
            rows.push(homework::ActiveModel {
                section_id: Set(l.section),
                lesson_id: Set(prev),
                due_lesson_id: Set(Some(l.id)),
                due_on: Set(l.date),
                text: Set(format!(
                    "{}: упражнения к теме урока, с. {}",
                    SUBJECTS[l.subject].0,
                    10 + (l.id % 90)
                )),
                created_by: Set(staff.teacher_user_of(l.class, l.subject)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
    }
    rows
}

/// Attendance and marks of every student at every lesson up to the seed
/// day. Draws a level per student first, then per lesson and student: the
/// attendance roll, for an absence its minutes late, then whether there is
/// a mark and how far it is from the level.
fn mark_lessons(
    cx: &mut Ctx<'_, impl ConnectionTrait>,
    cal: &Calendar,
    grading: &Grading,
    roster: &Roster,
    staff: &Staff,
    lessons: &[Lesson],
) -> Marked {
    let rng = &mut cx.rng;
    // Each student has a typical level, so averages differ believably.
    let levels: Vec<Vec<f64>> = roster
        .class_students
        .iter()
        .map(|ss| ss.iter().map(|_| rng.gen_range(2.6..4.9)).collect())
        .collect();
    let mut out = Marked::default();
    for l in lessons.iter().filter(|l| l.date <= cx.opts.today) {
        let period_index = cal.quarter_of(l.date);
        let test_day = l.work_type == TEST;
        let teacher = staff.teacher_user_of(l.class, l.subject);
        for (k, student) in roster.class_students[l.class].iter().enumerate() {
            let roll: f64 = rng.gen();
            if roll < 0.03 {
                let code = &grading.codes[absence_code(roll)];
                out.attendance
                    .push(absence(rng, code, l.id, *student, teacher, cx.now));
                if code.code != "ОП" {
                    continue;
                }
            }
            let chance = if test_day { 0.95 } else { 0.18 };
            if rng.gen_bool(chance) {
                let level = levels[l.class][k];
                let v = (level + rng.gen_range(-1.2..1.2)).round().clamp(2.0, 5.0) as i32;
                let wtype = &grading.work_types[if test_day { TEST } else { l.work_type }];
                if let Some(pi) = period_index {
                    out.averages
                        .entry((l.class, l.subject, k, pi))
                        .or_default()
                        .add(WeightedMark {
                            value: v as u8,
                            weight_centi: wtype.weight_centi as u32,
                        });
                }
                out.marks
                    .push(mark_row(l.id, *student, v, wtype, teacher, cx.now));
            }
        }
    }
    out
}

/// Which of the attendance codes an attendance roll under 0.03 means:
/// mostly ill, then absent, excused, late.
fn absence_code(roll: f64) -> usize {
    if roll < 0.012 {
        1
    } else if roll < 0.02 {
        0
    } else if roll < 0.025 {
        2
    } else {
        3
    }
}

/// An attendance record. Draws the minutes late for every absence, late or
/// not (`then_some` evaluates its argument), and only a late one keeps them.
fn absence(
    rng: &mut impl Rng,
    code: &attendance_code::Model,
    lesson_id: i64,
    student: i64,
    teacher: i64,
    now: DateTime<Utc>,
) -> attendance_record::ActiveModel {
    attendance_record::ActiveModel {
        lesson_id: Set(lesson_id),
        student_id: Set(student),
        code_id: Set(code.id),
        minutes_late: Set((code.code == "ОП").then_some(rng.gen_range(3..15))),
        comment: Set(None),
        created_by: Set(teacher),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

fn mark_row(
    lesson_id: i64,
    student: i64,
    v: i32,
    wtype: &work_type::Model,
    teacher: i64,
    now: DateTime<Utc>,
) -> mark::ActiveModel {
    mark::ActiveModel {
        lesson_id: Set(lesson_id),
        student_id: Set(student),
        slot: Set(0),
        value: Set(v.to_string()),
        points: Set(Some(v)),
        work_type_id: Set(wtype.id),
        weight_centi: Set(wtype.weight_centi),
        comment: Set(None),
        excluded: Set(false),
        due_on: Set(None),
        created_by: Set(teacher),
        created_at: Set(now),
        updated_by: Set(None),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// Period marks for the closed quarters, from the school's policy.
fn period_marks(
    cx: &Ctx<'_, impl ConnectionTrait>,
    cal: &Calendar,
    roster: &Roster,
    staff: &Staff,
    sections: &[Vec<i64>],
    averages: &Averages,
) -> Vec<period_mark::ActiveModel> {
    let mut rows = Vec::new();
    for (pi, (pid, locked)) in cal.periods.iter().enumerate() {
        if !locked {
            continue;
        }
        for (ci, students) in roster.class_students.iter().enumerate() {
            for (si, section) in sections[ci].iter().enumerate() {
                for (k, student) in students.iter().enumerate() {
                    let Some(avg) = averages.get(&(ci, si, k, pi)) else {
                        continue;
                    };
                    if let Some(v) = cx.policy.suggest(avg) {
                        rows.push(period_mark::ActiveModel {
                            section_id: Set(*section),
                            period_id: Set(*pid),
                            student_id: Set(*student),
                            value: Set(v.to_string()),
                            points: Set(Some(v as i32)),
                            average_centi: Set(avg.centi().map(|c| c as i32)),
                            set_by: Set(staff.teacher_user_of(ci, si)),
                            set_at: Set(cx.now),
                            version: Set(1),
                            ..Default::default()
                        });
                    }
                }
            }
        }
    }
    rows
}

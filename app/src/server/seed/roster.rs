//! The classes and their students, and the demo family: a parent whose two
//! children are in 7А (Мария, who also has an account) and 5А (Иван).

use chrono::{Datelike, Duration, NaiveDate};
use rand::Rng;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::calendar::{d, Calendar};
use super::rows::{add_person, add_user};
use super::staff::Staff;
use super::timetable::SUBJECTS;
use super::{names, Ctx, PARENT_EMAIL, STUDENT_EMAIL};
use crate::domain::roles::Role;
use crate::server::entities::{class, enrolment, guardianship};

pub(super) const CLASSES: [(&str, i32); 4] = [("5А", 5), ("5Б", 5), ("7А", 7), ("9А", 9)];

/// (class name, grade): the four of the demo, then any extra ones asked for.
pub(super) fn class_list(extra_classes: usize) -> Vec<(String, i32)> {
    let mut class_list: Vec<(String, i32)> = CLASSES
        .iter()
        .map(|(n, g)| ((*n).to_string(), *g))
        .collect();
    'extra: for letter in ["А", "Б", "В", "Г", "Д", "Е", "Ж", "И", "К", "Л"] {
        for grade in 1..=11 {
            if class_list.len() >= CLASSES.len() + extra_classes {
                break 'extra;
            }
            let name = format!("{grade}{letter}");
            if !class_list.iter().any(|(n, _)| *n == name) {
                class_list.push((name, grade));
            }
        }
    }
    class_list
}

/// The seeded classes, in the order of the class list.
pub(super) struct Roster {
    /// The demo parent's account.
    pub(super) parent_user: i64,
    pub(super) class_ids: Vec<i64>,
    /// Each class's students (person ids), in enrolment order.
    pub(super) class_students: Vec<Vec<i64>>,
    /// Мария Кузнецова, the demo student.
    pub(super) maria: Option<i64>,
}

/// The demo parent, every class with its students and enrolments, and the
/// parent's guardianships of the two children.
pub(super) async fn seed(
    cx: &mut Ctx<'_, impl ConnectionTrait>,
    cal: &Calendar,
    classes: &[(String, i32)],
    staff: &Staff,
) -> Result<Roster, DbErr> {
    let (db, sid) = (cx.db, cx.school_id);
    let parent_person = add_person(db, sid, ["Кузнецов", "Андрей", "Петрович"], None).await?;
    let parent_user =
        add_user(db, PARENT_EMAIL, cx.pw, parent_person, &[Role::Parent], sid).await?;
    let mut roster = Roster {
        parent_user,
        class_ids: Vec::new(),
        class_students: Vec::new(),
        maria: None,
    };
    let mut family_children = Vec::new();
    for (ci, (cname, grade)) in classes.iter().enumerate() {
        let c = class::ActiveModel {
            school_id: Set(sid),
            academic_year_id: Set(cal.year_id),
            name: Set(cname.clone()),
            grade: Set(*grade),
            homeroom_teacher_id: Set(Some(staff.teacher_of(ci, ci % SUBJECTS.len()))),
            ..Default::default()
        }
        .insert(db)
        .await?;
        roster.class_ids.push(c.id);
        let birth_year = cal.start.year() - *grade - 6;
        let mut students = Vec::new();
        for (fio, born) in class_roster(cx, cname, birth_year) {
            let pid = add_person(db, sid, fio, Some(born)).await?;
            enrolment::ActiveModel {
                class_id: Set(c.id),
                student_id: Set(pid),
                starts_on: Set(cal.start),
                ends_on: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            if fio[0] == "Кузнецова" && fio[1] == "Мария" {
                add_user(db, STUDENT_EMAIL, cx.pw, pid, &[Role::Student], sid).await?;
                family_children.push(pid);
                roster.maria = Some(pid);
            } else if fio[0] == "Кузнецов" && fio[1] == "Иван" {
                family_children.push(pid);
            }
            students.push(pid);
        }
        roster.class_students.push(students);
    }
    guardianships(cx, parent_user, &family_children).await?;
    Ok(roster)
}

/// The students of one class (ФИО, birthday): drawn ones with ФИО unique
/// in the class, then the demo family's child if it is in this class.
fn class_roster(
    cx: &mut Ctx<'_, impl ConnectionTrait>,
    cname: &str,
    birth_year: i32,
) -> Vec<([&'static str; 3], NaiveDate)> {
    let rng = &mut cx.rng;
    let mut used = std::collections::HashSet::new();
    let mut roster: Vec<([&str; 3], NaiveDate)> = (0..cx.opts.students_per_class)
        .map(|_| {
            let fio = loop {
                let fio = names::student(rng);
                if used.insert(fio) {
                    break fio;
                }
            };
            let born = d(birth_year, 1, 1) + Duration::days(rng.gen_range(0..365));
            (fio, born)
        })
        .collect();
    if cname == "7А" {
        roster.push((["Кузнецова", "Мария", "Андреевна"], d(birth_year, 4, 12)));
    }
    if cname == "5А" {
        roster.push((["Кузнецов", "Иван", "Андреевич"], d(birth_year, 10, 3)));
    }
    roster
}

async fn guardianships(
    cx: &Ctx<'_, impl ConnectionTrait>,
    parent_user: i64,
    children: &[i64],
) -> Result<(), DbErr> {
    for child in children {
        guardianship::ActiveModel {
            guardian_user_id: Set(parent_user),
            student_id: Set(*child),
            relation: Set("father".into()),
            application_id: Set(None),
            created_at: Set(cx.now),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
    }
    Ok(())
}

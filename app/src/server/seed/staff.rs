//! The staff with their accounts: one teacher per subject for every eight
//! classes, the officer and the administrator.

use sea_orm::{ConnectionTrait, DbErr};

use super::rows::{add_person, add_user};
use super::timetable::SUBJECTS;
use super::{names, Ctx, ADMIN_EMAIL, OFFICER_EMAIL, TEACHER_EMAIL};
use crate::domain::roles::Role;

/// The teachers, by subject and then by group of eight classes.
pub(super) struct Staff {
    teacher_ids: Vec<Vec<i64>>,
    teacher_user_ids: Vec<Vec<i64>>,
}

impl Staff {
    /// The teacher (a person id) of subject `si` in class `ci`.
    pub(super) fn teacher_of(&self, ci: usize, si: usize) -> i64 {
        self.teacher_ids[si][ci / SUBJECTS.len()]
    }

    /// The account of the teacher of subject `si` in class `ci`.
    pub(super) fn teacher_user_of(&self, ci: usize, si: usize) -> i64 {
        self.teacher_user_ids[si][ci / SUBJECTS.len()]
    }

    /// The account of the demo's own teacher of subject `si` (the first
    /// group's, named in [`SUBJECTS`]).
    pub(super) fn demo_teacher(&self, si: usize) -> i64 {
        self.teacher_user_of(0, si)
    }
}

/// Staff for `classes` classes: the timetable never puts a teacher in two
/// rooms at once because each group of eight classes has its own teachers.
/// The first group's are named in [`SUBJECTS`]; later groups' are drawn.
pub(super) async fn seed(
    cx: &mut Ctx<'_, impl ConnectionTrait>,
    classes: usize,
) -> Result<Staff, DbErr> {
    let groups = classes.div_ceil(SUBJECTS.len());
    let mut staff = Staff {
        teacher_ids: vec![Vec::new(); SUBJECTS.len()],
        teacher_user_ids: vec![Vec::new(); SUBJECTS.len()],
    };
    for g in 0..groups {
        for (i, (_, _, fio, _)) in SUBJECTS.iter().enumerate() {
            let fio = if g == 0 {
                *fio
            } else {
                names::teacher(&mut cx.rng)
            };
            let pid = add_person(cx.db, cx.school_id, fio, None).await?;
            let email = match (g, i) {
                (0, 0) => TEACHER_EMAIL.to_string(),
                (0, _) => format!("teacher{}@dnevnik.example", i + 1),
                _ => format!("teacher{}-{}@dnevnik.example", i + 1, g + 1),
            };
            let uid = add_user(cx.db, &email, cx.pw, pid, &[Role::Teacher], cx.school_id).await?;
            staff.teacher_ids[i].push(pid);
            staff.teacher_user_ids[i].push(uid);
        }
    }
    let (db, sid, pw) = (cx.db, cx.school_id, cx.pw);
    let officer = add_person(db, sid, ["Волкова", "Ольга", "Николаевна"], None).await?;
    add_user(db, OFFICER_EMAIL, pw, officer, &[Role::Officer], sid).await?;
    let admin = add_person(db, sid, ["Орлов", "Сергей", "Дмитриевич"], None).await?;
    add_user(db, ADMIN_EMAIL, pw, admin, &[Role::Admin], sid).await?;
    Ok(staff)
}

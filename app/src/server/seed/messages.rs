//! Announcements, remarks, and a conversation between the demo parent and
//! the mathematics teacher.

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::roster::Roster;
use super::staff::Staff;
use super::timetable::SUBJECTS;
use super::Ctx;
use crate::server::entities::{announcement, message, message_thread, remark, thread_participant};

/// A school-wide announcement, and one for 7А if there is a 7А.
pub(super) async fn announcements(
    cx: &Ctx<'_, impl ConnectionTrait>,
    classes: &[(String, i32)],
    roster: &Roster,
    staff: &Staff,
) -> Result<(), DbErr> {
    announcement::ActiveModel {
        school_id: Set(cx.school_id),
        class_id: Set(None),
        author_user_id: Set(staff.demo_teacher(0)),
        title: Set("Родительское собрание".into()),
        body: Set(
            "Общешкольное родительское собрание состоится в четверг в 18:30 в актовом зале.".into(),
        ),
        published_at: Set(cx.now),
        ..Default::default()
    }
    .insert(cx.db)
    .await?;
    if let Some(ci) = classes.iter().position(|(n, _)| n == "7А") {
        announcement::ActiveModel {
            school_id: Set(cx.school_id),
            class_id: Set(Some(roster.class_ids[ci])),
            author_user_id: Set(staff.teacher_user_of(ci, ci % SUBJECTS.len())),
            title: Set("Экскурсия в Эрмитаж".into()),
            body: Set(
                "В субботу 7А идёт в Эрмитаж. Сбор у школы в 10:00, с собой — проездной.".into(),
            ),
            published_at: Set(cx.now),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
    }
    Ok(())
}

/// Мария's praise and remark, and her father's thread with the
/// mathematics teacher.
pub(super) async fn conversation(
    cx: &Ctx<'_, impl ConnectionTrait>,
    roster: &Roster,
    staff: &Staff,
) -> Result<(), DbErr> {
    let Some(maria) = roster.maria else {
        return Ok(());
    };
    remarks(cx, maria, staff).await?;
    thread(cx, maria, roster.parent_user, staff.demo_teacher(0)).await
}

async fn remarks(
    cx: &Ctx<'_, impl ConnectionTrait>,
    maria: i64,
    staff: &Staff,
) -> Result<(), DbErr> {
    for (author, kind, text) in [
        (
            staff.demo_teacher(0),
            "praise",
            "Отличная работа у доски: решила задачу на проценты двумя способами.",
        ),
        (
            staff.demo_teacher(1),
            "remark",
            "Не сдана тетрадь для контрольных работ.",
        ),
    ] {
        remark::ActiveModel {
            student_id: Set(maria),
            lesson_id: Set(None),
            author_user_id: Set(author),
            kind: Set(kind.into()),
            text: Set(text.into()),
            created_at: Set(cx.now),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
    }
    Ok(())
}

async fn thread(
    cx: &Ctx<'_, impl ConnectionTrait>,
    maria: i64,
    parent_user: i64,
    teacher: i64,
) -> Result<(), DbErr> {
    let now = cx.now;
    let thread = message_thread::ActiveModel {
        student_id: Set(Some(maria)),
        subject: Set("Контрольная работа по математике".into()),
        created_by: Set(parent_user),
        created_at: Set(now - Duration::days(2)),
        last_message_at: Set(now - Duration::days(1)),
        ..Default::default()
    }
    .insert(cx.db)
    .await?;
    for (user, read) in [(parent_user, now), (teacher, now)] {
        thread_participant::ActiveModel {
            thread_id: Set(thread.id),
            user_id: Set(user),
            last_read_at: Set(Some(read - Duration::days(1))),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
    }
    for (author, body, ago) in [
        (
            parent_user,
            "Здравствуйте, Елена Викторовна! Мария болела в день контрольной. Можно ли написать её позже?",
            2,
        ),
        (
            teacher,
            "Здравствуйте! Да, Мария может написать работу во вторник после шестого урока.",
            1,
        ),
    ] {
        message::ActiveModel {
            thread_id: Set(thread.id),
            author_user_id: Set(author),
            body: Set(body.into()),
            created_at: Set(now - Duration::days(ago)),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
    }
    Ok(())
}

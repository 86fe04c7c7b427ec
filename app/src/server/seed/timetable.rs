//! What is taught when: the subjects, a section per class and subject, and
//! the lessons of the year up to two weeks after the seed day.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use super::calendar::Calendar;
use super::grading::{Grading, ORAL, SELF_STUDY, TEST};
use super::staff::Staff;
use super::Ctx;
use crate::server::db::insert_chunked;
use crate::server::entities::{course_section, lesson, subject};

/// (subject, short name, teacher ФИО, topics)
pub(super) const SUBJECTS: [(&str, &str, [&str; 3], [&str; 4]); 8] = [
    (
        "Математика",
        "Мат",
        ["Смирнова", "Елена", "Викторовна"],
        [
            "Натуральные числа",
            "Дроби и действия с ними",
            "Уравнения",
            "Проценты",
        ],
    ),
    (
        "Русский язык",
        "Рус",
        ["Белова", "Татьяна", "Игоревна"],
        [
            "Орфограммы в корне слова",
            "Имя существительное",
            "Синтаксис и пунктуация",
            "Правописание -тся и -ться",
        ],
    ),
    (
        "Литература",
        "Лит",
        ["Соколова", "Ирина", "Павловна"],
        [
            "Устное народное творчество",
            "А. С. Пушкин. Сказки",
            "И. С. Тургенев. «Муму»",
            "Л. Н. Толстой. «Кавказский пленник»",
        ],
    ),
    (
        "Английский язык",
        "Англ",
        ["Миронова", "Анастасия", "Олеговна"],
        ["Present Simple", "My family", "Past Simple", "At school"],
    ),
    (
        "История",
        "Ист",
        ["Зайцев", "Павел", "Андреевич"],
        [
            "Древний Египет",
            "Древняя Греция",
            "Древний Рим",
            "Средние века",
        ],
    ),
    (
        "Биология",
        "Био",
        ["Лебедева", "Наталья", "Сергеевна"],
        ["Клетка", "Царства живой природы", "Растения", "Экосистемы"],
    ),
    (
        "География",
        "Гео",
        ["Новиков", "Игорь", "Валентинович"],
        ["План и карта", "Литосфера", "Гидросфера", "Атмосфера"],
    ),
    (
        "Физическая культура",
        "Физ-ра",
        ["Козлов", "Дмитрий", "Сергеевич"],
        [
            "Лёгкая атлетика",
            "Гимнастика",
            "Баскетбол",
            "Лыжная подготовка",
        ],
    ),
];

/// One seeded lesson, by class and subject index.
pub(super) struct Lesson {
    pub(super) id: i64,
    pub(super) class: usize,
    pub(super) subject: usize,
    pub(super) section: i64,
    pub(super) date: NaiveDate,
    /// The type of the lesson's marks, by index into the seeded work types.
    pub(super) work_type: usize,
}

/// The subjects of [`SUBJECTS`], in order. Returns their ids.
pub(super) async fn subjects(cx: &Ctx<'_, impl ConnectionTrait>) -> Result<Vec<i64>, DbErr> {
    let mut subject_ids = Vec::new();
    for (name, short, _, _) in SUBJECTS {
        let s = subject::ActiveModel {
            school_id: Set(cx.school_id),
            name: Set(name.into()),
            short_name: Set(short.into()),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
        subject_ids.push(s.id);
    }
    Ok(subject_ids)
}

/// Sections: every class takes every subject from its group's teacher.
/// Returns the section ids by class, then subject.
pub(super) async fn sections(
    cx: &Ctx<'_, impl ConnectionTrait>,
    class_ids: &[i64],
    subject_ids: &[i64],
    staff: &Staff,
) -> Result<Vec<Vec<i64>>, DbErr> {
    let mut sections = vec![vec![0i64; SUBJECTS.len()]; class_ids.len()];
    for (ci, class_id) in class_ids.iter().enumerate() {
        for (si, subject_id) in subject_ids.iter().enumerate() {
            let s = course_section::ActiveModel {
                class_id: Set(*class_id),
                subject_id: Set(*subject_id),
                teacher_id: Set(staff.teacher_of(ci, si)),
                group_name: Set(None),
                ..Default::default()
            }
            .insert(cx.db)
            .await?;
            sections[ci][si] = s.id;
        }
    }
    Ok(sections)
}

/// The subject class `class` has at lesson `slot` on weekday `day`
/// (0 = Monday): classes of one group of eight share teachers and never
/// meet the same subject at once.
fn subject_at(day: usize, slot: usize, class: usize) -> usize {
    (6 * day + slot + class) % SUBJECTS.len()
}

/// The topic of a subject's next lesson in a class, and the lesson's work
/// type, from how many lessons of it the class has had.
fn next_topic(count: &mut usize, si: usize) -> (String, usize) {
    let topic = format!("{} ({})", SUBJECTS[si].3[(*count / 6) % 4], *count % 6 + 1);
    *count += 1;
    let work_type = if count.is_multiple_of(7) {
        TEST
    } else if count.is_multiple_of(4) {
        SELF_STUDY
    } else {
        ORAL
    };
    (topic, work_type)
}

/// Lessons: six a day, Monday to Friday, in term time only, from the first
/// of September to two weeks after the seed day. Returns them in the order
/// they were laid out: by day, class, then lesson number.
pub(super) async fn lessons(
    cx: &Ctx<'_, impl ConnectionTrait>,
    cal: &Calendar,
    sections: &[Vec<i64>],
    grading: &Grading,
) -> Result<Vec<Lesson>, DbErr> {
    let last_day = (cx.opts.today + Duration::days(13)).min(cal.ends_on);
    let mut rows = Vec::new();
    let mut laid_out = Vec::new(); // (class, subject, date, number, work type)
    let mut topic_counter = vec![vec![0usize; SUBJECTS.len()]; sections.len()];
    let mut day = cal.start;
    while day <= last_day {
        let wd = day.weekday();
        if wd != Weekday::Sat && wd != Weekday::Sun && cal.quarter_of(day).is_some() {
            let dn = wd.num_days_from_monday() as usize;
            for (ci, class_sections) in sections.iter().enumerate() {
                for slot in 0..6usize {
                    let si = subject_at(dn, slot, ci);
                    let (topic, work_type) = next_topic(&mut topic_counter[ci][si], si);
                    rows.push(lesson::ActiveModel {
                        section_id: Set(class_sections[si]),
                        date: Set(day),
                        number: Set(slot as i32 + 1),
                        room: Set(Some(format!("{}", 201 + si))),
                        topic: Set(Some(topic)),
                        substitute_teacher_id: Set(None),
                        work_type_id: Set(Some(grading.work_types[work_type].id)),
                        version: Set(1),
                        updated_at: Set(cx.now),
                        ..Default::default()
                    });
                    laid_out.push((ci, si, day, slot as i32 + 1, work_type));
                }
            }
        }
        day += Duration::days(1);
    }
    insert_chunked(cx.db, rows).await?;
    let mut index = std::collections::HashMap::new();
    for l in lesson::Entity::find().all(cx.db).await? {
        index.insert((l.section_id, l.date, l.number), l.id);
    }
    Ok(laid_out
        .into_iter()
        .filter_map(|(ci, si, date, number, work_type)| {
            let section = sections[ci][si];
            let id = index.get(&(section, date, number)).copied()?;
            Some(Lesson {
                id,
                class: ci,
                subject: si,
                section,
                date,
                work_type,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::seed::roster::CLASSES;

    #[test]
    fn the_timetable_never_puts_a_teacher_in_two_classes_at_once() {
        for day in 0..5 {
            for slot in 0..6 {
                let subjects: std::collections::HashSet<usize> = (0..CLASSES.len())
                    .map(|c| subject_at(day, slot, c))
                    .collect();
                assert_eq!(subjects.len(), CLASSES.len());
            }
        }
    }
}

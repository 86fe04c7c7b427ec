//! The demo school: seeded on first start when `[demo] seed = true`.
//!
//! Deterministic (a fixed random seed), with realistic Russian ФИО, one
//! academic year laid out in quarters, a timetable without double-booked
//! teachers, and lessons with marks and attendance up to the given day.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, Set,
    TransactionTrait,
};

use super::auth::hash_password;
use super::entities::*;
use super::ServiceError;
use crate::domain::grades::{Average, RoundingPolicy, WeightedMark};
use crate::domain::names::name_key;
use crate::domain::roles::Role;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo2026";

/// A demo account, printed at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: Role,
    pub email: &'static str,
    pub name: String,
}

pub const TEACHER_EMAIL: &str = "teacher@dnevnik.example";
pub const PARENT_EMAIL: &str = "parent@dnevnik.example";
pub const STUDENT_EMAIL: &str = "student@dnevnik.example";
pub const OFFICER_EMAIL: &str = "officer@dnevnik.example";
pub const ADMIN_EMAIL: &str = "admin@dnevnik.example";
/// A parent whose two applications wait for the officer.
pub const APPLICANT_EMAIL: &str = "applicant@dnevnik.example";

/// How much to seed.
#[derive(Clone, Debug)]
pub struct SeedOptions {
    /// Lessons are laid out up to a week after this day; marks and
    /// attendance only up to it.
    pub today: NaiveDate,
    pub students_per_class: usize,
    /// Classes beyond the demo's four (for load tests: 36 more classes of 25
    /// make a school of a thousand students).
    pub extra_classes: usize,
}

impl Default for SeedOptions {
    fn default() -> Self {
        SeedOptions {
            today: Utc::now().date_naive(),
            students_per_class: 25,
            extra_classes: 0,
        }
    }
}

const CLASSES: [(&str, i32); 4] = [("5А", 5), ("5Б", 5), ("7А", 7), ("9А", 9)];

/// (subject, short name, teacher ФИО, topics)
const SUBJECTS: [(&str, &str, [&str; 3], [&str; 4]); 8] = [
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

const MALE_FIRST: [&str; 16] = [
    "Александр",
    "Максим",
    "Артём",
    "Михаил",
    "Иван",
    "Даниил",
    "Дмитрий",
    "Кирилл",
    "Андрей",
    "Егор",
    "Никита",
    "Илья",
    "Алексей",
    "Матвей",
    "Тимофей",
    "Роман",
];
const FEMALE_FIRST: [&str; 16] = [
    "Анастасия",
    "Мария",
    "Анна",
    "Виктория",
    "Екатерина",
    "Софья",
    "Алиса",
    "Дарья",
    "Полина",
    "Елизавета",
    "Варвара",
    "Ксения",
    "Арина",
    "Вероника",
    "Алёна",
    "Ульяна",
];
/// (male surname, female surname)
const SURNAMES: [(&str, &str); 24] = [
    ("Иванов", "Иванова"),
    ("Петров", "Петрова"),
    ("Сидоров", "Сидорова"),
    ("Смирнов", "Смирнова"),
    ("Васильев", "Васильева"),
    ("Попов", "Попова"),
    ("Морозов", "Морозова"),
    ("Фёдоров", "Фёдорова"),
    ("Павлов", "Павлова"),
    ("Семёнов", "Семёнова"),
    ("Голубев", "Голубева"),
    ("Виноградов", "Виноградова"),
    ("Богданов", "Богданова"),
    ("Воробьёв", "Воробьёва"),
    ("Тарасов", "Тарасова"),
    ("Белов", "Белова"),
    ("Комаров", "Комарова"),
    ("Орлов", "Орлова"),
    ("Киселёв", "Киселёва"),
    ("Макаров", "Макарова"),
    ("Андреев", "Андреева"),
    ("Ковалёв", "Ковалёва"),
    ("Ильин", "Ильина"),
    ("Гусев", "Гусева"),
];
/// Fathers' names and the patronymics they give (son, daughter).
const PATRONYMICS: [(&str, &str); 12] = [
    ("Александрович", "Александровна"),
    ("Сергеевич", "Сергеевна"),
    ("Дмитриевич", "Дмитриевна"),
    ("Андреевич", "Андреевна"),
    ("Алексеевич", "Алексеевна"),
    ("Михайлович", "Михайловна"),
    ("Игоревич", "Игоревна"),
    ("Владимирович", "Владимировна"),
    ("Николаевич", "Николаевна"),
    ("Евгеньевич", "Евгеньевна"),
    ("Павлович", "Павловна"),
    ("Олегович", "Олеговна"),
];

/// (name, short, weight in hundredths)
const WORK_TYPES: [(&str, &str, i32); 6] = [
    ("Ответ на уроке", "Отв", 100),
    ("Домашняя работа", "ДЗ", 100),
    ("Самостоятельная работа", "С/р", 150),
    ("Проверочная работа", "П/р", 150),
    ("Контрольная работа", "К/р", 200),
    ("Диктант", "Дикт", 200),
];

/// (code, name, category)
pub const ATTENDANCE_CODES: [(&str, &str, &str); 4] = [
    ("Н", "Отсутствовал", "absent"),
    ("Б", "Болел", "ill"),
    ("УП", "Уважительная причина", "excused"),
    ("ОП", "Опоздал", "late"),
];

const BELLS: [(u32, u32, u32, u32); 6] = [
    (8, 30, 9, 15),
    (9, 25, 10, 10),
    (10, 25, 11, 10),
    (11, 25, 12, 10),
    (12, 25, 13, 10),
    (13, 20, 14, 5),
];

/// Seeds the demo school unless the database already has a school.
/// Returns the demo logins when it seeded.
pub async fn seed_if_empty(
    db: &DatabaseConnection,
    opts: &SeedOptions,
) -> Result<Option<Vec<DemoLogin>>, ServiceError> {
    if school::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let password_hash = {
        let pw = DEMO_PASSWORD.to_string();
        tokio::task::spawn_blocking(move || hash_password(&pw))
            .await
            .map_err(|e| ServiceError::Internal(format!("hash task: {e}")))??
    };
    let txn = db.begin().await?;
    let logins = seed(&txn, opts, &password_hash).await?;
    txn.commit().await?;
    Ok(Some(logins))
}

/// The demo logins of a seeded database, for printing at every start.
pub fn demo_logins() -> Vec<DemoLogin> {
    vec![
        DemoLogin {
            role: Role::Teacher,
            email: TEACHER_EMAIL,
            name: "Смирнова Елена Викторовна".into(),
        },
        DemoLogin {
            role: Role::Parent,
            email: PARENT_EMAIL,
            name: "Кузнецов Андрей Петрович".into(),
        },
        DemoLogin {
            role: Role::Parent,
            email: APPLICANT_EMAIL,
            name: "Смирнов Олег Иванович (заявления ждут проверки)".into(),
        },
        DemoLogin {
            role: Role::Student,
            email: STUDENT_EMAIL,
            name: "Кузнецова Мария Андреевна".into(),
        },
        DemoLogin {
            role: Role::Officer,
            email: OFFICER_EMAIL,
            name: "Волкова Ольга Николаевна".into(),
        },
        DemoLogin {
            role: Role::Admin,
            email: ADMIN_EMAIL,
            name: "Орлов Сергей Дмитриевич".into(),
        },
    ]
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid calendar date")
}

async fn add_person(
    db: &impl ConnectionTrait,
    school_id: i64,
    [last, first, middle]: [&str; 3],
    birth_date: Option<NaiveDate>,
) -> Result<i64, DbErr> {
    let p = person::ActiveModel {
        school_id: Set(Some(school_id)),
        last_name: Set(last.into()),
        first_name: Set(first.into()),
        middle_name: Set(Some(middle.into())),
        birth_date: Set(birth_date),
        name_key: Set(name_key(last, first, Some(middle))),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(p.id)
}

async fn add_user(
    db: &impl ConnectionTrait,
    email: &str,
    password_hash: &str,
    person_id: i64,
    roles: &[Role],
    school_id: i64,
) -> Result<i64, DbErr> {
    let now = Utc::now();
    let u = user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(Some(password_hash.into())),
        person_id: Set(Some(person_id)),
        email_verified_at: Set(Some(now)),
        locale: Set("ru".into()),
        disabled: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for r in roles {
        user_role::ActiveModel {
            user_id: Set(u.id),
            role: Set(r.as_str().into()),
            school_id: Set(Some(school_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(u.id)
}

/// Inserts rows in chunks, keeping under both databases' parameter limits.
async fn insert_chunked<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(500).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The academic year that contains `day`: from 1 September.
fn year_start(day: NaiveDate) -> NaiveDate {
    let y = if day.month() >= 9 {
        day.year()
    } else {
        day.year() - 1
    };
    d(y, 9, 1)
}

/// Quarters of a Russian school year, by the calendar of St. Petersburg.
fn quarters(start: NaiveDate) -> [(&'static str, NaiveDate, NaiveDate); 4] {
    let y = start.year();
    [
        ("1 четверть", d(y, 9, 1), d(y, 10, 24)),
        ("2 четверть", d(y, 11, 5), d(y, 12, 28)),
        ("3 четверть", d(y + 1, 1, 12), d(y + 1, 3, 20)),
        ("4 четверть", d(y + 1, 3, 30), d(y + 1, 5, 26)),
    ]
}

async fn seed(
    db: &impl ConnectionTrait,
    opts: &SeedOptions,
    pw: &str,
) -> Result<Vec<DemoLogin>, ServiceError> {
    let mut rng = StdRng::seed_from_u64(20260901);
    let now = Utc::now();
    let policy = RoundingPolicy::default();

    let school = school::ActiveModel {
        name: Set("Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 239".into()),
        short_name: Set("Школа № 239".into()),
        city: Set("Санкт-Петербург".into()),
        five_from_centi: Set(policy.five_from_centi as i32),
        four_from_centi: Set(policy.four_from_centi as i32),
        three_from_centi: Set(policy.three_from_centi as i32),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let sid = school.id;

    // Calendar.
    let start = year_start(opts.today);
    let year = academic_year::ActiveModel {
        school_id: Set(sid),
        name: Set(format!("{}/{}", start.year(), start.year() + 1)),
        starts_on: Set(start),
        ends_on: Set(d(start.year() + 1, 5, 31)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let quarters = quarters(start);
    let mut period_ids = Vec::new();
    for (i, (name, from, to)) in quarters.iter().enumerate() {
        // A quarter that ended more than a week ago is closed.
        let locked = *to + Duration::days(7) < opts.today;
        let p = period::ActiveModel {
            academic_year_id: Set(year.id),
            name: Set((*name).into()),
            kind: Set("quarter".into()),
            seq: Set(i as i32 + 1),
            starts_on: Set(*from),
            ends_on: Set(*to),
            locked: Set(locked),
            locked_at: Set(locked.then_some(now)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        period_ids.push((p.id, *from, *to, locked));
    }
    period::ActiveModel {
        academic_year_id: Set(year.id),
        name: Set("Год".into()),
        kind: Set("year".into()),
        seq: Set(5),
        starts_on: Set(start),
        ends_on: Set(d(start.year() + 1, 5, 31)),
        locked: Set(false),
        locked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;

    for (n, (h1, m1, h2, m2)) in BELLS.iter().enumerate() {
        bell_time::ActiveModel {
            school_id: Set(sid),
            number: Set(n as i32 + 1),
            starts_at: Set(NaiveTime::from_hms_opt(*h1, *m1, 0).expect("time")),
            ends_at: Set(NaiveTime::from_hms_opt(*h2, *m2, 0).expect("time")),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    // Grading set-up.
    let mut work_types = Vec::new();
    for (name, short, w) in WORK_TYPES {
        let wt = work_type::ActiveModel {
            school_id: Set(sid),
            name: Set(name.into()),
            short_name: Set(short.into()),
            weight_centi: Set(w),
            archived: Set(false),
            ..Default::default()
        }
        .insert(db)
        .await?;
        work_types.push(wt);
    }
    let five = grade_scale::ActiveModel {
        code: Set("five_point".into()),
        name: Set("Пятибалльная".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, (code, points, counts)) in [
        ("5", Some(5), true),
        ("4", Some(4), true),
        ("3", Some(3), true),
        ("2", Some(2), true),
        ("1", Some(1), true),
        ("н/а", None, false),
        ("осв", None, false),
    ]
    .into_iter()
    .enumerate()
    {
        grade_value::ActiveModel {
            scale_id: Set(five.id),
            code: Set(code.into()),
            points: Set(points),
            ord: Set(i as i32),
            counts_in_average: Set(counts),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let pass = grade_scale::ActiveModel {
        code: Set("pass_fail".into()),
        name: Set("Зачёт / незачёт".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, code) in ["зач", "незач"].into_iter().enumerate() {
        grade_value::ActiveModel {
            scale_id: Set(pass.id),
            code: Set(code.into()),
            points: Set(None),
            ord: Set(i as i32),
            counts_in_average: Set(false),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let mut codes = Vec::new();
    for (code, name, category) in ATTENDANCE_CODES {
        codes.push(
            attendance_code::ActiveModel {
                code: Set(code.into()),
                name: Set(name.into()),
                category: Set(category.into()),
                ..Default::default()
            }
            .insert(db)
            .await?,
        );
    }

    // Classes: the four of the demo, then any extra ones asked for.
    let mut class_list: Vec<(String, i32)> = CLASSES
        .iter()
        .map(|(n, g)| ((*n).to_string(), *g))
        .collect();
    'extra: for letter in ["А", "Б", "В", "Г", "Д", "Е", "Ж", "И", "К", "Л"] {
        for grade in 1..=11 {
            if class_list.len() >= CLASSES.len() + opts.extra_classes {
                break 'extra;
            }
            let name = format!("{grade}{letter}");
            if !class_list.iter().any(|(n, _)| *n == name) {
                class_list.push((name, grade));
            }
        }
    }

    // Staff: one teacher per subject for every eight classes, so that the
    // timetable below never puts a teacher in two rooms at once.
    let groups = class_list.len().div_ceil(SUBJECTS.len());
    let mut teacher_ids = vec![Vec::new(); SUBJECTS.len()];
    let mut teacher_user_ids = vec![Vec::new(); SUBJECTS.len()];
    for g in 0..groups {
        for (i, (_, _, fio, _)) in SUBJECTS.iter().enumerate() {
            let generated;
            let fio = if g == 0 {
                *fio
            } else {
                let (pm, pf) = PATRONYMICS[rng.gen_range(0..PATRONYMICS.len())];
                let (m, f) = SURNAMES[rng.gen_range(0..SURNAMES.len())];
                generated = if rng.gen_bool(0.7) {
                    [f, FEMALE_FIRST[rng.gen_range(0..16)], pf]
                } else {
                    [m, MALE_FIRST[rng.gen_range(0..16)], pm]
                };
                generated
            };
            let pid = add_person(db, sid, fio, None).await?;
            let email = match (g, i) {
                (0, 0) => TEACHER_EMAIL.to_string(),
                (0, _) => format!("teacher{}@dnevnik.example", i + 1),
                _ => format!("teacher{}-{}@dnevnik.example", i + 1, g + 1),
            };
            let uid = add_user(db, &email, pw, pid, &[Role::Teacher], sid).await?;
            teacher_ids[i].push(pid);
            teacher_user_ids[i].push(uid);
        }
    }
    let officer = add_person(db, sid, ["Волкова", "Ольга", "Николаевна"], None).await?;
    add_user(db, OFFICER_EMAIL, pw, officer, &[Role::Officer], sid).await?;
    let admin = add_person(db, sid, ["Орлов", "Сергей", "Дмитриевич"], None).await?;
    add_user(db, ADMIN_EMAIL, pw, admin, &[Role::Admin], sid).await?;

    let mut subject_ids = Vec::new();
    for (name, short, _, _) in SUBJECTS {
        let s = subject::ActiveModel {
            school_id: Set(sid),
            name: Set(name.into()),
            short_name: Set(short.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        subject_ids.push(s.id);
    }

    // Classes, students, and the parent's two children (7А and 5А).
    let parent_person = add_person(db, sid, ["Кузнецов", "Андрей", "Петрович"], None).await?;
    let parent_user = add_user(db, PARENT_EMAIL, pw, parent_person, &[Role::Parent], sid).await?;
    let mut class_students: Vec<Vec<i64>> = Vec::new();
    let mut class_ids = Vec::new();
    let mut family_children = Vec::new();
    let mut maria = None;
    for (ci, (cname, grade)) in class_list.iter().enumerate() {
        let c = class::ActiveModel {
            school_id: Set(sid),
            academic_year_id: Set(year.id),
            name: Set(cname.clone()),
            grade: Set(*grade),
            homeroom_teacher_id: Set(Some(teacher_ids[ci % SUBJECTS.len()][ci / SUBJECTS.len()])),
            ..Default::default()
        }
        .insert(db)
        .await?;
        class_ids.push(c.id);
        let birth_year = start.year() - *grade - 6;
        let mut students = Vec::new();
        let mut used = std::collections::HashSet::new();
        let mut make = |rng: &mut StdRng| loop {
            let girl = rng.gen_bool(0.5);
            let (m, f) = SURNAMES[rng.gen_range(0..SURNAMES.len())];
            let (pm, pf) = PATRONYMICS[rng.gen_range(0..PATRONYMICS.len())];
            let fio = if girl {
                [f, FEMALE_FIRST[rng.gen_range(0..16)], pf]
            } else {
                [m, MALE_FIRST[rng.gen_range(0..16)], pm]
            };
            if used.insert(fio) {
                return fio;
            }
        };
        let mut roster: Vec<([&str; 3], NaiveDate)> = (0..opts.students_per_class)
            .map(|_| {
                let fio = make(&mut rng);
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
        for (fio, born) in roster {
            let pid = add_person(db, sid, fio, Some(born)).await?;
            enrolment::ActiveModel {
                class_id: Set(c.id),
                student_id: Set(pid),
                starts_on: Set(start),
                ends_on: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            if fio[0] == "Кузнецова" && fio[1] == "Мария" {
                add_user(db, STUDENT_EMAIL, pw, pid, &[Role::Student], sid).await?;
                family_children.push(pid);
                maria = Some(pid);
            } else if fio[0] == "Кузнецов" && fio[1] == "Иван" {
                family_children.push(pid);
            }
            students.push(pid);
        }
        class_students.push(students);
    }
    for child in &family_children {
        guardianship::ActiveModel {
            guardian_user_id: Set(parent_user),
            student_id: Set(*child),
            relation: Set("father".into()),
            application_id: Set(None),
            created_at: Set(now),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    // Sections: every class takes every subject from its group's teacher.
    let mut sections = vec![vec![0i64; SUBJECTS.len()]; class_list.len()];
    for (ci, class_id) in class_ids.iter().enumerate() {
        for (si, subject_id) in subject_ids.iter().enumerate() {
            let s = course_section::ActiveModel {
                class_id: Set(*class_id),
                subject_id: Set(*subject_id),
                teacher_id: Set(teacher_ids[si][ci / SUBJECTS.len()]),
                group_name: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            sections[ci][si] = s.id;
        }
    }
    let teacher_user_of = |ci: usize, si: usize| teacher_user_ids[si][ci / SUBJECTS.len()];

    // Lessons: six a day, Monday to Friday, in term time only. At slot s on
    // day d class c has subject (6d + s + c) mod 8; classes of one group of
    // eight share teachers and never meet the same subject at once.
    let last_day = (opts.today + Duration::days(13)).min(d(start.year() + 1, 5, 31));
    let in_term = |day: NaiveDate| quarters.iter().any(|(_, a, b)| *a <= day && day <= *b);
    let mut lesson_rows = Vec::new();
    let mut lesson_meta = Vec::new(); // (class, subject, date, number, default work type)
    let mut topic_counter = vec![vec![0usize; SUBJECTS.len()]; class_list.len()];
    let mut day = start;
    while day <= last_day {
        let wd = day.weekday();
        if wd != Weekday::Sat && wd != Weekday::Sun && in_term(day) {
            let dn = wd.num_days_from_monday() as usize;
            for ci in 0..class_list.len() {
                for slot in 0..6usize {
                    let si = (6 * dn + slot + ci) % SUBJECTS.len();
                    let t = &mut topic_counter[ci][si];
                    let topic = format!("{} ({})", SUBJECTS[si].3[(*t / 6) % 4], *t % 6 + 1);
                    *t += 1;
                    let default_type = if t.is_multiple_of(7) {
                        4
                    } else if t.is_multiple_of(4) {
                        2
                    } else {
                        0
                    };
                    lesson_rows.push(lesson::ActiveModel {
                        section_id: Set(sections[ci][si]),
                        date: Set(day),
                        number: Set(slot as i32 + 1),
                        room: Set(Some(format!("{}", 201 + si))),
                        topic: Set(Some(topic)),
                        substitute_teacher_id: Set(None),
                        work_type_id: Set(Some(work_types[default_type].id)),
                        version: Set(1),
                        updated_at: Set(now),
                        ..Default::default()
                    });
                    lesson_meta.push((ci, si, day, slot as i32 + 1, default_type));
                }
            }
        }
        day += Duration::days(1);
    }
    insert_chunked(db, lesson_rows).await?;
    let mut lesson_index = std::collections::HashMap::new();
    for l in lesson::Entity::find().all(db).await? {
        lesson_index.insert((l.section_id, l.date, l.number), l.id);
    }

    // Marks, attendance and homework.
    let mut marks = Vec::new();
    let mut attendance = Vec::new();
    let mut homework_rows = Vec::new();
    // Averages per (class, subject, student index, period index), for the
    // period marks of the closed quarters.
    let mut averages: std::collections::HashMap<(usize, usize, usize, usize), Average> =
        std::collections::HashMap::new();
    // Each student has a typical level, so averages differ believably.
    let levels: Vec<Vec<f64>> = class_students
        .iter()
        .map(|ss| ss.iter().map(|_| rng.gen_range(2.6..4.9)).collect())
        .collect();
    let mut last_lesson_of: std::collections::HashMap<(usize, usize), i64> =
        std::collections::HashMap::new();
    for (ci, si, date, number, wt) in &lesson_meta {
        let Some(lid) = lesson_index
            .get(&(sections[*ci][*si], *date, *number))
            .copied()
        else {
            continue;
        };
        // Homework set last lesson is due today.
        if let Some(prev) = last_lesson_of.insert((*ci, *si), lid) {
            homework_rows.push(homework::ActiveModel {
                section_id: Set(sections[*ci][*si]),
                lesson_id: Set(prev),
                due_lesson_id: Set(Some(lid)),
                due_on: Set(*date),
                text: Set(format!(
                    "{}: упражнения к теме урока, с. {}",
                    SUBJECTS[*si].0,
                    10 + (lid % 90)
                )),
                created_by: Set(teacher_user_of(*ci, *si)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
        if *date > opts.today {
            continue;
        }
        let period_index = quarters
            .iter()
            .position(|(_, a, b)| *a <= *date && *date <= *b);
        let test_day = *wt == 4;
        for (k, student) in class_students[*ci].iter().enumerate() {
            let roll: f64 = rng.gen();
            if roll < 0.03 {
                let code = &codes[if roll < 0.012 {
                    1
                } else if roll < 0.02 {
                    0
                } else if roll < 0.025 {
                    2
                } else {
                    3
                }];
                attendance.push(attendance_record::ActiveModel {
                    lesson_id: Set(lid),
                    student_id: Set(*student),
                    code_id: Set(code.id),
                    minutes_late: Set((code.code == "ОП").then_some(rng.gen_range(3..15))),
                    comment: Set(None),
                    created_by: Set(teacher_user_of(*ci, *si)),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                });
                if code.code != "ОП" {
                    continue;
                }
            }
            let chance = if test_day { 0.95 } else { 0.18 };
            if rng.gen_bool(chance) {
                let level = levels[*ci][k];
                let v = (level + rng.gen_range(-1.2..1.2)).round().clamp(2.0, 5.0) as i32;
                let wtype = &work_types[if test_day { 4 } else { *wt }];
                if let Some(pi) = period_index {
                    averages
                        .entry((*ci, *si, k, pi))
                        .or_default()
                        .add(WeightedMark {
                            value: v as u8,
                            weight_centi: wtype.weight_centi as u32,
                        });
                }
                marks.push(mark::ActiveModel {
                    lesson_id: Set(lid),
                    student_id: Set(*student),
                    slot: Set(0),
                    value: Set(v.to_string()),
                    points: Set(Some(v)),
                    work_type_id: Set(wtype.id),
                    weight_centi: Set(wtype.weight_centi),
                    comment: Set(None),
                    excluded: Set(false),
                    due_on: Set(None),
                    created_by: Set(teacher_user_of(*ci, *si)),
                    created_at: Set(now),
                    updated_by: Set(None),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                });
            }
        }
    }

    // Period marks for the closed quarters, from the school's policy.
    let mut period_marks = Vec::new();
    for (pi, (pid, _, _, locked)) in period_ids.iter().enumerate() {
        if !locked {
            continue;
        }
        for (ci, students) in class_students.iter().enumerate() {
            for (si, section) in sections[ci].iter().enumerate() {
                for (k, student) in students.iter().enumerate() {
                    let Some(avg) = averages.get(&(ci, si, k, pi)) else {
                        continue;
                    };
                    if let Some(v) = policy.suggest(avg) {
                        period_marks.push(period_mark::ActiveModel {
                            section_id: Set(*section),
                            period_id: Set(*pid),
                            student_id: Set(*student),
                            value: Set(v.to_string()),
                            points: Set(Some(v as i32)),
                            average_centi: Set(avg.centi().map(|c| c as i32)),
                            set_by: Set(teacher_user_of(ci, si)),
                            set_at: Set(now),
                            version: Set(1),
                            ..Default::default()
                        });
                    }
                }
            }
        }
    }

    insert_chunked(db, marks).await?;
    insert_chunked(db, attendance).await?;
    insert_chunked(db, homework_rows).await?;
    insert_chunked(db, period_marks).await?;

    // Announcements, remarks, and a conversation between the demo parent and
    // the mathematics teacher.
    announcement::ActiveModel {
        school_id: Set(sid),
        class_id: Set(None),
        author_user_id: Set(teacher_user_ids[0][0]),
        title: Set("Родительское собрание".into()),
        body: Set(
            "Общешкольное родительское собрание состоится в четверг в 18:30 в актовом зале.".into(),
        ),
        published_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(ci) = class_list.iter().position(|(n, _)| n == "7А") {
        announcement::ActiveModel {
            school_id: Set(sid),
            class_id: Set(Some(class_ids[ci])),
            author_user_id: Set(teacher_user_of(ci, ci % SUBJECTS.len())),
            title: Set("Экскурсия в Эрмитаж".into()),
            body: Set(
                "В субботу 7А идёт в Эрмитаж. Сбор у школы в 10:00, с собой — проездной.".into(),
            ),
            published_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    // A parent who has registered and filed two applications: one matches
    // the roster exactly, the other has a mistake in the child's first name.
    let applicant_person = add_person(db, sid, ["Смирнов", "Олег", "Иванович"], None).await?;
    let applicant = add_user(db, APPLICANT_EMAIL, pw, applicant_person, &[], sid).await?;
    user_role::ActiveModel {
        user_id: Set(applicant),
        role: Set(Role::Parent.as_str().into()),
        school_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (ci, typo) in [(1usize, false), (3usize, true)] {
        let Some(student) = class_students.get(ci).and_then(|s| s.first()) else {
            continue;
        };
        let p = person::Entity::find_by_id(*student)
            .one(db)
            .await?
            .ok_or(DbErr::RecordNotFound("seeded student".into()))?;
        let first = if typo {
            p.first_name
                .chars()
                .take(p.first_name.chars().count() - 1)
                .collect()
        } else {
            p.first_name.clone()
        };
        let a = access_application::ActiveModel {
            user_id: Set(applicant),
            school_id: Set(sid),
            class_id: Set(Some(class_ids[ci])),
            parent_last_name: Set("Смирнов".into()),
            parent_first_name: Set("Олег".into()),
            parent_middle_name: Set(Some("Иванович".into())),
            child_last_name: Set(p.last_name.clone()),
            child_first_name: Set(first),
            child_middle_name: Set(p.middle_name.clone()),
            child_birth_date: Set(p.birth_date.unwrap_or(start)),
            relation: Set("father".into()),
            status: Set("filed".into()),
            roster_student_id: Set(None),
            passport_checked_by: Set(None),
            passport_checked_at: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            reject_reason: Set(None),
            reject_comment: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        application_event::ActiveModel {
            application_id: Set(a.id),
            from_status: Set(None),
            to_status: Set("filed".into()),
            actor_user_id: Set(Some(applicant)),
            note: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    if let Some(maria) = maria {
        for (author, kind, text) in [
            (
                teacher_user_ids[0][0],
                "praise",
                "Отличная работа у доски: решила задачу на проценты двумя способами.",
            ),
            (
                teacher_user_ids[1][0],
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
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        let thread = message_thread::ActiveModel {
            student_id: Set(Some(maria)),
            subject: Set("Контрольная работа по математике".into()),
            created_by: Set(parent_user),
            created_at: Set(now - Duration::days(2)),
            last_message_at: Set(now - Duration::days(1)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (user, read) in [(parent_user, now), (teacher_user_ids[0][0], now)] {
            thread_participant::ActiveModel {
                thread_id: Set(thread.id),
                user_id: Set(user),
                last_read_at: Set(Some(read - Duration::days(1))),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        for (author, body, ago) in [
            (
                parent_user,
                "Здравствуйте, Елена Викторовна! Мария болела в день контрольной. Можно ли написать её позже?",
                2,
            ),
            (
                teacher_user_ids[0][0],
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
            .insert(db)
            .await?;
        }
    }

    Ok(demo_logins())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_school_year_starts_on_the_first_of_september_before_the_day() {
        assert_eq!(year_start(d(2026, 11, 29)), d(2026, 9, 1));
        assert_eq!(year_start(d(2027, 3, 2)), d(2026, 9, 1));
        assert_eq!(year_start(d(2027, 9, 1)), d(2027, 9, 1));
    }

    #[test]
    fn the_timetable_never_puts_a_teacher_in_two_classes_at_once() {
        for day in 0..5 {
            for slot in 0..6 {
                let subjects: std::collections::HashSet<usize> = (0..CLASSES.len())
                    .map(|c| (6 * day + slot + c) % SUBJECTS.len())
                    .collect();
                assert_eq!(subjects.len(), CLASSES.len());
            }
        }
    }
}

//! The school set-up's texts: what its validation errors and refusals say,
//! the invitation mail, and the administrator's pages, in Russian and
//! English.

use super::Lang;
use crate::domain::setup::SetupError;

/// The set-up's strings, per language.
pub struct SetupTexts {
    pub required: &'static str,
    too_long: fn(usize) -> String,
    pub not_a_date: &'static str,
    pub not_a_time: &'static str,
    pub ends_before_start: &'static str,
    pub year_too_long: &'static str,
    pub outside_year: &'static str,
    pub overlaps: &'static str,
    pub gap_without_holidays: &'static str,
    pub unknown_kind: &'static str,
    pub mixed_kinds: &'static str,
    pub period_count: &'static str,
    pub bell_in_use: &'static str,
    pub bells_overlap: &'static str,
    pub bad_lesson_number: &'static str,
    pub bad_grade: &'static str,
    pub bad_weekday: &'static str,
    pub unknown_time_zone: &'static str,
    pub no_such_bell: &'static str,
    pub double_booked: &'static str,
    /// Refusals of a write that would break data.
    pub school_exists: &'static str,
    pub email_taken: &'static str,
    pub subject_has_lessons: &'static str,
    pub class_has_students: &'static str,
    pub not_this_school: &'static str,
    pub not_a_teacher: &'static str,
    pub year_has_classes: &'static str,
    pub group_needed: &'static str,
    pub invite_subject: &'static str,
    /// (name, school, role, days the link lasts, link)
    invite_body: fn(&str, &str, &str, i64, &str) -> String,
}

const RU: SetupTexts = SetupTexts {
    required: "не заполнено",
    too_long: |n| format!("слишком длинно (не более {n} знаков)"),
    not_a_date: "дата в виде ДД.ММ.ГГГГ",
    not_a_time: "время в виде ЧЧ:ММ",
    ends_before_start: "конец раньше начала",
    year_too_long: "учебный год длиннее 13 месяцев",
    outside_year: "выходит за пределы учебного года",
    overlaps: "пересекается с другим периодом",
    gap_without_holidays: "между этим и предыдущим периодом есть учебные дни, не отмеченные как каникулы",
    unknown_kind: "выберите: четверти, триместры или полугодия",
    mixed_kinds: "в одном году периоды одного вида",
    period_count: "четвертей в году 4, триместров 3, полугодий 2",
    bell_in_use: "урок с этим номером есть в расписании классов: сначала уберите его оттуда",
    bells_overlap: "урок начинается раньше, чем кончается предыдущий",
    bad_lesson_number: "номер урока от 0 до 12, каждый один раз",
    bad_grade: "параллель от 1 до 11",
    bad_weekday: "день недели от понедельника до субботы",
    unknown_time_zone: "неизвестный часовой пояс (например, Europe/Moscow)",
    no_such_bell: "в расписании звонков нет урока с таким номером",
    double_booked: "в это время уже есть урок",
    school_exists: "школа с таким названием уже есть",
    email_taken: "этот адрес уже занят другой учётной записью",
    subject_has_lessons: "у предмета есть уроки: удалить его нельзя",
    class_has_students: "в классе есть ученики: удалить его нельзя",
    not_this_school: "не найдено в вашей школе",
    not_a_teacher: "это не учитель вашей школы",
    year_has_classes: "в году уже есть классы",
    group_needed: "этот предмет в классе уже ведётся: дайте каждой группе своё название («1 группа», «2 группа»)",
    invite_subject: "Дневник: приглашение",
    invite_body: |name, school, role, days, link| {
        format!(
            "Здравствуйте, {name}!\n\nВас пригласили в электронный дневник школы «{school}» ({role}).\n\
             Чтобы задать пароль и войти, откройте ссылку (она действует {days} дней и только один раз):\n{link}\n\n\
             Логин — этот адрес электронной почты. Если вы не ждали этого письма, ничего не делайте.\n"
        )
    },
};

const EN: SetupTexts = SetupTexts {
    required: "required",
    too_long: |n| format!("too long (at most {n} characters)"),
    not_a_date: "a date as DD.MM.YYYY",
    not_a_time: "a time as HH:MM",
    ends_before_start: "ends before it starts",
    year_too_long: "an academic year longer than 13 months",
    outside_year: "outside the academic year",
    overlaps: "overlaps another period",
    gap_without_holidays: "there are school days between this period and the previous one that are not holidays",
    unknown_kind: "choose quarters, trimesters or halves",
    mixed_kinds: "the periods of one year are of one kind",
    period_count: "a year has 4 quarters, 3 trimesters or 2 halves",
    bell_in_use: "the classes' timetables use this lesson number: remove it there first",
    bells_overlap: "the lesson starts before the previous one ends",
    bad_lesson_number: "lesson numbers from 0 to 12, each once",
    bad_grade: "a grade from 1 to 11",
    bad_weekday: "a weekday from Monday to Saturday",
    unknown_time_zone: "unknown time zone (for example Europe/Moscow)",
    no_such_bell: "the bell schedule has no lesson of this number",
    double_booked: "there is a lesson at this time already",
    school_exists: "a school of this name exists already",
    email_taken: "this address belongs to another account already",
    subject_has_lessons: "the subject has lessons: it cannot be deleted",
    class_has_students: "the class has students: it cannot be deleted",
    not_this_school: "not found in your school",
    not_a_teacher: "not a teacher of your school",
    year_has_classes: "the year has classes already",
    group_needed: "the class is taught this subject already: give each group its own name («group 1», «group 2»)",
    invite_subject: "Diary: invitation",
    invite_body: |name, school, role, days, link| {
        format!(
            "Hello, {name}!\n\nYou have been invited to the electronic diary of «{school}» ({role}).\n\
             To set your password and sign in, open the link (it is valid for {days} days, once):\n{link}\n\n\
             Your login is this e-mail address. If you did not expect this mail, do nothing.\n"
        )
    },
};

/// The set-up's strings in `lang`.
pub fn texts(lang: Lang) -> &'static SetupTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

impl SetupTexts {
    pub fn error(&self, e: SetupError) -> String {
        match e {
            SetupError::Required => self.required.into(),
            SetupError::TooLong(n) => (self.too_long)(n),
            SetupError::NotADate => self.not_a_date.into(),
            SetupError::NotATime => self.not_a_time.into(),
            SetupError::EndsBeforeStart => self.ends_before_start.into(),
            SetupError::YearTooLong => self.year_too_long.into(),
            SetupError::OutsideYear => self.outside_year.into(),
            SetupError::Overlaps => self.overlaps.into(),
            SetupError::GapWithoutHolidays => self.gap_without_holidays.into(),
            SetupError::UnknownKind => self.unknown_kind.into(),
            SetupError::MixedKinds => self.mixed_kinds.into(),
            SetupError::PeriodCount => self.period_count.into(),
            SetupError::BellInUse => self.bell_in_use.into(),
            SetupError::BellsOverlap => self.bells_overlap.into(),
            SetupError::BadLessonNumber => self.bad_lesson_number.into(),
            SetupError::BadGrade => self.bad_grade.into(),
            SetupError::BadWeekday => self.bad_weekday.into(),
            SetupError::UnknownTimeZone => self.unknown_time_zone.into(),
            SetupError::NoSuchBell => self.no_such_bell.into(),
            SetupError::DoubleBooked => self.double_booked.into(),
        }
    }

    /// The invitation mail's body.
    pub fn invite_body(
        &self,
        name: &str,
        school: &str,
        role: &str,
        days: i64,
        link: &str,
    ) -> String {
        (self.invite_body)(name, school, role, days, link)
    }
}

/// The administrator's set-up pages' strings, per language.
pub struct SetupPageTexts {
    pub title: &'static str,
    pub hint: &'static str,
    pub saved: &'static str,
    pub add: &'static str,
    pub save: &'static str,
    pub delete: &'static str,
    pub none_yet: &'static str,
    pub year_section: &'static str,
    pub year_name: &'static str,
    pub starts_on: &'static str,
    pub ends_on: &'static str,
    pub kind: &'static str,
    pub quarters: &'static str,
    pub trimesters: &'static str,
    pub halves: &'static str,
    pub periods: &'static str,
    pub holidays: &'static str,
    pub holiday_name: &'static str,
    pub add_holiday: &'static str,
    pub create_year: &'static str,
    pub bells_section: &'static str,
    pub lesson_no: &'static str,
    pub add_bell: &'static str,
    pub save_bells: &'static str,
    pub subjects_section: &'static str,
    pub subject_name: &'static str,
    pub short_name: &'static str,
    pub staff_section: &'static str,
    pub email: &'static str,
    pub last_name: &'static str,
    pub first_name: &'static str,
    pub middle_name: &'static str,
    pub role: &'static str,
    pub invite: &'static str,
    pub invited: &'static str,
    pub deactivated: &'static str,
    pub deactivate: &'static str,
    pub reactivate: &'static str,
    pub classes_section: &'static str,
    pub class_name: &'static str,
    pub grade: &'static str,
    pub homeroom: &'static str,
    pub nobody: &'static str,
    pub students: &'static str,
    pub open_class: &'static str,
    pub sections_section: &'static str,
    pub teacher: &'static str,
    pub group: &'static str,
    pub lessons_section: &'static str,
    pub lessons_hint: &'static str,
    pub period: &'static str,
    pub all_classes: &'static str,
    pub generate: &'static str,
    pub class_title: &'static str,
    pub add_student: &'static str,
    pub birth_date: &'static str,
    pub enrolled_from: &'static str,
    pub left_on: &'static str,
    pub timetable: &'static str,
    pub timetable_hint: &'static str,
    pub room: &'static str,
    pub free: &'static str,
    pub save_timetable: &'static str,
    pub no_sections: &'static str,
    pub no_bells: &'static str,
    pub back: &'static str,
    pub invite_title: &'static str,
    pub invite_hint: &'static str,
    pub invite_done: &'static str,
    /// Monday to Saturday, short.
    pub weekdays: [&'static str; 6],
}

const PAGE_RU: SetupPageTexts = SetupPageTexts {
    title: "Настройка школы",
    hint: "Здесь администратор создаёт учебный год, звонки, предметы, классы и учеников, приглашает сотрудников, распределяет нагрузку и составляет расписание, по которому создаются уроки. Каждое изменение записывается в журнал изменений.",
    saved: "Сохранено",
    add: "Добавить",
    save: "Сохранить",
    delete: "Удалить",
    none_yet: "Пока ничего нет",
    year_section: "Учебный год и каникулы",
    year_name: "Название года",
    starts_on: "Начало",
    ends_on: "Конец",
    kind: "Деление года",
    quarters: "Четверти",
    trimesters: "Триместры",
    halves: "Полугодия",
    periods: "Периоды",
    holidays: "Каникулы и нерабочие дни",
    holiday_name: "Название",
    add_holiday: "Ещё каникулы",
    create_year: "Создать учебный год",
    bells_section: "Расписание звонков",
    lesson_no: "Урок",
    add_bell: "Ещё урок",
    save_bells: "Сохранить звонки",
    subjects_section: "Предметы",
    subject_name: "Предмет",
    short_name: "Сокращение",
    staff_section: "Сотрудники",
    email: "Электронная почта (логин)",
    last_name: "Фамилия",
    first_name: "Имя",
    middle_name: "Отчество",
    role: "Роль",
    invite: "Пригласить",
    invited: "приглашён, пароль ещё не задан",
    deactivated: "отключён",
    deactivate: "Отключить",
    reactivate: "Включить снова",
    classes_section: "Классы",
    class_name: "Класс",
    grade: "Параллель",
    homeroom: "Классный руководитель",
    nobody: "— не назначен —",
    students: "Учеников",
    open_class: "Ученики и расписание",
    sections_section: "Нагрузка: кто что ведёт",
    teacher: "Учитель",
    group: "Группа (если класс делится)",
    lessons_section: "Уроки по расписанию",
    lessons_hint: "Создаёт уроки периода по недельному расписанию классов. Повторный запуск не создаёт дублей; урок с отметками, посещаемостью, темой или заданием никогда не удаляется и не переносится; в каникулы уроков нет.",
    period: "Период",
    all_classes: "Все классы",
    generate: "Создать уроки",
    class_title: "Класс",
    add_student: "Добавить ученика",
    birth_date: "Дата рождения",
    enrolled_from: "В классе с",
    left_on: "Выбыл",
    timetable: "Расписание на неделю",
    timetable_hint: "Для каждого урока выберите предмет и кабинет. Потом создайте уроки периода на странице школы.",
    room: "Каб.",
    free: "—",
    save_timetable: "Сохранить расписание",
    no_sections: "Сначала назначьте классу предметы и учителей на странице школы.",
    no_bells: "Сначала задайте расписание звонков.",
    back: "← К настройке школы",
    invite_title: "Приглашение в Дневник",
    invite_hint: "Задайте пароль: логин — адрес, на который пришло приглашение.",
    invite_done: "Пароль задан. Теперь войдите.",
    weekdays: ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб"],
};

const PAGE_EN: SetupPageTexts = SetupPageTexts {
    title: "School set-up",
    hint: "Here the administrator creates the academic year, bells, subjects, classes and students, invites the staff, assigns who teaches what and lays out the timetable the lessons are generated from. Every change goes to the audit log.",
    saved: "Saved",
    add: "Add",
    save: "Save",
    delete: "Delete",
    none_yet: "Nothing yet",
    year_section: "Academic year and holidays",
    year_name: "Year",
    starts_on: "Starts",
    ends_on: "Ends",
    kind: "Divided into",
    quarters: "Quarters",
    trimesters: "Trimesters",
    halves: "Halves",
    periods: "Periods",
    holidays: "Holidays and days off",
    holiday_name: "Name",
    add_holiday: "Another holiday",
    create_year: "Create the year",
    bells_section: "Bell schedule",
    lesson_no: "Lesson",
    add_bell: "Another lesson",
    save_bells: "Save the bells",
    subjects_section: "Subjects",
    subject_name: "Subject",
    short_name: "Short name",
    staff_section: "Staff",
    email: "E-mail (the login)",
    last_name: "Surname",
    first_name: "First name",
    middle_name: "Patronymic",
    role: "Role",
    invite: "Invite",
    invited: "invited, no password yet",
    deactivated: "deactivated",
    deactivate: "Deactivate",
    reactivate: "Reactivate",
    classes_section: "Classes",
    class_name: "Class",
    grade: "Grade",
    homeroom: "Class teacher",
    nobody: "— none —",
    students: "Students",
    open_class: "Students and timetable",
    sections_section: "Sections: who teaches what",
    teacher: "Teacher",
    group: "Group (if the class is split)",
    lessons_section: "Lessons from the timetable",
    lessons_hint: "Creates the period's lessons from the classes' weekly timetables. Running it again creates no duplicates; a lesson with marks, attendance, a topic or homework is never deleted or moved; holidays get no lessons.",
    period: "Period",
    all_classes: "All classes",
    generate: "Generate the lessons",
    class_title: "Class",
    add_student: "Add a student",
    birth_date: "Date of birth",
    enrolled_from: "In the class from",
    left_on: "Left",
    timetable: "Weekly timetable",
    timetable_hint: "Choose a subject and a room for each lesson. Then generate the period's lessons on the school page.",
    room: "Room",
    free: "—",
    save_timetable: "Save the timetable",
    no_sections: "First assign the class its subjects and teachers on the school page.",
    no_bells: "First set the bell schedule.",
    back: "← Back to the school set-up",
    invite_title: "Invitation to the Diary",
    invite_hint: "Set your password: your login is the address the invitation came to.",
    invite_done: "Your password is set. Now sign in.",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
};

/// The set-up pages' strings in `lang`.
pub fn page(lang: Lang) -> &'static SetupPageTexts {
    match lang {
        Lang::Ru => &PAGE_RU,
        Lang::En => &PAGE_EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_worded_in_both_languages() {
        assert_eq!(
            RU.error(SetupError::TooLong(60)),
            "слишком длинно (не более 60 знаков)"
        );
        assert_eq!(EN.error(SetupError::NotADate), "a date as DD.MM.YYYY");
        assert!(RU
            .invite_body(
                "Анна",
                "Школа № 17",
                "учитель",
                7,
                "http://x/invite?token=t"
            )
            .contains("http://x/invite?token=t"));
    }
}

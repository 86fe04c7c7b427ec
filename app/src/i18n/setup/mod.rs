//! The school set-up's texts: what its validation errors and refusals say,
//! the invitation mail, and the administrator's pages, in Russian and
//! English.
//!
//! The pages' strings are in `page`; the profile page's in `profile`.

mod page;
mod profile;

pub use page::{page, SetupPageTexts};
pub use profile::{profile_page, ProfilePageTexts};

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
    pub not_a_number: &'static str,
    pub bad_threshold: &'static str,
    pub thresholds_not_increasing: &'static str,
    pub bad_weight: &'static str,
    pub taken: &'static str,
    pub before_joined: &'static str,
    pub other_year: &'static str,
    pub same_class: &'static str,
    pub marks_after: &'static str,
    pub was_in_class: &'static str,
    pub not_a_group: &'static str,
    pub not_in_class: &'static str,
    pub in_other_group: &'static str,
    pub marks_in_group: &'static str,
    pub no_short_bells: &'static str,
    pub period_closed: &'static str,
    pub kind_fixed: &'static str,
    pub days_off_outside: &'static str,
    pub lessons_held: &'static str,
    pub holiday_stays: &'static str,
    /// Refusals of a write that would break data.
    pub school_exists: &'static str,
    pub email_taken: &'static str,
    pub subject_has_lessons: &'static str,
    pub class_has_students: &'static str,
    pub not_this_school: &'static str,
    pub not_a_teacher: &'static str,
    pub lesson_closed: &'static str,
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
    not_a_number: "число, например 4,65",
    bad_threshold: "порог от 2,00 до 5,00",
    thresholds_not_increasing: "порог должен быть ниже порога следующей оценки",
    bad_weight: "вес от 0 до 10",
    taken: "такое название уже есть",
    before_joined: "раньше, чем ученик пришёл в класс",
    other_year: "класс другого учебного года",
    same_class: "ученик уже в этом классе",
    marks_after: "после этого дня у ученика есть оценки или отметки посещаемости в прежнем классе: выберите более позднюю дату",
    was_in_class: "ученик уже был в этом классе в этом году: вернуть его туда переводом нельзя",
    not_a_group: "этот предмет ведётся у всего класса, а не у группы",
    not_in_class: "выберите учеников этого класса",
    in_other_group: "ученик уже в другой группе по этому предмету",
    marks_in_group: "у ученика есть оценки или посещаемость в журнале этой группы: из группы его не убрать",
    no_short_bells: "сначала задайте звонки сокращённого дня",
    period_closed: "период закрыт: его даты не меняются, пока его не откроют снова",
    kind_fixed: "в году уже есть уроки: вид и число периодов не меняются",
    days_off_outside: "нерабочие дни года выходят за эти даты: сначала уберите их",
    lessons_held: "в эти дни уже есть уроки с оценками, посещаемостью, темой или заданием: их нельзя убрать",
    holiday_stays: "каникулы между периодами не убираются: по ним проверены даты периодов",
    school_exists: "школа с таким названием уже есть",
    email_taken: "этот адрес уже занят другой учётной записью",
    subject_has_lessons: "у предмета есть уроки: удалить его нельзя",
    class_has_students: "в классе есть ученики: удалить его нельзя",
    not_this_school: "не найдено в вашей школе",
    not_a_teacher: "это не учитель вашей школы",
    lesson_closed: "урок в закрытом периоде: замену в нём не назначить",
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
    not_a_number: "a number, e.g. 4.65",
    bad_threshold: "a threshold from 2.00 to 5.00",
    thresholds_not_increasing: "the threshold must be below the next mark's",
    bad_weight: "a weight from 0 to 10",
    taken: "this name is taken already",
    before_joined: "before the student joined the class",
    other_year: "a class of another academic year",
    same_class: "the student is in this class already",
    marks_after: "the student has marks or attendance in their class after this day: choose a later date",
    was_in_class: "the student was in this class earlier this year: a move cannot take them back",
    not_a_group: "this subject is taught to the whole class, not a group",
    not_in_class: "choose students of this class",
    in_other_group: "the student is in another group of this subject already",
    marks_in_group: "the student has marks or attendance in this group's journal: they cannot leave it",
    no_short_bells: "set the bells of a shortened day first",
    period_closed: "the period is closed: its dates stay until it is reopened",
    kind_fixed: "the year has lessons: the kind and number of periods stay",
    days_off_outside: "the year's non-school days fall outside these dates: remove them first",
    lessons_held: "lessons on these days hold marks, attendance, a topic or homework: they cannot be removed",
    holiday_stays: "holidays between periods stay: the periods' dates were checked against them",
    school_exists: "a school of this name exists already",
    email_taken: "this address belongs to another account already",
    subject_has_lessons: "the subject has lessons: it cannot be deleted",
    class_has_students: "the class has students: it cannot be deleted",
    not_this_school: "not found in your school",
    not_a_teacher: "not a teacher of your school",
    lesson_closed: "the lesson is in a closed period: no substitute can be given",
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
            SetupError::NotANumber => self.not_a_number.into(),
            SetupError::BadThreshold => self.bad_threshold.into(),
            SetupError::ThresholdsNotIncreasing => self.thresholds_not_increasing.into(),
            SetupError::BadWeight => self.bad_weight.into(),
            SetupError::Taken => self.taken.into(),
            SetupError::BeforeJoined => self.before_joined.into(),
            SetupError::OtherYear => self.other_year.into(),
            SetupError::SameClass => self.same_class.into(),
            SetupError::MarksAfter => self.marks_after.into(),
            SetupError::WasInClass => self.was_in_class.into(),
            SetupError::NotAGroup => self.not_a_group.into(),
            SetupError::NotInClass => self.not_in_class.into(),
            SetupError::InOtherGroup => self.in_other_group.into(),
            SetupError::MarksInGroup => self.marks_in_group.into(),
            SetupError::NoShortBells => self.no_short_bells.into(),
            SetupError::PeriodClosed => self.period_closed.into(),
            SetupError::KindFixed => self.kind_fixed.into(),
            SetupError::DaysOffOutside => self.days_off_outside.into(),
            SetupError::LessonsHeld => self.lessons_held.into(),
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

//! Interface languages: Russian first, English second.
//!
//! The server renders in the language of the `lang` cookie and writes it
//! into `<html lang>`; the browser starts from that attribute, so both sides
//! agree during hydration. Switching sets the cookie and re-renders at once.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Lang {
        if s.trim().eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Ru
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }
}

/// Every string of the interface, per language.
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub show_password: &'static str,
    pub hide_password: &'static str,
    pub signing_in: &'static str,
    pub sign_in_hint: &'static str,
    pub gosuslugi_soon: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub to_home: &'static str,
    pub switch_lang: &'static str,
    pub user_id: &'static str,
    pub role_admin: &'static str,
    pub role_officer: &'static str,
    pub role_teacher: &'static str,
    pub role_parent: &'static str,
    pub role_student: &'static str,
    pub my_classes: &'static str,
    pub students: &'static str,
    pub lessons_today: &'static str,
    pub my_children: &'static str,
    pub no_children: &'static str,
    pub class: &'static str,
    pub average: &'static str,
    pub open_applications: &'static str,
    pub roster_students: &'static str,
    pub classes: &'static str,
    pub teachers: &'static str,
    pub current_period: &'static str,
    pub what_you_can_do: &'static str,
    pub soon: &'static str,
    pub teacher_features: [&'static str; 5],
    pub parent_features: [&'static str; 5],
    pub student_features: [&'static str; 4],
    pub officer_features: [&'static str; 4],
    pub admin_features: [&'static str; 5],
    pub nav_home: &'static str,
    pub nav_week: &'static str,
    pub nav_marks: &'static str,
    pub nav_attendance: &'static str,
    pub nav_homework: &'static str,
    pub nav_news: &'static str,
    pub nav_messages: &'static str,
    pub children_switch: &'static str,
    pub week_prev: &'static str,
    pub week_next: &'static str,
    pub week_today: &'static str,
    pub today_badge: &'static str,
    pub no_lessons: &'static str,
    pub homework_label: &'static str,
    pub room: &'static str,
    pub subject_col: &'static str,
    pub marks_col: &'static str,
    pub average_col: &'static str,
    pub period_mark_col: &'static str,
    pub suggested: &'static str,
    pub need_for: &'static str,
    pub need_more: &'static str,
    pub need_none: &'static str,
    pub need_never: &'static str,
    pub of_weight: &'static str,
    pub trend: &'static str,
    pub no_marks: &'static str,
    pub date_col: &'static str,
    pub work_type_col: &'static str,
    pub comment_col: &'static str,
    pub excluded: &'static str,
    pub att_absent: &'static str,
    pub att_ill: &'static str,
    pub att_excused: &'static str,
    pub att_late: &'static str,
    pub att_missed: &'static str,
    pub att_total: &'static str,
    pub upcoming: &'static str,
    pub past_due: &'static str,
    pub no_homework: &'static str,
    pub set_on: &'static str,
    pub due_on: &'static str,
    pub announcements: &'static str,
    pub remarks: &'static str,
    pub praise: &'static str,
    pub remark: &'static str,
    pub whole_school: &'static str,
    pub nothing_here: &'static str,
    pub inbox: &'static str,
    pub new_message: &'static str,
    pub to_whom: &'static str,
    pub msg_subject: &'static str,
    pub msg_body: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub reply: &'static str,
    pub no_threads: &'static str,
    pub unread: &'static str,
    pub back_to_inbox: &'static str,
    pub about: &'static str,
    pub forbidden: &'static str,
    pub period_label: &'static str,
    pub locked: &'static str,
    pub register: &'static str,
    pub register_title: &'static str,
    pub register_hint: &'static str,
    pub last_name: &'static str,
    pub first_name: &'static str,
    pub middle_name: &'static str,
    pub create_account: &'static str,
    pub registered: &'static str,
    pub have_account: &'static str,
    pub no_account: &'static str,
    pub confirm_title: &'static str,
    pub confirmed: &'static str,
    pub nav_applications: &'static str,
    pub my_applications: &'static str,
    pub no_applications: &'static str,
    pub new_application: &'static str,
    pub application_hint: &'static str,
    pub parent_section: &'static str,
    pub child_section: &'static str,
    pub birth_date: &'static str,
    pub school: &'static str,
    pub relation: &'static str,
    pub file: &'static str,
    pub withdraw: &'static str,
    pub history: &'static str,
    pub reason: &'static str,
    pub queue_title: &'static str,
    pub status: &'static str,
    pub all_classes: &'static str,
    pub open_only: &'static str,
    pub all_statuses: &'static str,
    pub filter: &'static str,
    pub roster_ok: &'static str,
    pub roster_missing: &'static str,
    pub application: &'static str,
    pub roster: &'static str,
    pub no_roster_match: &'static str,
    pub candidates: &'static str,
    pub invite: &'static str,
    pub check_title: &'static str,
    pub passport_seen: &'static str,
    pub parent_matches: &'static str,
    pub child_matches: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub comment: &'static str,
    pub field: &'static str,
    pub checked_by: &'static str,
}

pub static RU: Texts = Texts {
    app_name: "Дневник",
    tagline: "Электронный дневник: оценки, домашние задания, посещаемость и связь с учителями",
    sign_in: "Войти",
    sign_out: "Выйти",
    email: "Электронная почта",
    password: "Пароль",
    show_password: "Показать пароль",
    hide_password: "Скрыть пароль",
    signing_in: "Входим…",
    sign_in_hint: "Вход по личной электронной почте, указанной при регистрации",
    gosuslugi_soon: "Вход через Госуслуги появится в ближайшем обновлении",
    loading: "Загрузка…",
    not_found: "Страница не найдена",
    to_home: "На главную",
    switch_lang: "English",
    user_id: "Идентификатор пользователя",
    role_admin: "Администратор школы",
    role_officer: "Ответственный от школы",
    role_teacher: "Учитель",
    role_parent: "Родитель",
    role_student: "Ученик",
    my_classes: "Мои классы",
    students: "учеников",
    lessons_today: "Уроков сегодня",
    my_children: "Мои дети",
    no_children: "Пока нет подключённых детей. Подайте заявление на доступ к дневнику ребёнка.",
    class: "Класс",
    average: "Средний балл за период",
    open_applications: "Заявлений ждут проверки",
    roster_students: "Учеников в контингенте",
    classes: "Классов",
    teachers: "Учителей",
    current_period: "Текущий период",
    what_you_can_do: "Что вы можете делать",
    soon: "скоро",
    teacher_features: [
        "Вести журнал: оценки, посещаемость, темы уроков",
        "Задавать домашние задания",
        "Выставлять четвертные и годовые оценки",
        "Писать замечания и благодарности",
        "Отвечать на сообщения родителей",
    ],
    parent_features: [
        "Дневник ребёнка на неделю",
        "Оценки по предметам и средний балл",
        "Посещаемость и пропуски",
        "Домашние задания",
        "Сообщения учителям своего ребёнка",
    ],
    student_features: [
        "Расписание и дневник на неделю",
        "Оценки и средний балл",
        "Домашние задания",
        "Объявления школы и класса",
    ],
    officer_features: [
        "Проверять заявления родителей",
        "Сверять ФИО с паспортом и контингентом",
        "Одобрять или отклонять заявления с причиной",
        "Вести контингент школы",
    ],
    admin_features: [
        "Классы, предметы и учителя",
        "Расписание и звонки",
        "Учебные периоды и их закрытие",
        "Виды работ и их веса",
        "Правила округления итоговых оценок",
    ],
    nav_home: "Главная",
    nav_week: "Неделя",
    nav_marks: "Оценки",
    nav_attendance: "Посещаемость",
    nav_homework: "Задания",
    nav_news: "Новости",
    nav_messages: "Сообщения",
    children_switch: "Ребёнок",
    week_prev: "← Прошлая",
    week_next: "Следующая →",
    week_today: "Сегодня",
    today_badge: "сегодня",
    no_lessons: "Уроков нет",
    homework_label: "Д/з",
    room: "каб.",
    subject_col: "Предмет",
    marks_col: "Оценки",
    average_col: "Средний",
    period_mark_col: "Итог",
    suggested: "по правилам школы",
    need_for: "Чтобы выйти на",
    need_more: "ещё",
    need_none: "уже высшая оценка",
    need_never: "отметками «5» этого веса не достичь",
    of_weight: "вес",
    trend: "Средний балл по датам",
    no_marks: "Оценок пока нет",
    date_col: "Дата",
    work_type_col: "Вид работы",
    comment_col: "Комментарий",
    excluded: "не учитывается",
    att_absent: "Н — без причины",
    att_ill: "Б — болезнь",
    att_excused: "УП — уваж. причина",
    att_late: "ОП — опоздания",
    att_missed: "Пропущено уроков",
    att_total: "Всего",
    upcoming: "Ближайшие",
    past_due: "Прошедшие (14 дней)",
    no_homework: "Заданий нет",
    set_on: "задано",
    due_on: "к",
    announcements: "Объявления",
    remarks: "Замечания и благодарности",
    praise: "Благодарность",
    remark: "Замечание",
    whole_school: "Для всей школы",
    nothing_here: "Пока ничего нет",
    inbox: "Сообщения",
    new_message: "Новое сообщение",
    to_whom: "Кому",
    msg_subject: "Тема",
    msg_body: "Сообщение",
    send: "Отправить",
    sending: "Отправляем…",
    reply: "Ответить",
    no_threads: "Переписки пока нет",
    unread: "непрочитанных",
    back_to_inbox: "← Все сообщения",
    about: "о ребёнке",
    forbidden: "Нет доступа к этим данным",
    period_label: "Период",
    locked: "закрыт",
    register: "Регистрация",
    register_title: "Регистрация родителя",
    register_hint: "Логин — ваша личная электронная почта. После регистрации изменить её нельзя: не указывайте рабочий адрес.",
    last_name: "Фамилия",
    first_name: "Имя",
    middle_name: "Отчество",
    create_account: "Зарегистрироваться",
    registered: "Письмо со ссылкой для подтверждения отправлено на",
    have_account: "Уже зарегистрированы? Войти",
    no_account: "Нет учётной записи? Зарегистрироваться",
    confirm_title: "Подтверждение адреса",
    confirmed: "Адрес подтверждён. Теперь можно войти.",
    nav_applications: "Заявления",
    my_applications: "Мои заявления",
    no_applications: "Заявлений пока нет",
    new_application: "Новое заявление на доступ к дневнику ребёнка",
    application_hint: "Подайте отдельное заявление на каждого ребёнка. Затем придите в школу с паспортом, чтобы подписать его.",
    parent_section: "Родитель (как в паспорте)",
    child_section: "Ребёнок (как в документах)",
    birth_date: "Дата рождения",
    school: "Школа",
    relation: "Кем вы приходитесь",
    file: "Подать заявление",
    withdraw: "Отозвать",
    history: "История",
    reason: "Причина",
    queue_title: "Заявления родителей",
    status: "Статус",
    all_classes: "Все классы",
    open_only: "Нерассмотренные",
    all_statuses: "Все",
    filter: "Показать",
    roster_ok: "есть в контингенте",
    roster_missing: "нет в контингенте",
    application: "Заявление",
    roster: "Контингент (ПараГраф)",
    no_roster_match: "Совпадения в контингенте нет",
    candidates: "Похожие записи контингента",
    invite: "Ожидает подписи родителя",
    check_title: "Личная проверка",
    passport_seen: "Паспорт родителя предъявлен",
    parent_matches: "ФИО родителя совпадает с паспортом",
    child_matches: "ФИО ребёнка совпадает с документом и контингентом",
    approve: "Одобрить",
    reject: "Отклонить",
    comment: "Комментарий",
    field: "Поле",
    checked_by: "Паспорт проверил",
};

pub static EN: Texts = Texts {
    app_name: "Dnevnik",
    tagline: "School diary: marks, homework, attendance and talking to teachers",
    sign_in: "Sign in",
    sign_out: "Sign out",
    email: "E-mail",
    password: "Password",
    show_password: "Show password",
    hide_password: "Hide password",
    signing_in: "Signing in…",
    sign_in_hint: "Sign in with the personal e-mail you registered with",
    gosuslugi_soon: "Sign-in with Gosuslugi is coming in the next update",
    loading: "Loading…",
    not_found: "Page not found",
    to_home: "Home",
    switch_lang: "Русский",
    user_id: "User ID",
    role_admin: "School administrator",
    role_officer: "School officer",
    role_teacher: "Teacher",
    role_parent: "Parent",
    role_student: "Student",
    my_classes: "My classes",
    students: "students",
    lessons_today: "Lessons today",
    my_children: "My children",
    no_children: "No children linked yet. File an application for access to your child's diary.",
    class: "Class",
    average: "Average this period",
    open_applications: "Applications awaiting review",
    roster_students: "Students on the roster",
    classes: "Classes",
    teachers: "Teachers",
    current_period: "Current period",
    what_you_can_do: "What you can do",
    soon: "soon",
    teacher_features: [
        "Keep the journal: marks, attendance, lesson topics",
        "Set homework",
        "Set term and year marks",
        "Write remarks and praise",
        "Answer parents' messages",
    ],
    parent_features: [
        "Your child's week",
        "Marks by subject and the average",
        "Attendance and absences",
        "Homework",
        "Messages to your child's teachers",
    ],
    student_features: [
        "Timetable and the week's diary",
        "Marks and the average",
        "Homework",
        "School and class announcements",
    ],
    officer_features: [
        "Review parents' applications",
        "Check names against the passport and the roster",
        "Approve, or reject with a reason",
        "Keep the school roster",
    ],
    admin_features: [
        "Classes, subjects and teachers",
        "Timetable and bell times",
        "Academic periods and closing them",
        "Work types and their weights",
        "Rounding policy for period marks",
    ],
    nav_home: "Home",
    nav_week: "Week",
    nav_marks: "Marks",
    nav_attendance: "Attendance",
    nav_homework: "Homework",
    nav_news: "News",
    nav_messages: "Messages",
    children_switch: "Child",
    week_prev: "← Previous",
    week_next: "Next →",
    week_today: "Today",
    today_badge: "today",
    no_lessons: "No lessons",
    homework_label: "Homework",
    room: "room",
    subject_col: "Subject",
    marks_col: "Marks",
    average_col: "Average",
    period_mark_col: "Term mark",
    suggested: "by the school's rule",
    need_for: "To reach",
    need_more: "more",
    need_none: "already the top mark",
    need_never: "cannot be reached with fives of this weight",
    of_weight: "weight",
    trend: "Average over time",
    no_marks: "No marks yet",
    date_col: "Date",
    work_type_col: "Work type",
    comment_col: "Comment",
    excluded: "not counted",
    att_absent: "Absent",
    att_ill: "Ill",
    att_excused: "Excused",
    att_late: "Late",
    att_missed: "Lessons missed",
    att_total: "Total",
    upcoming: "Upcoming",
    past_due: "Past (14 days)",
    no_homework: "No homework",
    set_on: "set",
    due_on: "due",
    announcements: "Announcements",
    remarks: "Remarks and praise",
    praise: "Praise",
    remark: "Remark",
    whole_school: "Whole school",
    nothing_here: "Nothing yet",
    inbox: "Messages",
    new_message: "New message",
    to_whom: "To",
    msg_subject: "Subject",
    msg_body: "Message",
    send: "Send",
    sending: "Sending…",
    reply: "Reply",
    no_threads: "No conversations yet",
    unread: "unread",
    back_to_inbox: "← All messages",
    about: "about",
    forbidden: "You have no access to this",
    period_label: "Period",
    locked: "closed",
    register: "Register",
    register_title: "Parent registration",
    register_hint: "Your login is your personal e-mail. It cannot be changed after registration: do not use a work address.",
    last_name: "Surname",
    first_name: "First name",
    middle_name: "Patronymic",
    create_account: "Create account",
    registered: "A confirmation link was sent to",
    have_account: "Already registered? Sign in",
    no_account: "No account? Register",
    confirm_title: "Confirming your address",
    confirmed: "Your address is confirmed. You can sign in now.",
    nav_applications: "Applications",
    my_applications: "My applications",
    no_applications: "No applications yet",
    new_application: "New application for access to a child's diary",
    application_hint: "File a separate application for each child. Then come to the school with your passport to sign it.",
    parent_section: "Parent (as in the passport)",
    child_section: "Child (as in the documents)",
    birth_date: "Date of birth",
    school: "School",
    relation: "Relation",
    file: "File application",
    withdraw: "Withdraw",
    history: "History",
    reason: "Reason",
    queue_title: "Parents' applications",
    status: "Status",
    all_classes: "All classes",
    open_only: "Open",
    all_statuses: "All",
    filter: "Show",
    roster_ok: "on the roster",
    roster_missing: "not on the roster",
    application: "Application",
    roster: "Roster (ParaGraf)",
    no_roster_match: "No roster match",
    candidates: "Similar roster records",
    invite: "Awaiting parent's signature",
    check_title: "In-person check",
    passport_seen: "Parent's passport seen",
    parent_matches: "Parent's name matches the passport",
    child_matches: "Child's name matches the document and the roster",
    approve: "Approve",
    reject: "Reject",
    comment: "Comment",
    field: "Field",
    checked_by: "Passport checked by",
};

/// The current language signal, provided by the app root.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::Ru))
}

/// The language a page is rendered in, when it starts.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(axum::http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(';'))
                    .find_map(|kv| kv.trim().strip_prefix("lang=").map(Lang::parse))
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .map(|l| Lang::parse(&l))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::Ru
    }
}

/// Remembers the choice for the server's next render.
pub fn remember_lang(lang: Lang) {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        if let Some(doc) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = doc.set_cookie(&format!(
                "lang={}; path=/; max-age=31536000; samesite=lax",
                lang.code()
            ));
            if let Some(el) = doc.document_element() {
                let _ = el.set_attribute("lang", lang.code());
            }
        }
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    let _ = lang;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_language_codes_fall_back_to_russian() {
        assert_eq!(Lang::parse("EN"), Lang::En);
        assert_eq!(Lang::parse("de"), Lang::Ru);
        assert_eq!(Lang::Ru.other(), Lang::En);
    }
}

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

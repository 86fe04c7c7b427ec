//! The strings of the school's profile page (names, time zone, rounding of
//! period marks, work types), in Russian and English.

use crate::i18n::Lang;

pub struct ProfilePageTexts {
    pub title: &'static str,
    pub link: &'static str,
    pub profile_section: &'static str,
    pub name: &'static str,
    pub short_name: &'static str,
    pub city: &'static str,
    pub address: &'static str,
    pub time_zone: &'static str,
    pub other_zone: &'static str,
    pub scale: &'static str,
    pub scale_value: &'static str,
    pub rounding_section: &'static str,
    pub rounding_hint: &'static str,
    /// «5 от»
    pub from_for: fn(u8) -> String,
    pub preview: &'static str,
    pub mark: &'static str,
    pub averages: &'static str,
    /// The band's averages: (from, below), as «4,65».
    pub band: fn(Option<&str>, Option<&str>) -> String,
    pub preview_invalid: &'static str,
    pub try_average: &'static str,
    /// «даёт 4»
    pub gives: fn(u8) -> String,
    pub work_types_section: &'static str,
    pub work_types_hint: &'static str,
    pub work_name: &'static str,
    pub work_short: &'static str,
    pub weight: &'static str,
    /// (in open periods, in closed ones)
    pub marks_count: fn(u64, u64) -> String,
    /// Marks of open periods to re-weight.
    pub reweight: fn(u64) -> String,
    pub reweight_hint: &'static str,
    /// How many marks were re-weighted.
    pub reweighted: fn(u64) -> String,
    pub archived: &'static str,
    pub archive: &'static str,
    pub restore: &'static str,
    pub add_work_type: &'static str,
    /// A Russian zone's name, e.g. «Москва (МСК)».
    pub zone_label: fn(&str) -> Option<&'static str>,
}

fn zone_ru(id: &str) -> Option<&'static str> {
    Some(match id {
        "Europe/Kaliningrad" => "Калининград (МСК−1)",
        "Europe/Moscow" => "Москва (МСК)",
        "Europe/Samara" => "Самара (МСК+1)",
        "Asia/Yekaterinburg" => "Екатеринбург (МСК+2)",
        "Asia/Omsk" => "Омск (МСК+3)",
        "Asia/Novosibirsk" => "Новосибирск, Красноярск (МСК+4)",
        "Asia/Irkutsk" => "Иркутск (МСК+5)",
        "Asia/Yakutsk" => "Якутск (МСК+6)",
        "Asia/Vladivostok" => "Владивосток (МСК+7)",
        "Asia/Magadan" => "Магадан (МСК+8)",
        "Asia/Kamchatka" => "Петропавловск-Камчатский (МСК+9)",
        _ => return None,
    })
}

fn zone_en(id: &str) -> Option<&'static str> {
    Some(match id {
        "Europe/Kaliningrad" => "Kaliningrad (MSK−1)",
        "Europe/Moscow" => "Moscow (MSK)",
        "Europe/Samara" => "Samara (MSK+1)",
        "Asia/Yekaterinburg" => "Yekaterinburg (MSK+2)",
        "Asia/Omsk" => "Omsk (MSK+3)",
        "Asia/Novosibirsk" => "Novosibirsk, Krasnoyarsk (MSK+4)",
        "Asia/Irkutsk" => "Irkutsk (MSK+5)",
        "Asia/Yakutsk" => "Yakutsk (MSK+6)",
        "Asia/Vladivostok" => "Vladivostok (MSK+7)",
        "Asia/Magadan" => "Magadan (MSK+8)",
        "Asia/Kamchatka" => "Petropavlovsk-Kamchatsky (MSK+9)",
        _ => return None,
    })
}

const RU: ProfilePageTexts = ProfilePageTexts {
    title: "Профиль школы и правила оценивания",
    link: "Профиль школы, округление итоговых, виды работ",
    profile_section: "Профиль школы",
    name: "Полное название",
    short_name: "Краткое название",
    city: "Город",
    address: "Адрес",
    time_zone: "Часовой пояс",
    other_zone: "другой",
    scale: "Шкала оценок",
    scale_value: "пятибалльная (1–5); также «зач», «незач», «н/а», «осв» — они в средний балл не входят",
    rounding_section: "Итоговые оценки за период",
    rounding_hint: "По средневзвешенному баллу учитель видит предложенную итоговую оценку; ставит её он сам. Пороги — с какого среднего балла предлагается оценка.",
    from_for: |m| format!("«{m}» от"),
    preview: "Какой средний балл какую оценку даёт",
    mark: "Оценка",
    averages: "Средний балл",
    band: |from, below| match (from, below) {
        (Some(f), Some(b)) => format!("от {f} и ниже {b}"),
        (Some(f), None) => format!("от {f}"),
        (None, Some(b)) => format!("ниже {b}"),
        (None, None) => String::new(),
    },
    preview_invalid: "Исправьте пороги, чтобы увидеть, какую оценку даёт средний балл.",
    try_average: "Проверить средний балл",
    gives: |m| format!("даёт «{m}»"),
    work_types_section: "Виды работ и их веса",
    work_types_hint: "Каждая оценка хранит вес, с которым её поставили. Новый вес действует на новые оценки; оценки периодов, которые ещё не закрыты, можно пересчитать по новому весу — закрытые периоды не меняются никогда.",
    work_name: "Вид работы",
    work_short: "Кратко",
    weight: "Вес",
    marks_count: |open, closed| format!("оценок: {open} в открытых периодах, {closed} в закрытых"),
    reweight: |n| format!("пересчитать по новому весу оценки открытых периодов ({n})"),
    reweight_hint: "без отметки уже поставленные оценки сохранят свой вес",
    reweighted: |n| format!("Сохранено; пересчитано оценок: {n}"),
    archived: "в архиве: для новых оценок не предлагается",
    archive: "В архив",
    restore: "Вернуть из архива",
    add_work_type: "Добавить вид работы",
    zone_label: zone_ru,
};

const EN: ProfilePageTexts = ProfilePageTexts {
    title: "School profile and marking rules",
    link: "School profile, rounding of period marks, work types",
    profile_section: "School profile",
    name: "Full name",
    short_name: "Short name",
    city: "City",
    address: "Address",
    time_zone: "Time zone",
    other_zone: "other",
    scale: "Grade scale",
    scale_value: "five-point (1–5); also «pass», «fail», «n/a», «released», which do not enter the average",
    rounding_section: "Period marks",
    rounding_hint: "From the weighted average the teacher sees a suggested period mark; the teacher sets it. The thresholds say from which average each mark is suggested.",
    from_for: |m| format!("«{m}» from"),
    preview: "Which average gives which mark",
    mark: "Mark",
    averages: "Average",
    band: |from, below| match (from, below) {
        (Some(f), Some(b)) => format!("from {f} to below {b}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(b)) => format!("below {b}"),
        (None, None) => String::new(),
    },
    preview_invalid: "Correct the thresholds to see which mark an average gives.",
    try_average: "Try an average",
    gives: |m| format!("gives «{m}»"),
    work_types_section: "Work types and their weights",
    work_types_hint: "Every mark keeps the weight it was given with. A new weight applies to new marks; the marks of periods not yet closed can be re-weighted — closed periods never change.",
    work_name: "Work type",
    work_short: "Short",
    weight: "Weight",
    marks_count: |open, closed| format!("marks: {open} in open periods, {closed} in closed ones"),
    reweight: |n| format!("re-weight the marks of open periods ({n})"),
    reweight_hint: "unticked, the marks given keep their weight",
    reweighted: |n| format!("Saved; marks re-weighted: {n}"),
    archived: "archived: not offered for new marks",
    archive: "Archive",
    restore: "Restore",
    add_work_type: "Add a work type",
    zone_label: zone_en,
};

/// The profile page's strings in `lang`.
pub fn profile_page(lang: Lang) -> &'static ProfilePageTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

//! Russian names for the generated people: first names, surnames and
//! patronymics, and the two ways of drawing an ФИО from them.

use rand::Rng;

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

/// A teacher of a later group of eight classes. The draws, in order:
/// patronymic, surname, sex (seven in ten are women), first name.
pub(super) fn teacher(rng: &mut impl Rng) -> [&'static str; 3] {
    let (pm, pf) = PATRONYMICS[rng.gen_range(0..PATRONYMICS.len())];
    let (m, f) = SURNAMES[rng.gen_range(0..SURNAMES.len())];
    if rng.gen_bool(0.7) {
        [f, FEMALE_FIRST[rng.gen_range(0..FEMALE_FIRST.len())], pf]
    } else {
        [m, MALE_FIRST[rng.gen_range(0..MALE_FIRST.len())], pm]
    }
}

/// A student. The draws, in order: sex, surname, patronymic, first name.
pub(super) fn student(rng: &mut impl Rng) -> [&'static str; 3] {
    let girl = rng.gen_bool(0.5);
    let (m, f) = SURNAMES[rng.gen_range(0..SURNAMES.len())];
    let (pm, pf) = PATRONYMICS[rng.gen_range(0..PATRONYMICS.len())];
    if girl {
        [f, FEMALE_FIRST[rng.gen_range(0..FEMALE_FIRST.len())], pf]
    } else {
        [m, MALE_FIRST[rng.gen_range(0..MALE_FIRST.len())], pm]
    }
}

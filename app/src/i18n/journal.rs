//! The journal's texts (the teacher's gradebook grid), in Russian and
//! English: the page's, and what the server and the grid say when an edit is
//! refused.

use super::Lang;
use crate::domain::journal::CellParseError;

/// The journal's strings, per language.
pub struct JournalTexts {
    pub title: &'static str,
    pub period: &'static str,
    pub section: &'static str,
    pub student: &'static str,
    pub average: &'static str,
    pub absences: &'static str,
    pub final_mark: &'static str,
    pub suggested: &'static str,
    pub locked: &'static str,
    pub read_only_lesson: &'static str,
    pub saved: &'static str,
    pub saving: &'static str,
    pub unsaved: &'static str,
    pub failed: &'static str,
    pub export: &'static str,
    pub fill_column: &'static str,
    pub fill: &'static str,
    pub present: &'static str,
    pub set_suggested: &'static str,
    pub clear: &'static str,
    pub topic: &'static str,
    pub homework: &'static str,
    pub due_at: &'static str,
    pub next_lesson: &'static str,
    pub work_type: &'static str,
    pub attendance_taken: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub comment: &'static str,
    pub excluded: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub keyboard_help: &'static str,
    pub conflict: &'static str,
    pub no_lessons: &'static str,
    pub apply: &'static str,
    pub lesson_no: &'static str,
    pub leave_warning: &'static str,
    /// (the period's name).
    period_locked: fn(&str) -> String,
    /// (the most edits of one save).
    edits_per_save: fn(usize) -> String,
    pub closed_while_saving: &'static str,
    /// The section moved to another class or subject.
    pub grid_changed: &'static str,
    /// (the longest topic).
    topic_too_long: fn(usize) -> String,
    pub no_such_work_type: &'static str,
    /// (the longest homework).
    homework_too_long: fn(usize) -> String,
    pub homework_due_later: &'static str,
    pub not_in_class: &'static str,
    /// «с» 16.11: joined the class that day.
    pub joined_on: &'static str,
    /// «по» 04.12: the last day in the class.
    pub left_on: &'static str,
    /// (what was sent).
    not_a_mark: fn(&str) -> String,
    /// (what was sent).
    not_an_attendance_code: fn(&str) -> String,
    pub too_many_marks: &'static str,
    /// (the longest comment).
    comment_too_long: fn(usize) -> String,
    /// (what was typed into a cell).
    not_cell_content: fn(&str) -> String,
    pub two_attendance_codes: &'static str,
    /// (what was typed as a final mark).
    not_a_final_mark: fn(&str) -> String,
    /// After someone else's value: (what the user had typed).
    not_saved: fn(&str) -> String,
    /// In a cell's history, a mark left out of the average.
    pub history_excluded: &'static str,
}

const RU: JournalTexts = JournalTexts {
    title: "Журнал",
    period: "Период",
    section: "Класс и предмет",
    student: "Ученик",
    average: "Ср. балл",
    absences: "Пропуски",
    final_mark: "Итог",
    suggested: "предложено",
    locked: "Период закрыт: журнал только для чтения",
    read_only_lesson: "Этот урок изменять нельзя",
    saved: "Все изменения сохранены",
    saving: "Сохранение…",
    unsaved: "Не сохранено",
    failed: "Не удалось сохранить — повторим автоматически",
    export: "Скачать CSV",
    fill_column: "Заполнить столбец",
    fill: "Заполнить",
    present: "все присутствуют",
    set_suggested: "Выставить предложенные итоговые",
    clear: "Очистить",
    topic: "Тема урока",
    homework: "Домашнее задание",
    due_at: "К уроку",
    next_lesson: "к следующему уроку",
    work_type: "Вид работы",
    attendance_taken: "Посещаемость отмечена (все без пометок присутствовали)",
    save: "Сохранить",
    cancel: "Отмена",
    comment: "Комментарий",
    excluded: "не учитывать в среднем",
    history: "История клетки",
    no_history: "Изменений не было",
    keyboard_help: "Стрелки — перемещение, Enter — вниз, Tab — вправо. 1–5 — отметка, «3/5» — две отметки, Н, Б, УП, ОП — посещаемость, Backspace или Delete — очистить, F2 — править, Esc — отменить.",
    conflict: "Эту клетку уже изменил другой пользователь",
    no_lessons: "В этом периоде нет уроков",
    apply: "Применить",
    lesson_no: "урок",
    leave_warning: "Есть несохранённые изменения",
    period_locked: |name| format!("Период «{name}» закрыт: отметки в нём менять нельзя"),
    edits_per_save: |n| format!("За раз можно сохранить от 1 до {n} изменений"),
    closed_while_saving: "Период закрыли, пока шло сохранение",
    grid_changed: "Журнал изменился: обновите страницу",
    topic_too_long: |n| format!("Тема длиннее {n} знаков"),
    no_such_work_type: "Такого вида работы в школе нет",
    homework_too_long: |n| format!("Задание длиннее {n} знаков"),
    homework_due_later: "Задание можно задать только к одному из следующих уроков",
    not_in_class: "Этого ученика в этот день не было в классе",
    joined_on: "с",
    left_on: "по",
    not_a_mark: |v| format!("«{v}» — не отметка"),
    not_an_attendance_code: |code| format!("«{code}» — не отметка посещаемости"),
    too_many_marks: "В клетке не больше двух отметок",
    comment_too_long: |n| format!("Комментарий длиннее {n} знаков"),
    not_cell_content: |t| format!("«{t}» — не отметка: введите 1–5, Н, Б, УП или ОП"),
    two_attendance_codes: "В клетке одна отметка о посещаемости",
    not_a_final_mark: |t| format!("«{t}» — не отметка: введите 1–5, н/а, зач, осв"),
    not_saved: |mine| format!("Ваше «{mine}» не сохранено."),
    history_excluded: "не в среднем",
};

const EN: JournalTexts = JournalTexts {
    title: "Gradebook",
    period: "Period",
    section: "Class and subject",
    student: "Student",
    average: "Average",
    absences: "Absences",
    final_mark: "Final",
    suggested: "suggested",
    locked: "This period is closed: the gradebook is read-only",
    read_only_lesson: "This lesson cannot be changed",
    saved: "All changes saved",
    saving: "Saving…",
    unsaved: "Not saved yet",
    failed: "Could not save — retrying automatically",
    export: "Download CSV",
    fill_column: "Fill the column",
    fill: "Fill",
    present: "everyone present",
    set_suggested: "Set the suggested final marks",
    clear: "Clear",
    topic: "Topic",
    homework: "Homework",
    due_at: "Due at",
    next_lesson: "the next lesson",
    work_type: "Work type",
    attendance_taken: "Attendance taken (everyone without a code was present)",
    save: "Save",
    cancel: "Cancel",
    comment: "Comment",
    excluded: "leave out of the average",
    history: "Cell history",
    no_history: "No changes yet",
    keyboard_help: "Arrows move, Enter goes down, Tab goes right. 1–5 sets a mark, «3/5» two marks, Н, Б, УП, ОП attendance, Backspace or Delete clears, F2 edits, Esc cancels.",
    conflict: "Someone else has changed this cell",
    no_lessons: "No lessons in this period",
    apply: "Apply",
    lesson_no: "lesson",
    leave_warning: "There are unsaved changes",
    period_locked: |name| format!("The period «{name}» is closed: its marks cannot be changed"),
    edits_per_save: |n| format!("One save can hold from 1 to {n} changes"),
    closed_while_saving: "The period was closed while saving",
    grid_changed: "The gradebook has changed: reload the page",
    topic_too_long: |n| format!("The topic is longer than {n} characters"),
    no_such_work_type: "The school has no such work type",
    homework_too_long: |n| format!("The homework is longer than {n} characters"),
    homework_due_later: "Homework can only be set for one of the following lessons",
    not_in_class: "This student was not in the class that day",
    joined_on: "from",
    left_on: "until",
    not_a_mark: |v| format!("«{v}» is not a mark"),
    not_an_attendance_code: |code| format!("«{code}» is not an attendance code"),
    too_many_marks: "A cell holds at most two marks",
    comment_too_long: |n| format!("The comment is longer than {n} characters"),
    not_cell_content: |t| format!("«{t}» is not a mark: type 1–5, Н, Б, УП or ОП"),
    two_attendance_codes: "A cell holds one attendance code",
    not_a_final_mark: |t| format!("«{t}» is not a mark: type 1–5, н/а, зач, осв"),
    not_saved: |mine| format!("Your «{mine}» was not saved."),
    history_excluded: "not in the average",
};

/// The journal's texts in `lang`.
pub fn texts(lang: Lang) -> &'static JournalTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

impl JournalTexts {
    /// «Период «1 четверть» закрыт: отметки в нём менять нельзя».
    pub fn period_locked(&self, name: &str) -> String {
        (self.period_locked)(name)
    }

    pub fn edits_per_save(&self, max: usize) -> String {
        (self.edits_per_save)(max)
    }

    pub fn topic_too_long(&self, max: usize) -> String {
        (self.topic_too_long)(max)
    }

    pub fn homework_too_long(&self, max: usize) -> String {
        (self.homework_too_long)(max)
    }

    pub fn comment_too_long(&self, max: usize) -> String {
        (self.comment_too_long)(max)
    }

    /// ««7» — не отметка».
    pub fn not_a_mark(&self, value: &str) -> String {
        (self.not_a_mark)(value)
    }

    pub fn not_an_attendance_code(&self, code: &str) -> String {
        (self.not_an_attendance_code)(code)
    }

    /// What a final mark typed into the grid that is none is told.
    pub fn not_a_final_mark(&self, typed: &str) -> String {
        (self.not_a_final_mark)(typed)
    }

    /// «Ваше «5» не сохранено.»
    pub fn not_saved(&self, mine: &str) -> String {
        (self.not_saved)(mine)
    }

    /// What a text typed into a cell that is none is told.
    pub fn cell_error(&self, e: &CellParseError) -> String {
        match e {
            CellParseError::Unknown(t) => (self.not_cell_content)(t),
            CellParseError::TooManyMarks => self.too_many_marks.into(),
            CellParseError::TwoAttendanceCodes => self.two_attendance_codes.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_written_in_both_languages() {
        let (ru, en) = (texts(Lang::Ru), texts(Lang::En));
        assert_eq!(
            ru.period_locked("1 четверть"),
            "Период «1 четверть» закрыт: отметки в нём менять нельзя"
        );
        assert_eq!(
            en.period_locked("Term 1"),
            "The period «Term 1» is closed: its marks cannot be changed"
        );
        assert_eq!(
            ru.edits_per_save(500),
            "За раз можно сохранить от 1 до 500 изменений"
        );
        assert_eq!(ru.not_a_mark("7"), "«7» — не отметка");
        assert_eq!(en.not_a_mark("7"), "«7» is not a mark");
        assert_eq!(
            en.comment_too_long(500),
            "The comment is longer than 500 characters"
        );
        assert_eq!(ru.not_saved("5"), "Ваше «5» не сохранено.");
    }

    #[test]
    fn typing_errors_are_worded_in_the_language_on_screen() {
        let unknown = CellParseError::Unknown("0".into());
        assert_eq!(
            texts(Lang::Ru).cell_error(&unknown),
            "«0» — не отметка: введите 1–5, Н, Б, УП или ОП"
        );
        assert_eq!(
            texts(Lang::En).cell_error(&unknown),
            "«0» is not a mark: type 1–5, Н, Б, УП or ОП"
        );
        assert_eq!(
            texts(Lang::En).cell_error(&CellParseError::TooManyMarks),
            "A cell holds at most two marks"
        );
        assert_eq!(
            CellParseError::TwoAttendanceCodes.to_string(),
            "В клетке одна отметка о посещаемости",
            "Russian without a language in reach"
        );
    }
}

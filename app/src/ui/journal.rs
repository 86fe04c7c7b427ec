//! The teacher's journal: a reactive grid of students × lessons.
//!
//! Every cell has its own signal, so typing or moving repaints one or two
//! cells; each row's average is a memo over its cells, computed by the same
//! `domain::journal` code the server uses. Edits show at once and go to the
//! server in the background, in batches, each carrying the version it was
//! based on; a failed batch is retried with growing pauses and never
//! dropped, and leaving the page with unsaved edits asks first.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

use super::diary::query_i64;
use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::journal::*;
use crate::domain::grades::{Average, MarkValue, RoundingPolicy};
use crate::domain::journal::{parse_cell, step, CellData, Move, Pos, RowSummary, ATTENDANCE_CODES};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};

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
};

fn jt() -> &'static JournalTexts {
    match use_lang().get() {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

fn jt_untracked() -> &'static JournalTexts {
    match use_lang().get_untracked() {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// Where a saved value stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Saved,
    /// Edited, waiting to be sent.
    Pending,
    Saving,
    /// The request failed; it will be sent again.
    Failed,
    /// Someone else changed it first; their value is shown.
    Conflict,
    /// The server refused it (closed period, invalid); the stored value is shown.
    Refused,
}

impl Status {
    fn class(self) -> &'static str {
        match self {
            Status::Saved => "",
            Status::Pending => " st-pending",
            Status::Saving => " st-saving",
            Status::Failed => " st-failed",
            Status::Conflict => " st-conflict",
            Status::Refused => " st-refused",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Status::Saved => "saved",
            Status::Pending => "pending",
            Status::Saving => "saving",
            Status::Failed => "failed",
            Status::Conflict => "conflict",
            Status::Refused => "refused",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct CellState {
    shown: CellData,
    server: CellData,
    status: Status,
    note: Option<String>,
    /// What is being typed into the cell, while the cursor is on it.
    editing: Option<String>,
}

impl CellState {
    fn text(&self) -> String {
        self.editing.clone().unwrap_or_else(|| self.shown.text())
    }
}

#[derive(Clone, Debug, PartialEq)]
struct FinalState {
    shown: Option<String>,
    server: Option<PeriodMarkData>,
    status: Status,
    note: Option<String>,
    editing: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
struct LessonState {
    shown: GridLesson,
    server_version: i32,
    status: Status,
    note: Option<String>,
}

/// What a queued edit is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Cell(usize, usize),
    Final(usize),
    Lesson(usize),
}

/// Everything the grid's handlers share; all fields are cheap handles.
#[derive(Clone, Copy)]
struct Grid {
    section_id: i64,
    period_id: i64,
    rows: usize,
    lessons_n: usize,
    finals_writable: bool,
    students: StoredValue<Vec<GridStudent>>,
    lessons: StoredValue<Vec<RwSignal<LessonState>>>,
    cells: StoredValue<Vec<Vec<RwSignal<CellState>>>>,
    finals: StoredValue<Vec<RwSignal<FinalState>>>,
    summaries: StoredValue<Vec<Memo<RowSummary>>>,
    work_types: StoredValue<Vec<WorkTypeOption>>,
    policy: StoredValue<RoundingPolicy>,
    pos: RwSignal<Pos>,
    /// The cell the detail panel shows: the cursor's, once it rests.
    panel_pos: RwSignal<Pos>,
    editing: RwSignal<Option<String>>,
    message: RwSignal<Option<String>>,
    /// The lesson column whose header is open for editing.
    lesson_editor: RwSignal<Option<usize>>,
    queue: StoredValue<Vec<Target>>,
    in_flight: StoredValue<Vec<Target>>,
    busy: StoredValue<bool>,
    scheduled: StoredValue<bool>,
    attempt: StoredValue<u32>,
    /// Edits not yet confirmed by the server.
    unsaved: RwSignal<usize>,
    /// The last batch failed and waits to be sent again.
    retrying: RwSignal<bool>,
}

impl Grid {
    /// Columns the cursor visits: the lessons, then the final mark.
    fn cols(&self) -> usize {
        self.lessons_n + 1
    }

    fn cell(&self, r: usize, c: usize) -> RwSignal<CellState> {
        self.cells.with_value(|v| v[r][c])
    }

    fn lesson(&self, c: usize) -> RwSignal<LessonState> {
        self.lessons.with_value(|v| v[c])
    }

    fn final_of(&self, r: usize) -> RwSignal<FinalState> {
        self.finals.with_value(|v| v[r])
    }

    /// Starts, changes or ends typing in the cursor's cell; the cell shows
    /// the text (no other cell has to look).
    fn set_editing(&self, text: Option<String>) {
        let p = self.pos.get_untracked();
        self.editing.set(text.clone());
        if p.row >= self.rows {
            return;
        }
        if p.col < self.lessons_n {
            self.cell(p.row, p.col).update(|s| s.editing = text);
        } else {
            self.final_of(p.row).update(|s| s.editing = text);
        }
    }

    fn default_type(&self, c: usize) -> (i64, u32) {
        let wt = self.lesson(c).with_untracked(|l| l.shown.work_type_id);
        self.work_types.with_value(|types| {
            wt.and_then(|id| types.iter().find(|t| t.id == id))
                .or_else(|| types.first())
                .map(|t| (t.id, t.weight_centi))
                .unwrap_or((0, 100))
        })
    }

    fn count_unsaved(&self) {
        let n = self.queue.with_value(Vec::len) + self.in_flight.with_value(Vec::len);
        self.unsaved.set(n);
    }

    fn enqueue(&self, t: Target) {
        self.queue.update_value(|q| {
            if !q.contains(&t) {
                q.push(t)
            }
        });
        self.count_unsaved();
        self.schedule(300);
    }

    /// Whether the grid is still on the page (its storage not yet disposed).
    fn alive(&self) -> bool {
        self.busy.try_get_value().is_some()
    }

    fn schedule(&self, ms: u64) {
        if self.scheduled.get_value() {
            return;
        }
        self.scheduled.set_value(true);
        let g = *self;
        set_timeout(
            move || {
                if g.alive() {
                    g.scheduled.set_value(false);
                    g.flush();
                }
            },
            Duration::from_millis(ms),
        );
    }

    /// The grid is leaving the page: what is still queued is sent on its own,
    /// and retried until it lands.
    fn hand_over(&self) {
        let mut rest = Vec::new();
        self.queue.update_value(|q| rest = std::mem::take(q));
        if !rest.is_empty() {
            let edits = rest.into_iter().map(|t| self.edit_for(t).0).collect();
            send_detached(self.section_id, edits, 0);
        }
    }

    /// Sends what is queued, if nothing is on its way already.
    fn flush(&self) {
        if self.busy.get_value() {
            return;
        }
        let mut batch = Vec::new();
        self.queue.update_value(|q| {
            let n = q.len().min(200);
            batch = q.drain(..n).collect();
        });
        if batch.is_empty() {
            return;
        }
        let mut edits = Vec::with_capacity(batch.len());
        let mut sent = Vec::with_capacity(batch.len());
        for t in &batch {
            let (edit, snapshot) = self.edit_for(*t);
            edits.push(edit);
            sent.push(snapshot);
        }
        self.busy.set_value(true);
        self.in_flight.set_value(batch.clone());
        self.count_unsaved();
        let g = *self;
        let payload = edits.clone();
        leptos::task::spawn_local(async move {
            let result = save_journal(g.section_id, edits).await;
            if !g.alive() {
                // The page was left while this was on its way.
                if matches!(result, Err(ref e) if retryable(e)) {
                    send_detached(g.section_id, payload, 0);
                }
                return;
            }
            g.busy.set_value(false);
            g.in_flight.set_value(Vec::new());
            match result {
                Ok(outcomes) => {
                    g.attempt.set_value(0);
                    g.retrying.set(false);
                    for ((t, snap), outcome) in batch.into_iter().zip(sent).zip(outcomes) {
                        g.apply(t, snap, outcome);
                    }
                }
                Err(e) if retryable(&e) && e != AppError::Unauthorized => {
                    // Keep everything: mark it failed and send it again later.
                    for t in &batch {
                        g.set_status(*t, Status::Failed, None);
                    }
                    g.queue.update_value(|q| {
                        for t in batch.into_iter().rev() {
                            if !q.contains(&t) {
                                q.insert(0, t);
                            }
                        }
                    });
                    g.retrying.set(true);
                    let n = g.attempt.get_value().min(5);
                    g.attempt.set_value(n + 1);
                    g.message.set(Some(e.to_string()));
                    g.count_unsaved();
                    g.schedule(1000 * (1 << n));
                    return;
                }
                Err(AppError::Unauthorized) => {
                    // Signed out elsewhere: keep the edits for after sign-in.
                    for t in &batch {
                        g.set_status(*t, Status::Failed, None);
                    }
                    g.queue.update_value(|q| q.extend(batch));
                    g.message.set(Some(AppError::Unauthorized.to_string()));
                    g.retrying.set(true);
                    g.count_unsaved();
                    g.schedule(10_000);
                    return;
                }
                Err(e) => {
                    // Refused as a whole (no rights, invalid): show the stored values.
                    let msg = e.to_string();
                    for t in batch {
                        g.apply(t, Snapshot::None, EditOutcome::Refused(msg.clone()));
                    }
                }
            }
            g.count_unsaved();
            if g.queue.with_value(|q| !q.is_empty()) {
                g.schedule(50);
            }
        });
    }

    fn set_status(&self, t: Target, status: Status, note: Option<String>) {
        match t {
            Target::Cell(r, c) => self.cell(r, c).update(|s| {
                s.status = status;
                s.note = note;
            }),
            Target::Final(r) => self.final_of(r).update(|s| {
                s.status = status;
                s.note = note;
            }),
            Target::Lesson(c) => self.lesson(c).update(|s| {
                s.status = status;
                s.note = note;
            }),
        }
    }

    /// The edit to send for a target, and what it asked for.
    fn edit_for(&self, t: Target) -> (JournalEdit, Snapshot) {
        match t {
            Target::Cell(r, c) => {
                let sig = self.cell(r, c);
                sig.update(|s| s.status = Status::Saving);
                let (shown, base) = sig.with_untracked(|s| (s.shown.clone(), s.server.base()));
                let lesson_id = self.lesson(c).with_untracked(|l| l.shown.id);
                let student_id = self.students.with_value(|s| s[r].id);
                let edit = JournalEdit::Cell {
                    lesson_id,
                    student_id,
                    marks: shown
                        .marks
                        .iter()
                        .map(|m| MarkInput {
                            value: m.value.clone(),
                            work_type_id: m.work_type_id,
                            comment: m.comment.clone(),
                            excluded: m.excluded,
                        })
                        .collect(),
                    attendance: shown.attendance.as_ref().map(|a| a.code.clone()),
                    base,
                };
                (edit, Snapshot::Cell(shown.content()))
            }
            Target::Final(r) => {
                let sig = self.final_of(r);
                sig.update(|s| s.status = Status::Saving);
                let (value, base_version) =
                    sig.with_untracked(|s| (s.shown.clone(), s.server.as_ref().map(|m| m.version)));
                let edit = JournalEdit::PeriodMark {
                    period_id: self.period_id,
                    student_id: self.students.with_value(|s| s[r].id),
                    value: value.clone(),
                    base_version,
                };
                (edit, Snapshot::Final(value))
            }
            Target::Lesson(c) => {
                let sig = self.lesson(c);
                sig.update(|s| s.status = Status::Saving);
                let (l, base_version) = sig.with_untracked(|s| (s.shown.clone(), s.server_version));
                let edit = JournalEdit::Lesson {
                    lesson_id: l.id,
                    topic: l.topic.clone(),
                    work_type_id: l.work_type_id,
                    homework: l.homework.as_ref().map(|h| HomeworkInput {
                        text: h.text.clone(),
                        due_lesson_id: h.due_lesson_id,
                    }),
                    attendance_taken: l.attendance_taken,
                    base_version,
                };
                (edit, Snapshot::Lesson(l))
            }
        }
    }

    /// Takes the server's answer for one target.
    fn apply(&self, t: Target, sent: Snapshot, outcome: EditOutcome) {
        let mut again = false;
        match (t, outcome) {
            (Target::Cell(r, c), outcome) => self.cell(r, c).update(|s| match outcome {
                EditOutcome::Saved(EditState::Cell(data)) => {
                    let same = matches!(&sent, Snapshot::Cell(x) if *x == s.shown.content());
                    s.server = data.clone();
                    if same {
                        s.shown = data;
                        s.status = Status::Saved;
                        s.note = None;
                    } else {
                        // Typed again while this was on its way: send the new value.
                        s.status = Status::Pending;
                        again = true;
                    }
                }
                EditOutcome::Conflict(EditState::Cell(data)) => {
                    let mine = match &sent {
                        Snapshot::Cell(x) => x.text(),
                        _ => String::new(),
                    };
                    s.note = Some(format!(
                        "{}: «{}». Ваше «{}» не сохранено.",
                        jt_untracked().conflict,
                        data.text(),
                        mine
                    ));
                    s.server = data.clone();
                    s.shown = data;
                    s.status = Status::Conflict;
                }
                EditOutcome::Refused(msg) => {
                    s.shown = s.server.clone();
                    s.status = Status::Refused;
                    s.note = Some(msg);
                }
                _ => {}
            }),
            (Target::Final(r), outcome) => self.final_of(r).update(|s| match outcome {
                EditOutcome::Saved(EditState::PeriodMark(data)) => {
                    let same = matches!(&sent, Snapshot::Final(x) if *x == s.shown);
                    s.server = data.clone();
                    if same {
                        s.shown = data.map(|d| d.value);
                        s.status = Status::Saved;
                        s.note = None;
                    } else {
                        s.status = Status::Pending;
                        again = true;
                    }
                }
                EditOutcome::Conflict(EditState::PeriodMark(data)) => {
                    s.note = Some(format!(
                        "{}: «{}»",
                        jt_untracked().conflict,
                        data.as_ref().map(|d| d.value.clone()).unwrap_or_default()
                    ));
                    s.shown = data.as_ref().map(|d| d.value.clone());
                    s.server = data;
                    s.status = Status::Conflict;
                }
                EditOutcome::Refused(msg) => {
                    s.shown = s.server.as_ref().map(|d| d.value.clone());
                    s.status = Status::Refused;
                    s.note = Some(msg);
                }
                _ => {}
            }),
            (Target::Lesson(c), outcome) => self.lesson(c).update(|s| match outcome {
                EditOutcome::Saved(EditState::Lesson(l)) => {
                    let same = matches!(&sent, Snapshot::Lesson(x) if *x == s.shown);
                    s.server_version = l.version;
                    if same {
                        s.shown = GridLesson {
                            writable: s.shown.writable,
                            ..l
                        };
                        s.status = Status::Saved;
                        s.note = None;
                    } else {
                        s.status = Status::Pending;
                        again = true;
                    }
                }
                EditOutcome::Conflict(EditState::Lesson(l)) => {
                    s.note = Some(jt_untracked().conflict.to_string());
                    s.server_version = l.version;
                    s.shown = GridLesson {
                        writable: s.shown.writable,
                        ..l
                    };
                    s.status = Status::Conflict;
                }
                EditOutcome::Refused(msg) => {
                    s.status = Status::Refused;
                    s.note = Some(msg);
                }
                _ => {}
            }),
        }
        if again {
            self.enqueue(t);
        }
    }

    fn writable(&self, p: Pos) -> bool {
        if p.col < self.lessons_n {
            self.lesson(p.col).with_untracked(|l| l.shown.writable)
        } else {
            self.finals_writable
        }
    }

    /// Puts `text` into the cell at `p`, as typed.
    fn commit(&self, p: Pos, text: &str) {
        if p.row >= self.rows {
            return;
        }
        if !self.writable(p) {
            self.message
                .set(Some(jt_untracked().read_only_lesson.into()));
            return;
        }
        if p.col < self.lessons_n {
            let input = match parse_cell(text) {
                Ok(i) => i,
                Err(e) => {
                    self.message.set(Some(e.to_string()));
                    return;
                }
            };
            let default_type = self.default_type(p.col);
            let sig = self.cell(p.row, p.col);
            let changed = sig
                .try_update(|s| {
                    let next = s.shown.with_input(&input, default_type);
                    if next.content() == s.shown.content() {
                        return false;
                    }
                    s.shown = next;
                    s.status = Status::Pending;
                    s.note = None;
                    true
                })
                .unwrap_or(false);
            if changed {
                self.enqueue(Target::Cell(p.row, p.col));
            }
        } else {
            let t = text.trim();
            let value = if t.is_empty() {
                None
            } else {
                match MarkValue::parse(t) {
                    Some(v) => Some(v.code()),
                    None => {
                        self.message.set(Some(format!(
                            "«{t}» — не отметка: введите 1–5, н/а, зач, осв"
                        )));
                        return;
                    }
                }
            };
            self.set_final(p.row, value);
        }
    }

    fn set_final(&self, row: usize, value: Option<String>) {
        let sig = self.final_of(row);
        if sig.with_untracked(|s| s.shown == value) {
            return;
        }
        sig.update(|s| {
            s.shown = value;
            s.status = Status::Pending;
            s.note = None;
        });
        self.enqueue(Target::Final(row));
    }

    fn suggestion(&self, row: usize) -> Option<u8> {
        let avg: Average = self
            .summaries
            .with_value(|s| s[row].get_untracked().average);
        self.policy.with_value(|p| p.suggest(&avg))
    }

    fn go(&self, m: Move) {
        let next = step(self.pos.get_untracked(), m, self.rows, self.cols());
        self.pos.set(next);
        // After the frame's changes, so the layout is computed once.
        request_animation_frame(move || scroll_to(next));
    }

    fn keydown(&self, ev: &leptos::ev::KeyboardEvent) {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let key = ev.key();
        let p = self.pos.get_untracked();
        let editing = self.editing.get_untracked();
        let finish = |g: &Grid| {
            if let Some(text) = g.editing.get_untracked() {
                g.set_editing(None);
                g.commit(p, &text);
            }
        };
        let mv = match key.as_str() {
            "ArrowUp" => Some(Move::Up),
            "ArrowDown" => Some(Move::Down),
            "ArrowLeft" => Some(Move::Left),
            "ArrowRight" => Some(Move::Right),
            "Enter" => Some(Move::Down),
            "Tab" if ev.shift_key() => Some(Move::Prev),
            "Tab" => Some(Move::Next),
            "Home" => Some(Move::Home),
            "End" => Some(Move::End),
            _ => None,
        };
        if let Some(m) = mv {
            // Tab leaves the grid from its last cell (no keyboard trap).
            let last = p.row + 1 == self.rows && p.col + 1 == self.cols();
            let first = p.row == 0 && p.col == 0;
            if key == "Tab" && ((m == Move::Next && last) || (m == Move::Prev && first)) {
                finish(self);
                return;
            }
            ev.prevent_default();
            if key == "Enter" && editing.is_none() && p.col == self.lessons_n {
                // Enter on an empty final mark sets the suggested one.
                let empty = self.final_of(p.row).with_untracked(|s| s.shown.is_none());
                if empty && self.finals_writable {
                    if let Some(v) = self.suggestion(p.row) {
                        self.set_final(p.row, Some(v.to_string()));
                    }
                }
            }
            finish(self);
            self.go(m);
            return;
        }
        match key.as_str() {
            "Escape" if editing.is_some() => {
                ev.prevent_default();
                self.set_editing(None);
            }
            "F2" => {
                ev.prevent_default();
                let text = if p.col < self.lessons_n {
                    self.cell(p.row, p.col).with_untracked(|s| s.shown.text())
                } else {
                    self.final_of(p.row)
                        .with_untracked(|s| s.shown.clone().unwrap_or_default())
                };
                self.set_editing(Some(text));
            }
            "Backspace" | "Delete" => {
                ev.prevent_default();
                match editing {
                    Some(mut text) if key == "Backspace" => {
                        text.pop();
                        self.set_editing(Some(text));
                    }
                    _ => {
                        self.set_editing(None);
                        self.commit(p, "");
                    }
                }
            }
            k if k.chars().count() == 1 => {
                ev.prevent_default();
                if !self.writable(p) {
                    self.message
                        .set(Some(jt_untracked().read_only_lesson.into()));
                    return;
                }
                let mut text = editing.unwrap_or_default();
                text.push_str(k);
                self.set_editing(Some(text));
            }
            _ => {}
        }
    }
}

/// Failures worth sending again: the network, the server, a passing
/// conflict of the whole request, an expired session.
fn retryable(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Network | AppError::Internal | AppError::Conflict(_) | AppError::Unauthorized
    )
}

/// Sends edits whose grid has left the page, retrying with growing pauses.
fn send_detached(section_id: i64, edits: Vec<JournalEdit>, attempt: u32) {
    leptos::task::spawn_local(async move {
        if let Err(e) = save_journal(section_id, edits.clone()).await {
            if retryable(&e) {
                let n = attempt.min(5);
                set_timeout(
                    move || send_detached(section_id, edits, n + 1),
                    Duration::from_millis(1000 << n),
                );
            }
        }
    });
}

/// What an edit asked for, to tell whether the user typed again meanwhile.
#[derive(Clone, Debug)]
enum Snapshot {
    None,
    Cell(CellData),
    Final(Option<String>),
    Lesson(GridLesson),
}

fn cell_id(p: Pos) -> String {
    format!("c{}-{}", p.row, p.col)
}

/// The position a cell's id names (`c{row}-{col}`).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn pos_of_id(id: &str) -> Option<Pos> {
    let (r, c) = id.strip_prefix('c')?.split_once('-')?;
    Some(Pos {
        row: r.parse().ok()?,
        col: c.parse().ok()?,
    })
}

/// What a lesson cell shows: its text, class and save state.
#[derive(Clone, PartialEq)]
struct Painted {
    text: String,
    class: String,
    status: &'static str,
}

impl Painted {
    fn of(s: &CellState) -> Painted {
        Painted {
            text: s.text(),
            class: cell_class(s),
            status: s.status.label(),
        }
    }
}

/// Keeps a lesson cell's element in step with its state: one effect per
/// cell, which touches the element only where the state changed. (The
/// element is first drawn from the state as it was, on the server or in
/// the browser; thousands of cells make every effect and subscription
/// count.)
fn paint_cell(_el: leptos::tachys::renderer::types::Element, _st: RwSignal<CellState>) {
    #[cfg(feature = "hydrate")]
    {
        let el = _el;
        let effect = RenderEffect::new(move |prev: Option<Painted>| {
            let now = _st.with(Painted::of);
            if let Some(prev) = prev {
                if prev.text != now.text {
                    el.set_text_content(Some(&now.text));
                }
                if prev.class != now.class {
                    let _ = el.set_attribute("class", &now.class);
                }
                if prev.status != now.status {
                    let _ = el.set_attribute("data-status", now.status);
                }
            }
            now
        });
        // Lives as long as the grid (a render effect stops when dropped).
        on_cleanup(move || drop(effect));
    }
}

/// Moves `aria-selected` (and with it the highlight) from one cell to the
/// next, instead of every cell watching the cursor.
fn mark_selected(_p: Pos, _on: bool) {
    #[cfg(feature = "hydrate")]
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&cell_id(_p)))
    {
        let _ = el.set_attribute("aria-selected", if _on { "true" } else { "false" });
    }
}

/// Keeps the cursor's cell in view.
fn scroll_to(_p: Pos) {
    #[cfg(feature = "hydrate")]
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&cell_id(_p)))
    {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        opts.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Records a performance mark (for the benchmark); nothing on the server.
fn perf_mark(_name: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(_name);
    }
}

fn mark_class(points: Option<u8>) -> &'static str {
    match points {
        Some(5) => " m5",
        Some(4) => " m4",
        Some(3) => " m3",
        Some(_) => " m2",
        None => "",
    }
}

fn cell_class(s: &CellState) -> String {
    let mut c = String::from("cell");
    c.push_str(s.status.class());
    if s.shown.is_absence() {
        c.push_str(" absent");
    }
    c.push_str(mark_class(s.shown.marks.first().and_then(|m| m.points())));
    c
}

/// `/journal?section=…&period=…`
#[component]
pub fn JournalPage() -> impl IntoView {
    let section = query_i64("section");
    let period = query_i64("period");
    let data = Resource::new(
        move || (section(), period()),
        |(s, p)| async move {
            let r = load_journal(s, p).await;
            perf_mark("journal-data");
            r
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || {
                data.get()
                    .map(|r| {
                        page_or_error(
                            r,
                            |g| {
                                view! {
                                    <Layout user=g.user.clone()>
                                        <JournalView grid=g />
                                    </Layout>
                                }
                                    .into_any()
                            },
                        )
                    })
            }}
        </Suspense>
    }
}

#[component]
fn JournalView(grid: JournalGrid) -> impl IntoView {
    let JournalGrid {
        section,
        teacher_name,
        sections,
        periods,
        period,
        students,
        lessons,
        cells,
        period_marks,
        work_types,
        policy,
        can_set_period_marks,
        ..
    } = grid;
    let rows = students.len();
    let lessons_n = lessons.len();
    let lesson_ids: Vec<i64> = lessons.iter().map(|l| l.id).collect();
    let student_ids: Vec<i64> = students.iter().map(|s| s.id).collect();
    let mut matrix: Vec<Vec<CellData>> = vec![vec![CellData::default(); lessons_n]; rows];
    {
        let li: std::collections::HashMap<i64, usize> = lesson_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        let si: std::collections::HashMap<i64, usize> = student_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        for c in cells {
            if let (Some(r), Some(col)) = (si.get(&c.student_id), li.get(&c.lesson_id)) {
                matrix[*r][*col] = c.data;
            }
        }
    }
    let cell_signals: Vec<Vec<RwSignal<CellState>>> = matrix
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|d| {
                    RwSignal::new(CellState {
                        shown: d.clone(),
                        server: d,
                        status: Status::Saved,
                        note: None,
                        editing: None,
                    })
                })
                .collect()
        })
        .collect();
    let finals: Vec<RwSignal<FinalState>> = student_ids
        .iter()
        .map(|id| {
            let m = period_marks
                .iter()
                .find(|p| p.student_id == *id)
                .map(|p| p.mark.clone());
            RwSignal::new(FinalState {
                shown: m.as_ref().map(|m| m.value.clone()),
                server: m,
                status: Status::Saved,
                note: None,
                editing: None,
            })
        })
        .collect();
    let summaries: Vec<Memo<RowSummary>> = cell_signals
        .iter()
        .map(|row| {
            let row = row.clone();
            Memo::new(move |_| {
                let mut s = RowSummary::default();
                for c in &row {
                    c.with(|c| s.add(&c.shown));
                }
                s
            })
        })
        .collect();
    let lesson_signals: Vec<RwSignal<LessonState>> = lessons
        .into_iter()
        .map(|l| {
            RwSignal::new(LessonState {
                server_version: l.version,
                shown: l,
                status: Status::Saved,
                note: None,
            })
        })
        .collect();
    let g = Grid {
        section_id: section.id,
        period_id: period.id,
        rows,
        lessons_n,
        finals_writable: can_set_period_marks,
        students: StoredValue::new(students),
        lessons: StoredValue::new(lesson_signals),
        cells: StoredValue::new(cell_signals),
        finals: StoredValue::new(finals),
        summaries: StoredValue::new(summaries),
        work_types: StoredValue::new(work_types),
        policy: StoredValue::new(policy),
        pos: RwSignal::new(Pos::default()),
        panel_pos: RwSignal::new(Pos::default()),
        editing: RwSignal::new(None),
        message: RwSignal::new(None),
        lesson_editor: RwSignal::new(None),
        queue: StoredValue::new(Vec::new()),
        in_flight: StoredValue::new(Vec::new()),
        busy: StoredValue::new(false),
        scheduled: StoredValue::new(false),
        attempt: StoredValue::new(0),
        unsaved: RwSignal::new(0),
        retrying: RwSignal::new(false),
    };
    // The detail panel follows the cursor once it rests, so moving with
    // the keys repaints two cells and nothing else.
    Effect::new(move |_| {
        let p = g.pos.get();
        set_timeout(
            move || {
                if g.alive() && g.pos.get_untracked() == p && g.panel_pos.get_untracked() != p {
                    g.panel_pos.set(p);
                }
            },
            Duration::from_millis(120),
        );
    });

    // Leaving with unsaved edits asks first.
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if g.unsaved.get_untracked() > 0 {
                ev.prevent_default();
                ev.set_return_value(jt_untracked().leave_warning);
            }
        });
        on_cleanup(move || handle.remove());
    }
    // Leaving for another page of the app: nothing queued is dropped.
    on_cleanup(move || g.hand_over());
    // Marks the moment the grid is on screen and answering (benchmark).
    Effect::new(move |_| {
        perf_mark("journal-ready");
    });

    let navigate = use_navigate();
    let period_id = period.id;
    let section_id = section.id;
    let on_section = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            navigate(&format!("/journal?section={v}"), Default::default());
        }
    };
    let on_period = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        navigate(
            &format!("/journal?section={section_id}&period={v}"),
            Default::default(),
        );
    };
    let locked = period.locked;
    let export_href = format!("/journal/export.csv?section={section_id}&period={period_id}");

    view! {
        <section class="journal" data-section=section_id data-period=period_id>
            <header class="journal-head">
                <h1>
                    {move || jt().title} " · " {section.class_name.clone()} " · "
                    {section.subject_name.clone()}
                </h1>
                <p class="muted small">{teacher_name}</p>
                <div class="journal-pickers">
                    <label>
                        <span class="small muted">{move || jt().section}</span>
                        <select on:change=on_section>
                            {sections
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <option value=s.id selected=s.id == section_id>
                                            {format!("{} · {}", s.class_name, s.subject_name)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <label>
                        <span class="small muted">{move || jt().period}</span>
                        <select on:change=on_period name="period">
                            {periods
                                .into_iter()
                                .map(|p| {
                                    let label = if p.locked {
                                        format!("{} 🔒", p.name)
                                    } else {
                                        p.name.clone()
                                    };
                                    view! {
                                        <option value=p.id selected=p.id == period_id>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <a class="button-link" href=export_href rel="external" download="">
                        {move || jt().export}
                    </a>
                </div>
                {locked
                    .then(|| {
                        view! {
                            <p class="alert locked-banner" role="status">
                                {move || jt().locked}
                            </p>
                        }
                    })}
                <SaveState g />
            </header>
            {if lessons_n == 0 {
                view! { <p class="muted">{move || jt().no_lessons}</p> }.into_any()
            } else {
                view! {
                    <Toolbar g locked />
                    <LessonEditor g />
                    <GridTable g />
                    <CellPanel g />
                    <p class="muted small keyboard-help">{move || jt().keyboard_help}</p>
                }
                    .into_any()
            }}
        </section>
    }
}

/// "All saved" / "Saving…" / "Could not save", and the last message.
#[component]
fn SaveState(g: Grid) -> impl IntoView {
    view! {
        <div class="save-state" role="status" aria-live="polite">
            <span
                class="save-pill"
                data-unsaved=move || g.unsaved.get()
                data-retrying=move || g.retrying.get().to_string()
            >
                {move || {
                    if g.retrying.get() {
                        jt().failed
                    } else if g.unsaved.get() > 0 {
                        jt().saving
                    } else {
                        jt().saved
                    }
                }}
            </span>
            <span class="journal-message">{move || g.message.get().unwrap_or_default()}</span>
        </div>
    }
}

/// Buttons for the mouse and for touch screens: marks, codes, bulk fill.
#[component]
fn Toolbar(g: Grid, locked: bool) -> impl IntoView {
    let put = move |text: &'static str| {
        move |_| {
            let p = g.pos.get_untracked();
            g.set_editing(None);
            g.commit(p, text);
            g.go(Move::Down);
        }
    };
    let fill_value = RwSignal::new("5".to_string());
    let fill = move |_| {
        let p = g.pos.get_untracked();
        if p.col >= g.lessons_n {
            return;
        }
        if !g.lesson(p.col).with_untracked(|l| l.shown.writable) {
            g.message.set(Some(jt_untracked().read_only_lesson.into()));
            return;
        }
        let v = fill_value.get_untracked();
        if v == "present" {
            g.lesson(p.col).update(|l| {
                l.shown.attendance_taken = true;
                l.status = Status::Pending;
            });
            g.enqueue(Target::Lesson(p.col));
            return;
        }
        for r in 0..g.rows {
            let sig = g.cell(r, p.col);
            if sig.with_untracked(|s| s.shown.takes_bulk_mark()) {
                let keep =
                    sig.with_untracked(|s| s.shown.attendance.as_ref().map(|a| a.code.clone()));
                let text = match keep {
                    Some(code) => format!("{code} {v}"),
                    None => v.clone(),
                };
                g.commit(Pos { row: r, col: p.col }, &text);
            }
        }
    };
    let set_suggested = move |_| {
        for r in 0..g.rows {
            let empty = g.final_of(r).with_untracked(|s| s.shown.is_none());
            if empty {
                if let Some(v) = g.suggestion(r) {
                    g.set_final(r, Some(v.to_string()));
                }
            }
        }
    };
    (!locked)
        .then(|| {
            view! {
                <div class="journal-toolbar" role="toolbar" aria-label=move || jt().title>
                    <div class="palette">
                        {["5", "4", "3", "2", "1"]
                            .into_iter()
                            .map(|v| {
                                view! {
                                    <button type="button" class="key" on:click=put(v)>
                                        {v}
                                    </button>
                                }
                            })
                            .collect_view()}
                        {ATTENDANCE_CODES
                            .iter()
                            .map(|(code, _)| {
                                view! {
                                    <button type="button" class="key key-code" on:click=put(code)>
                                        {*code}
                                    </button>
                                }
                            })
                            .collect_view()}
                        <button type="button" class="key" on:click=put("") title=move || jt().clear>
                            "✕"
                        </button>
                    </div>
                    <div class="bulk">
                        <label>
                            <span class="small">{move || jt().fill_column}</span>
                            <select
                                data-testid="fill-value"
                                on:change=move |ev| fill_value.set(event_target_value(&ev))
                            >
                                {["5", "4", "3", "2", "н/а", "зач"]
                                    .into_iter()
                                    .map(|v| view! { <option value=v>{v}</option> })
                                    .collect_view()}
                                <option value="present">{move || jt().present}</option>
                            </select>
                        </label>
                        <button type="button" on:click=fill data-testid="fill">
                            {move || jt().fill}
                        </button>
                        {g
                            .finals_writable
                            .then(|| {
                                view! {
                                    <button type="button" on:click=set_suggested data-testid="set-suggested">
                                        {move || jt().set_suggested}
                                    </button>
                                }
                            })}
                    </div>
                </div>
            }
        })
}

/// What a lesson's header adds for a screen reader after its date and
/// number: the topic, and the homework with when it is due.
fn header_details(l: &GridLesson) -> String {
    let t = jt_untracked();
    let mut s = format!(" {}", t.lesson_no);
    if let Some(topic) = &l.topic {
        s.push_str(&format!(". {}: {topic}", t.topic));
    }
    if let Some(h) = &l.homework {
        s.push_str(&format!(
            ". {}: {} ({})",
            t.homework,
            h.text,
            day_month(h.due_on)
        ));
    }
    s
}

fn day_month(d: chrono::NaiveDate) -> String {
    d.format("%d.%m").to_string()
}

/// The grid itself: an ARIA grid with one focus point (the table) and the
/// active cell named by `aria-activedescendant`.
#[component]
fn GridTable(g: Grid) -> impl IntoView {
    // The cursor: the old cell loses `aria-selected`, the new one gets it.
    let cursor = RenderEffect::new(move |prev: Option<Pos>| {
        let p = g.pos.get();
        if let Some(old) = prev.filter(|old| *old != p) {
            mark_selected(old, false);
        }
        mark_selected(p, true);
        p
    });
    on_cleanup(move || drop(cursor));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let p = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("td[id]").ok().flatten())
                .and_then(|cell| pos_of_id(&cell.id()));
            if let Some(p) = p {
                if let Some(text) = g.editing.get_untracked() {
                    g.set_editing(None);
                    g.commit(g.pos.get_untracked(), &text);
                }
                g.pos.set(p);
                // A click is one deliberate choice: its details show at once.
                g.panel_pos.set(p);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let start = g.pos.get_untracked();
    let header = (0..g.lessons_n)
        .map(|c| {
            let l = g.lesson(c);
            let open = move |_| g.lesson_editor.set(Some(c));
            // A lesson's id, date, number and whether it may be written stay
            // as loaded; its topic, homework and save state change.
            let (id, date, number, writable) =
                l.with_untracked(|l| (l.shown.id, l.shown.date, l.shown.number, l.shown.writable));
            view! {
                <th
                    role="columnheader"
                    scope="col"
                    class="lesson-head"
                    data-lesson-id=id
                    data-date=date.to_string()
                    data-status=move || l.with(|l| l.status.label())
                    aria-readonly=(!writable).then_some("true")
                >
                    <button
                        type="button"
                        class="lesson-button"
                        on:click=open
                        title=move || l.with(|l| l.shown.topic.clone().unwrap_or_default())
                    >
                        <span class="lesson-date">{day_month(date)}</span>
                        <span class="lesson-no">{number}</span>
                        <span class="sr-only">{move || l.with(|l| header_details(&l.shown))}</span>
                        <span class="lesson-flags" aria-hidden="true">
                            {move || {
                                l.with(|l| {
                                    let mut f = String::new();
                                    if l.shown.homework.is_some() {
                                        f.push('✎');
                                    }
                                    if l.shown.attendance_taken {
                                        f.push('✓');
                                    }
                                    f
                                })
                            }}
                        </span>
                    </button>
                </th>
            }
        })
        .collect_view();
    let body = (0..g.rows)
        .map(|r| {
            let name = g.students.with_value(|s| s[r].name.clone());
            let summary = g.summaries.with_value(|s| s[r]);
            let cells = (0..g.lessons_n)
                .map(|c| {
                    let p = Pos { row: r, col: c };
                    let st = g.cell(r, c);
                    let writable = g.lesson(c).with_untracked(|l| l.shown.writable);
                    let Painted {
                        text,
                        class,
                        status,
                    } = st.with_untracked(Painted::of);
                    view! {
                        <td
                            role="gridcell"
                            id=cell_id(p)
                            class=class
                            aria-selected=if p == start { "true" } else { "false" }
                            aria-readonly=(!writable).then_some("true")
                            data-status=status
                            use:paint_cell=st
                        >
                            {text}
                        </td>
                    }
                })
                .collect_view();
            let fp = Pos {
                row: r,
                col: g.lessons_n,
            };
            let fin = g.final_of(r);
            let policy = g.policy;
            view! {
                <tr role="row" data-student-id=g.students.with_value(|s| s[r].id)>
                    <th role="rowheader" scope="row" class="student">
                        <span class="student-no">{r + 1}</span>
                        {name.short()}
                    </th>
                    {cells}
                    <td role="gridcell" class="avg" aria-readonly="true" data-testid="average">
                        {move || summary.with(|s| s.average.display())}
                    </td>
                    <td role="gridcell" class="abs" aria-readonly="true" data-testid="absences">
                        {move || summary.with(|s| s.tally.missed())}
                    </td>
                    <td
                        role="gridcell"
                        id=cell_id(fp)
                        class=move || format!("cell final{}", fin.with(|s| s.status.class()))
                        aria-selected=if fp == start { "true" } else { "false" }
                        aria-readonly=(!g.finals_writable).then_some("true")
                        data-status=move || fin.with(|s| s.status.label())
                        data-testid="final"
                    >
                        {move || {
                            if let Some(text) = fin.with(|s| s.editing.clone()) {
                                return view! { <span>{text}</span> }.into_any();
                            }
                            match fin.with(|s| s.shown.clone()) {
                                Some(v) => view! { <span>{v}</span> }.into_any(),
                                None => {
                                    let suggested = summary
                                        .with(|s| policy.with_value(|p| p.suggest(&s.average)));
                                    view! {
                                        <span class="suggested" title=move || jt().suggested>
                                            {suggested.map(|v| v.to_string()).unwrap_or_default()}
                                        </span>
                                    }
                                        .into_any()
                                }
                            }
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="grid-scroll">
            <table
                class="journal-grid"
                role="grid"
                tabindex="0"
                aria-label=move || jt().title
                aria-rowcount=g.rows + 1
                aria-activedescendant=move || cell_id(g.pos.get())
                on:keydown=move |ev| g.keydown(&ev)
                on:click=on_click
                data-ready="true"
            >
                // Fixed column widths: a changed mark never makes the
                // browser measure the whole table again.
                <colgroup>
                    <col class="col-student" />
                    {(0..g.lessons_n).map(|_| view! { <col class="col-lesson" /> }).collect_view()}
                    <col class="col-sum" />
                    <col class="col-sum" />
                    <col class="col-final" />
                </colgroup>
                <thead>
                    <tr role="row">
                        <th role="columnheader" scope="col" class="student">
                            {move || jt().student}
                        </th>
                        {header}
                        <th role="columnheader" scope="col">
                            {move || jt().average}
                        </th>
                        <th role="columnheader" scope="col">
                            {move || jt().absences}
                        </th>
                        <th role="columnheader" scope="col">
                            {move || jt().final_mark}
                        </th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// The header of a lesson, edited in place: topic, default work type,
/// homework and the lesson it is due at, attendance taken.
#[component]
fn LessonEditor(g: Grid) -> impl IntoView {
    move || {
        let c = g.lesson_editor.get()?;
        let sig = g.lesson(c);
        let l = sig.get_untracked().shown;
        let writable = l.writable;
        let topic = RwSignal::new(l.topic.clone().unwrap_or_default());
        let hw = RwSignal::new(
            l.homework
                .as_ref()
                .map(|h| h.text.clone())
                .unwrap_or_default(),
        );
        let due = RwSignal::new(
            l.homework
                .as_ref()
                .and_then(|h| h.due_lesson_id)
                .map(|id| id.to_string())
                .unwrap_or_default(),
        );
        let wt = RwSignal::new(l.work_type_id.map(|id| id.to_string()).unwrap_or_default());
        let taken = RwSignal::new(l.attendance_taken);
        let later: Vec<(i64, String)> = (c + 1..g.lessons_n)
            .map(|i| {
                g.lesson(i).with_untracked(|x| {
                    (
                        x.shown.id,
                        format!(
                            "{} · {} {}",
                            day_month(x.shown.date),
                            x.shown.number,
                            jt_untracked().lesson_no
                        ),
                    )
                })
            })
            .collect();
        let save = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let topic = topic.get_untracked();
            let text = hw.get_untracked();
            let due_id = due.get_untracked().parse().ok();
            sig.update(|s| {
                s.shown.topic = (!topic.trim().is_empty()).then(|| topic.trim().to_string());
                s.shown.work_type_id = wt.get_untracked().parse().ok();
                s.shown.homework = (!text.trim().is_empty()).then(|| GridHomework {
                    text: text.trim().to_string(),
                    due_lesson_id: due_id,
                    due_on: s
                        .shown
                        .homework
                        .as_ref()
                        .map(|h| h.due_on)
                        .unwrap_or(s.shown.date),
                });
                s.shown.attendance_taken = taken.get_untracked();
                s.status = Status::Pending;
            });
            g.enqueue(Target::Lesson(c));
            g.lesson_editor.set(None);
        };
        let title = format!(
            "{} · {} {}",
            day_month(l.date),
            l.number,
            jt_untracked().lesson_no
        );
        let label = title.clone();
        Some(view! {
            <form class="card lesson-editor" on:submit=save aria-label=label>
                <h2>{title}</h2>
                {move || sig.with(|s| s.note.clone()).map(|n| view! { <p class="alert">{n}</p> })}
                <label>
                    <span>{move || jt().topic}</span>
                    <input
                        type="text"
                        name="topic"
                        prop:value=move || topic.get()
                        on:input=move |ev| topic.set(event_target_value(&ev))
                        disabled=!writable
                    />
                </label>
                <label>
                    <span>{move || jt().work_type}</span>
                    <select name="work_type" on:change=move |ev| wt.set(event_target_value(&ev)) disabled=!writable>
                        {g
                            .work_types
                            .get_value()
                            .into_iter()
                            .map(|t| {
                                let selected = wt.get_untracked() == t.id.to_string();
                                view! {
                                    <option value=t.id selected=selected>
                                        {format!("{} (×{},{})", t.name, t.weight_centi / 100, t.weight_centi % 100 / 10)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || jt().homework}</span>
                    <textarea
                        name="homework"
                        rows="3"
                        prop:value=move || hw.get()
                        on:input=move |ev| hw.set(event_target_value(&ev))
                        disabled=!writable
                    ></textarea>
                </label>
                <label>
                    <span>{move || jt().due_at}</span>
                    <select name="due" on:change=move |ev| due.set(event_target_value(&ev)) disabled=!writable>
                        <option value="">{move || jt().next_lesson}</option>
                        {later
                            .into_iter()
                            .map(|(id, label)| {
                                let selected = due.get_untracked() == id.to_string();
                                view! { <option value=id selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        name="attendance_taken"
                        prop:checked=move || taken.get()
                        on:change=move |ev| taken.set(event_target_checked(&ev))
                        disabled=!writable
                    />
                    <span>{move || jt().attendance_taken}</span>
                </label>
                <div class="actions">
                    {writable.then(|| view! { <button type="submit" class="primary">{move || jt().save}</button> })}
                    <button type="button" class="ghost" on:click=move |_| g.lesson_editor.set(None)>
                        {move || jt().cancel}
                    </button>
                </div>
            </form>
        })
    }
}

/// The active cell in detail: each mark's work type, comment and flag, the
/// save state, and the cell's history.
#[component]
fn CellPanel(g: Grid) -> impl IntoView {
    let history = RwSignal::new(None::<Result<Vec<HistoryEntry>, AppError>>);
    // A new cell: forget the history shown for the last one.
    Effect::new(move |_| {
        g.panel_pos.track();
        history.set(None);
    });
    move || {
        let p = g.panel_pos.get();
        if p.col >= g.lessons_n || p.row >= g.rows {
            return None;
        }
        let sig = g.cell(p.row, p.col);
        let lesson = g.lesson(p.col).get_untracked().shown;
        let student = g.students.with_value(|s| s[p.row].clone());
        let writable = lesson.writable;
        let load_history = move |_| {
            let (lesson_id, student_id) = (lesson.id, student.id);
            leptos::task::spawn_local(async move {
                history.set(Some(cell_history(lesson_id, student_id).await));
            });
        };
        // Memos: typing into the cell changes its state, not these.
        let marks = Memo::new(move |_| sig.with(|s| s.shown.marks.clone()));
        let note = Memo::new(move |_| sig.with(|s| s.note.clone()));
        Some(view! {
            <section class="card cell-panel" aria-label=move || jt().history>
                <h2>
                    {student.name.full()} " · " {day_month(lesson.date)} " · " {lesson.number} " "
                    {move || jt().lesson_no}
                </h2>
                {move || {
                    note.get().map(|n| view! { <p class="alert" data-testid="cell-note">{n}</p> })
                }}
                <ul class="cell-marks">
                    {move || {
                        marks
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, m)| {
                                let set = move |f: Box<dyn Fn(&mut crate::domain::journal::CellMark)>| {
                                    let changed = sig
                                        .try_update(|s| {
                                            if let Some(m) = s.shown.marks.get_mut(i) {
                                                f(m);
                                                s.status = Status::Pending;
                                                true
                                            } else {
                                                false
                                            }
                                        })
                                        .unwrap_or(false);
                                    if changed {
                                        g.enqueue(Target::Cell(p.row, p.col));
                                    }
                                };
                                let types = g.work_types.get_value();
                                let on_type = move |ev: leptos::ev::Event| {
                                    let id: i64 = event_target_value(&ev).parse().unwrap_or_default();
                                    let weight = g
                                        .work_types
                                        .with_value(|t| t.iter().find(|t| t.id == id).map(|t| t.weight_centi))
                                        .unwrap_or(100);
                                    set(Box::new(move |m| {
                                        m.work_type_id = id;
                                        m.weight_centi = weight;
                                    }));
                                };
                                let on_comment = move |ev: leptos::ev::Event| {
                                    let c = event_target_value(&ev);
                                    set(Box::new(move |m| {
                                        m.comment = (!c.trim().is_empty()).then(|| c.trim().to_string());
                                    }));
                                };
                                let on_excluded = move |ev: leptos::ev::Event| {
                                    let x = event_target_checked(&ev);
                                    set(Box::new(move |m| m.excluded = x));
                                };
                                view! {
                                    <li class="cell-mark">
                                        <strong class="mark">{m.value.clone()}</strong>
                                        <label>
                                            <span class="small">{move || jt().work_type}</span>
                                            <select on:change=on_type disabled=!writable>
                                                {types
                                                    .into_iter()
                                                    .map(|t| {
                                                        view! {
                                                            <option value=t.id selected=t.id == m.work_type_id>
                                                                {t.name}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </label>
                                        <label>
                                            <span class="small">{move || jt().comment}</span>
                                            <input
                                                type="text"
                                                prop:value=m.comment.clone().unwrap_or_default()
                                                on:change=on_comment
                                                disabled=!writable
                                            />
                                        </label>
                                        <label class="check">
                                            <input
                                                type="checkbox"
                                                prop:checked=m.excluded
                                                on:change=on_excluded
                                                disabled=!writable
                                            />
                                            <span class="small">{move || jt().excluded}</span>
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button type="button" class="ghost" on:click=load_history data-testid="history">
                    {move || jt().history}
                </button>
                {move || {
                    history
                        .get()
                        .map(|h| match h {
                            Ok(list) if list.is_empty() => {
                                view! { <p class="muted">{move || jt().no_history}</p> }.into_any()
                            }
                            Ok(list) => {
                                view! {
                                    <ol class="history" data-testid="history-list">
                                        {list
                                            .into_iter()
                                            .map(|e| {
                                                view! {
                                                    <li>
                                                        <span class="muted small">{e.at} " · " {e.who}</span>
                                                        " "
                                                        <span>
                                                            {e.old_value.unwrap_or_else(|| "∅".into())} " → "
                                                            {e.new_value.unwrap_or_else(|| "∅".into())}
                                                        </span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <p class="alert">{e.to_string()}</p> }.into_any(),
                        })
                }}
            </section>
        })
    }
}

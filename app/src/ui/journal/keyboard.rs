//! Typing into the grid: the keys (move, type, edit, clear, cancel), and
//! how a typed text becomes a cell's or final mark's value.

use leptos::prelude::*;

use super::jt_untracked;
use super::paint::scroll_to;
use super::state::{Grid, Status, Target};
use crate::domain::grades::MarkValue;
use crate::domain::journal::{parse_cell, step, Move, Pos};

impl Grid {
    /// Puts `text` into the cell at `p`, as typed.
    pub(super) fn commit(&self, p: Pos, text: &str) {
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
                        self.message.set(Some(jt_untracked().not_a_final_mark(t)));
                        return;
                    }
                }
            };
            self.set_final(p.row, value);
        }
    }

    pub(super) fn set_final(&self, row: usize, value: Option<String>) {
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

    pub(super) fn go(&self, m: Move) {
        let next = step(self.pos.get_untracked(), m, self.rows, self.cols());
        self.pos.set(next);
        // After the frame's changes, so the layout is computed once.
        request_animation_frame(move || scroll_to(next));
    }

    pub(super) fn keydown(&self, ev: &leptos::ev::KeyboardEvent) {
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

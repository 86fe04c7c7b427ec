//! Drawing cells straight into the DOM: each lesson cell's paint effect,
//! the moving `aria-selected`, scrolling the cursor into view, and the
//! cell ids and classes they go by.

use leptos::prelude::*;

use super::state::CellState;
use crate::domain::journal::Pos;

/// The id of the cell at `p`.
pub(super) fn cell_id(p: Pos) -> String {
    format!("c{}-{}", p.row, p.col)
}

/// The position a cell's id names (`c{row}-{col}`).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) fn pos_of_id(id: &str) -> Option<Pos> {
    let (r, c) = id.strip_prefix('c')?.split_once('-')?;
    Some(Pos {
        row: r.parse().ok()?,
        col: c.parse().ok()?,
    })
}

/// What a lesson cell shows: its text, class and save state.
#[derive(Clone, PartialEq)]
pub(super) struct Painted {
    pub(super) text: String,
    pub(super) class: String,
    pub(super) status: &'static str,
}

impl Painted {
    pub(super) fn of(s: &CellState) -> Painted {
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
pub(super) fn paint_cell(_el: leptos::tachys::renderer::types::Element, _st: RwSignal<CellState>) {
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
pub(super) fn mark_selected(_p: Pos, _on: bool) {
    #[cfg(feature = "hydrate")]
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&cell_id(_p)))
    {
        let _ = el.set_attribute("aria-selected", if _on { "true" } else { "false" });
    }
}

/// Keeps the cursor's cell in view.
pub(super) fn scroll_to(_p: Pos) {
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

/// The class of a cell's first mark, by its points.
fn mark_class(points: Option<u8>) -> &'static str {
    match points {
        Some(5) => " m5",
        Some(4) => " m4",
        Some(3) => " m3",
        Some(_) => " m2",
        None => "",
    }
}

/// A lesson cell's class: its save state, absence and first mark.
pub(super) fn cell_class(s: &CellState) -> String {
    let mut c = String::from("cell");
    c.push_str(s.status.class());
    if s.shown.is_absence() {
        c.push_str(" absent");
    }
    c.push_str(mark_class(s.shown.marks.first().and_then(|m| m.points())));
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::WorkTypeId;
    use crate::domain::journal::{parse_cell, CellData};
    use crate::ui::journal::state::Status;

    #[test]
    fn a_cell_id_names_its_position() {
        let p = Pos { row: 12, col: 3 };
        assert_eq!(cell_id(p), "c12-3");
        assert_eq!(pos_of_id(&cell_id(p)), Some(p));
        assert_eq!(pos_of_id("r1-2"), None);
        assert_eq!(pos_of_id("c1"), None);
    }

    #[test]
    fn a_cell_class_shows_state_absence_and_mark() {
        let mut s = CellState::loaded(CellData::default());
        assert_eq!(cell_class(&s), "cell");
        s.shown = s
            .shown
            .with_input(&parse_cell("Н 4").unwrap(), (WorkTypeId(1), 100));
        s.status = Status::Pending;
        assert_eq!(cell_class(&s), "cell st-pending absent m4");
    }
}

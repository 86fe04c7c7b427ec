//! Walking the grid with the keyboard: where the cursor is and where a key
//! moves it, like a spreadsheet.

/// Where the cursor is in the grid: a row (student) and a column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    pub row: usize,
    pub col: usize,
}

/// A move of the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
    /// Tab: right, then to the first column of the next row.
    Next,
    /// Shift+Tab: back the same way.
    Prev,
    Home,
    End,
}

/// The position after `m` in a grid of `rows` × `cols`; it stays inside.
pub fn step(p: Pos, m: Move, rows: usize, cols: usize) -> Pos {
    if rows == 0 || cols == 0 {
        return Pos::default();
    }
    let (r, c) = (p.row.min(rows - 1), p.col.min(cols - 1));
    let (row, col) = match m {
        Move::Up => (r.saturating_sub(1), c),
        Move::Down => ((r + 1).min(rows - 1), c),
        Move::Left => (r, c.saturating_sub(1)),
        Move::Right => (r, (c + 1).min(cols - 1)),
        Move::Next if c + 1 < cols => (r, c + 1),
        Move::Next if r + 1 < rows => (r + 1, 0),
        Move::Next => (r, c),
        Move::Prev if c > 0 => (r, c - 1),
        Move::Prev if r > 0 => (r - 1, cols - 1),
        Move::Prev => (r, c),
        Move::Home => (r, 0),
        Move::End => (r, cols - 1),
    };
    Pos { row, col }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_moves_like_a_spreadsheet_and_stays_inside() {
        let p = |row, col| Pos { row, col };
        assert_eq!(step(p(0, 0), Move::Up, 3, 4), p(0, 0));
        assert_eq!(step(p(0, 0), Move::Down, 3, 4), p(1, 0));
        assert_eq!(step(p(2, 3), Move::Down, 3, 4), p(2, 3));
        assert_eq!(step(p(1, 3), Move::Right, 3, 4), p(1, 3));
        assert_eq!(step(p(1, 3), Move::Next, 3, 4), p(2, 0));
        assert_eq!(step(p(2, 0), Move::Prev, 3, 4), p(1, 3));
        assert_eq!(step(p(1, 2), Move::Home, 3, 4), p(1, 0));
        assert_eq!(step(p(1, 0), Move::End, 3, 4), p(1, 3));
        assert_eq!(step(p(9, 9), Move::Left, 3, 4), p(2, 2));
        assert_eq!(step(p(1, 1), Move::Down, 0, 0), p(0, 0));
    }
}

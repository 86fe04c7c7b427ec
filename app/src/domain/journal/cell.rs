//! One cell of the journal grid (one student at one lesson): the marks and
//! attendance entry it holds, and how what a teacher types becomes one.

use serde::{Deserialize, Serialize};

use crate::domain::attendance::Category;
use crate::domain::grades::MarkValue;
use crate::domain::ids::{LessonId, MarkId, PersonId, WorkTypeId};

/// A cell holds at most two marks («3/5»).
pub const MAX_MARKS_PER_CELL: usize = 2;

/// The attendance codes a teacher can type, with their categories.
pub const ATTENDANCE_CODES: [(&str, Category); 4] = [
    ("Н", Category::Absent),
    ("Б", Category::Ill),
    ("УП", Category::Excused),
    ("ОП", Category::Late),
];

/// The category of an attendance code («Н» → absent).
pub fn code_category(code: &str) -> Option<Category> {
    ATTENDANCE_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, cat)| *cat)
}

/// Which cell: one student at one lesson. Ordered by lesson, then student.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CellKey {
    pub lesson: LessonId,
    pub student: PersonId,
}

/// One mark in a cell, as stored. `id` is `None` until the server has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellMark {
    pub id: Option<MarkId>,
    pub version: i32,
    /// As shown: «5», «н/а», «зач».
    pub value: String,
    pub work_type_id: WorkTypeId,
    /// The weight of the work type when the mark was given, in hundredths.
    pub weight_centi: u32,
    pub comment: Option<String>,
    /// Left out of the average.
    pub excluded: bool,
}

impl CellMark {
    /// The number that enters the average, if any.
    pub fn points(&self) -> Option<u8> {
        MarkValue::parse(&self.value).and_then(|v| v.points())
    }
}

/// An attendance entry in a cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellAttendance {
    pub id: Option<i64>,
    pub version: i32,
    /// «Н», «Б», «УП» or «ОП».
    pub code: String,
}

/// Everything one cell (one student at one lesson) holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellData {
    /// In slot order: slot 0 first.
    pub marks: Vec<CellMark>,
    pub attendance: Option<CellAttendance>,
}

impl CellData {
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.attendance.is_none()
    }

    /// What the cell shows: «3/5», «Н», «ОП 5».
    pub fn text(&self) -> String {
        let marks = self
            .marks
            .iter()
            .map(|m| m.value.as_str())
            .collect::<Vec<_>>()
            .join("/");
        match (&self.attendance, marks.is_empty()) {
            (Some(a), true) => a.code.clone(),
            (Some(a), false) => format!("{} {marks}", a.code),
            (None, _) => marks,
        }
    }

    /// The attendance category, if the cell has a code.
    pub fn category(&self) -> Option<Category> {
        self.attendance
            .as_ref()
            .and_then(|a| code_category(&a.code))
    }

    /// The student missed this lesson (a late arrival did not).
    pub fn is_absence(&self) -> bool {
        self.category().is_some_and(Category::is_absence)
    }

    /// The same content, without ids or versions: what a user meant.
    pub fn content(&self) -> CellData {
        CellData {
            marks: self
                .marks
                .iter()
                .map(|m| CellMark {
                    id: None,
                    version: 0,
                    ..m.clone()
                })
                .collect(),
            attendance: self.attendance.as_ref().map(|a| CellAttendance {
                id: None,
                version: 0,
                code: a.code.clone(),
            }),
        }
    }

    /// The (id, version) of each stored mark and of the attendance entry:
    /// what a write is based on.
    pub fn base(&self) -> CellBase {
        CellBase {
            marks: self
                .marks
                .iter()
                .filter_map(|m| m.id.map(|id| (id, m.version)))
                .collect(),
            attendance: self
                .attendance
                .as_ref()
                .and_then(|a| a.id.map(|id| (id, a.version))),
        }
    }

    /// This cell with `input` typed into it: values change, while each
    /// kept slot keeps its work type, comment and flag; a new mark takes
    /// the lesson's default work type.
    pub fn with_input(&self, input: &CellInput, default_type: (WorkTypeId, u32)) -> CellData {
        let marks = input
            .marks
            .iter()
            .enumerate()
            .map(|(i, v)| match self.marks.get(i) {
                Some(old) => CellMark {
                    value: v.code(),
                    ..old.clone()
                },
                None => CellMark {
                    id: None,
                    version: 0,
                    value: v.code(),
                    work_type_id: default_type.0,
                    weight_centi: default_type.1,
                    comment: None,
                    excluded: false,
                },
            })
            .collect();
        let attendance = input.attendance.map(|code| match &self.attendance {
            Some(old) => CellAttendance {
                code: code.to_string(),
                ..old.clone()
            },
            None => CellAttendance {
                id: None,
                version: 0,
                code: code.to_string(),
            },
        });
        CellData { marks, attendance }
    }
}

/// The stored rows a write was based on: (id, version) per mark in slot
/// order, and of the attendance entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellBase {
    pub marks: Vec<(MarkId, i32)>,
    pub attendance: Option<(i64, i32)>,
}

/// What a teacher typed into a cell, understood.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellInput {
    pub marks: Vec<MarkValue>,
    pub attendance: Option<&'static str>,
}

/// Why a typed text is not a cell's content; what it says is in
/// `i18n::journal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellParseError {
    /// A token that is neither a mark nor an attendance code.
    Unknown(String),
    TooManyMarks,
    TwoAttendanceCodes,
}

/// An attendance code as typed: Cyrillic, the Latin look-alike «H», or the
/// keys of the same place on a Latin layout (Y = Н, comma = Б, EG = УП,
/// JG = ОП), so a forgotten layout switch still works.
fn attendance_code(token: &str) -> Option<&'static str> {
    Some(match token.to_uppercase().as_str() {
        "Н" | "H" | "Y" => "Н",
        "Б" | "," => "Б",
        "УП" | "EG" => "УП",
        "ОП" | "JG" => "ОП",
        _ => return None,
    })
}

/// Understands what a teacher typed into a cell: «5», «3/5», «Н», «ОП 5»;
/// an empty text clears the cell.
pub fn parse_cell(text: &str) -> Result<CellInput, CellParseError> {
    let mut input = CellInput::default();
    for token in text.split_whitespace() {
        if let Some(code) = attendance_code(token) {
            if input.attendance.is_some() {
                return Err(CellParseError::TwoAttendanceCodes);
            }
            input.attendance = Some(code);
            continue;
        }
        // «н/а» is one mark; «3/5» is two.
        if let Some(v) = MarkValue::parse(token) {
            input.marks.push(v);
            continue;
        }
        // Marks joined by slashes, as a cell shows them: «н/а/5» is «н/а»
        // and «5», so what a cell shows can be typed again.
        let parts: Vec<&str> = token.split('/').filter(|p| !p.is_empty()).collect();
        let mut i = 0;
        while i < parts.len() {
            let not_assessed = i + 1 < parts.len()
                && parts[i].to_lowercase() == "н"
                && parts[i + 1].to_lowercase() == "а";
            let (part, used) = if not_assessed {
                ("н/а".to_string(), 2)
            } else {
                (parts[i].to_string(), 1)
            };
            let v = MarkValue::parse(&part).ok_or(CellParseError::Unknown(part))?;
            input.marks.push(v);
            i += used;
        }
    }
    if input.marks.len() > MAX_MARKS_PER_CELL {
        return Err(CellParseError::TooManyMarks);
    }
    Ok(input)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::domain::journal) fn mark(value: &str, weight: u32) -> CellMark {
        CellMark {
            id: Some(MarkId(1)),
            version: 1,
            value: value.into(),
            work_type_id: WorkTypeId(7),
            weight_centi: weight,
            comment: None,
            excluded: false,
        }
    }

    pub(in crate::domain::journal) fn cell(marks: &[CellMark], code: Option<&str>) -> CellData {
        CellData {
            marks: marks.to_vec(),
            attendance: code.map(|c| CellAttendance {
                id: Some(9),
                version: 2,
                code: c.into(),
            }),
        }
    }

    #[test]
    fn typing_understands_marks_pairs_codes_and_clearing() {
        assert_eq!(parse_cell("5").unwrap().marks, vec![MarkValue::Points(5)]);
        let pair = parse_cell("3/5").unwrap();
        assert_eq!(pair.marks, vec![MarkValue::Points(3), MarkValue::Points(5)]);
        assert_eq!(parse_cell(" н ").unwrap().attendance, Some("Н"));
        assert_eq!(parse_cell("уп").unwrap().attendance, Some("УП"));
        let late = parse_cell("ОП 4").unwrap();
        assert_eq!(late.attendance, Some("ОП"));
        assert_eq!(late.marks, vec![MarkValue::Points(4)]);
        assert_eq!(parse_cell("").unwrap(), CellInput::default());
        assert_eq!(
            parse_cell("н/а").unwrap().marks,
            vec![MarkValue::NotAssessed]
        );
    }

    #[test]
    fn typing_on_a_latin_layout_still_finds_the_codes() {
        assert_eq!(parse_cell("y").unwrap().attendance, Some("Н"));
        assert_eq!(parse_cell("H").unwrap().attendance, Some("Н"));
        assert_eq!(parse_cell(",").unwrap().attendance, Some("Б"));
        assert_eq!(parse_cell("eg").unwrap().attendance, Some("УП"));
        assert_eq!(parse_cell("jg").unwrap().attendance, Some("ОП"));
    }

    #[test]
    fn typing_refuses_what_is_not_a_mark() {
        assert_eq!(parse_cell("7"), Err(CellParseError::Unknown("7".into())));
        assert_eq!(parse_cell("5/4/3"), Err(CellParseError::TooManyMarks));
        assert_eq!(parse_cell("Н Б"), Err(CellParseError::TwoAttendanceCodes));
        assert_eq!(
            parse_cell("0").unwrap_err().to_string(),
            "«0» — не отметка: введите 1–5, Н, Б, УП или ОП"
        );
    }

    #[test]
    fn a_cell_shows_marks_and_codes_as_teachers_write_them() {
        assert_eq!(cell(&[mark("3", 100), mark("5", 100)], None).text(), "3/5");
        assert_eq!(cell(&[], Some("Н")).text(), "Н");
        assert_eq!(cell(&[mark("5", 100)], Some("ОП")).text(), "ОП 5");
        assert_eq!(CellData::default().text(), "");
    }

    #[test]
    fn retyping_keeps_each_slots_work_type_and_comment() {
        let mut old = mark("4", 200);
        old.comment = Some("у доски".into());
        let before = cell(&[old], Some("ОП"));
        let after = before.with_input(&parse_cell("5/3").unwrap(), (WorkTypeId(3), 100));
        assert_eq!(after.marks[0].value, "5");
        assert_eq!(after.marks[0].weight_centi, 200);
        assert_eq!(after.marks[0].comment.as_deref(), Some("у доски"));
        assert_eq!(after.marks[0].id, Some(MarkId(1)));
        assert_eq!(after.marks[1].work_type_id, WorkTypeId(3));
        assert_eq!(after.marks[1].id, None);
        // The code was not typed again, so it is gone.
        assert_eq!(after.attendance, None);
        assert_eq!(before.base().marks, vec![(MarkId(1), 1)]);
        assert_eq!(before.base().attendance, Some((9, 2)));
    }
}

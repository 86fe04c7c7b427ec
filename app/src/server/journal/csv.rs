//! The journal export: the grid of a section and period as a CSV file.

use std::collections::HashMap;

use super::grid::grid;
use crate::domain::ids::{PeriodId, PersonId, SectionId};
use crate::domain::journal::{spreadsheet_text, summarize, CellData, CellKey};
use crate::model::accounts::SessionUser;
use crate::model::journal::PeriodMarkData;
use crate::server::{AppState, ServiceError};

/// The grid as a CSV file Excel opens as is: UTF-8 with a byte-order mark,
/// semicolons, CRLF line ends. Returns the file name and the bytes.
pub async fn export_csv(
    st: &AppState,
    user: SessionUser,
    section_id: SectionId,
    period_id: Option<PeriodId>,
) -> Result<(String, Vec<u8>), ServiceError> {
    let g = grid(st, user, Some(section_id), period_id).await?;
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = vec!["№".to_string(), "Ученик".to_string()];
    header.extend(
        g.lessons
            .iter()
            .map(|l| format!("{} ({} ур.)", l.date.format("%d.%m.%Y"), l.number)),
    );
    header.extend(
        [
            "Средний балл",
            "Пропуски",
            "Опоздания",
            "Предложено",
            "Итоговая",
        ]
        .map(String::from),
    );
    let cells: HashMap<CellKey, &CellData> = g.cells.iter().map(|c| (c.key(), &c.data)).collect();
    let finals: HashMap<PersonId, &PeriodMarkData> = g
        .period_marks
        .iter()
        .map(|p| (p.student_id, &p.mark))
        .collect();
    let internal = |e: ::csv::Error| ServiceError::Internal(e.to_string());
    w.write_record(header.iter().map(|c| spreadsheet_text(c).into_owned()))
        .map_err(internal)?;
    for (i, student) in g.students.iter().enumerate() {
        let cell = |lesson| {
            cells
                .get(&CellKey {
                    lesson,
                    student: student.id,
                })
                .copied()
        };
        let row: Vec<&CellData> = g.lessons.iter().filter_map(|l| cell(l.id)).collect();
        let summary = summarize(row.iter().copied());
        let mut record = vec![(i + 1).to_string(), student.name.full()];
        record.extend(
            g.lessons
                .iter()
                .map(|l| cell(l.id).map(|c| c.text()).unwrap_or_default()),
        );
        record.push(summary.average.display().replace('—', ""));
        record.push(summary.tally.missed().to_string());
        record.push(summary.tally.late.to_string());
        record.push(
            g.policy
                .suggest(&summary.average)
                .map(|m| m.to_string())
                .unwrap_or_default(),
        );
        record.push(
            finals
                .get(&student.id)
                .map(|m| m.value.clone())
                .unwrap_or_default(),
        );
        w.write_record(record.iter().map(|c| spreadsheet_text(c).into_owned()))
            .map_err(internal)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(body);
    let name = format!(
        "Журнал {} {} {}.csv",
        g.section.class_name, g.section.subject_name, g.period.name
    );
    Ok((name, bytes))
}

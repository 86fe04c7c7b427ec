//! The journal grid as a CSV file that Excel opens, for those who may read it.

use app::domain::journal::{summarize, CellData};
use app::server::entities::person;
use app::server::seed::{PARENT_EMAIL, TEACHER_EMAIL};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

use super::maths;
use crate::both_databases;
use crate::helpers::TestApp;

async fn the_grid_exports_as_a_csv_that_excel_opens(app: &TestApp) {
    let s = maths(app, "5А").await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let (_, g) = app
        .journal_grid(&teacher, &[("section", &s.id.to_string())])
        .await;
    let period_id = g["period"]["id"].as_i64().unwrap();

    let res = teacher
        .get(app.url(&format!(
            "/journal/export.csv?section={}&period={period_id}",
            s.id
        )))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename*=UTF-8''"));
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines.len(),
        1 + g["students"].as_array().unwrap().len(),
        "a header and one line per student"
    );
    let header: Vec<&str> = lines[0].split(';').collect();
    assert_eq!(header[1], "Ученик");
    assert_eq!(header.len(), 2 + g["lessons"].as_array().unwrap().len() + 5);
    assert_eq!(header[header.len() - 5], "Средний балл");
    // Each row's average is the shared rule over the grid's cells.
    let first_student = g["students"][0]["id"].as_i64().unwrap();
    let cells: Vec<CellData> = g["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["student_id"].as_i64() == Some(first_student))
        .map(|c| serde_json::from_value(c["data"].clone()).unwrap())
        .collect();
    let row: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(
        row[row.len() - 5],
        summarize(cells.iter()).average.display().replace('—', "")
    );
    // Others may not export it.
    let parent = app.signed_in(PARENT_EMAIL).await;
    let res = parent
        .get(app.url(&format!("/journal/export.csv?section={}", s.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

/// A name that came in from elsewhere (an import, a typo) and begins as a
/// spreadsheet formula is written as text.
async fn a_cell_that_looks_like_a_formula_is_exported_as_text(app: &TestApp) {
    let s = maths(app, "5А").await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let (_, g) = app
        .journal_grid(&teacher, &[("section", &s.id.to_string())])
        .await;
    let student = g["students"][0]["id"].as_i64().unwrap();
    let mut p: person::ActiveModel = person::Entity::find_by_id(student)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    p.last_name = Set("=HYPERLINK(\"http://example.invalid\",\"5\")".into());
    p.update(&app.db).await.unwrap();
    app::server::cache::bump_class(&app.db, s.class_id)
        .await
        .unwrap();

    let res = teacher
        .get(app.url(&format!("/journal/export.csv?section={}", s.id)))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    let mut file = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(&bytes[3..]);
    let names: Vec<String> = file.records().map(|r| r.unwrap()[1].to_string()).collect();
    let renamed = names
        .iter()
        .find(|n| n.contains("HYPERLINK"))
        .expect("the renamed student's row");
    assert!(renamed.starts_with("'=HYPERLINK("), "{renamed}");
    assert!(
        names.iter().all(|n| !n.starts_with(['=', '+', '-', '@'])),
        "{names:?}"
    );
}

both_databases!(
    the_grid_exports_as_a_csv_that_excel_opens,
    a_cell_that_looks_like_a_formula_is_exported_as_text,
);

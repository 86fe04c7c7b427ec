//! The application workflow: the parent files, the school officer checks
//! against the roster and decides; mail goes to a real SMTP server.

mod decisions;
mod refusals;
mod workflow;

use crate::helpers::TestApp;

/// Files an application, as Ольга Петрова the mother, for this child
/// (surname, first name, patronymic) born on `born`, into a class.
pub async fn file(
    app: &TestApp,
    c: &reqwest::Client,
    class: i64,
    child: [&str; 3],
    born: &str,
) -> reqwest::Response {
    app.call(
        c,
        "file_application",
        &[
            ("school", "1"),
            ("class", &class.to_string()),
            ("parent_last", "Петрова"),
            ("parent_first", "Ольга"),
            ("parent_middle", "Игоревна"),
            ("child_last", child[0]),
            ("child_first", child[1]),
            ("child_middle", child[2]),
            ("child_birth_date", born),
            ("relation", "mother"),
        ],
    )
    .await
}

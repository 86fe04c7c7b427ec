//! Reading what the app mails: the token of a confirmation or reset link.

/// The token of the link in a mail's body (`…?token=<token>`).
pub fn token_from_mail(body: &str) -> &str {
    body.split("token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no link with a token in {body:?}"))
}

//! People and their accounts: the roster's persons, sign-in accounts,
//! roles, sessions, provider identities and e-mailed tokens.

entity!(
    /// A person on a school's roster: student, teacher or parent.
    person, "persons", {
    pub school_id: Option<i64>,
    pub last_name: String,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub birth_date: Option<Date>,
    pub name_key: String,
    pub created_at: DateTimeUtc,
});

entity!(
    /// A sign-in account. The e-mail is the login and never changes.
    user, "users", {
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: Option<String>,
    pub person_id: Option<i64>,
    pub email_verified_at: Option<DateTimeUtc>,
    pub locale: String,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    /// Bumped when what the account may see or do changes.
    pub access_version: i32,
});

entity!(user_role, "user_roles", {
    pub user_id: i64,
    pub role: String,
    pub school_id: Option<i64>,
});

entity!(
    /// A server-side session; the cookie holds the token, the table its hash.
    session, "sessions", {
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub user_agent: Option<String>,
});

entity!(
    /// A user's account at an outside OpenID Connect provider.
    user_identity, "user_identities", {
    pub user_id: i64,
    pub issuer: String,
    pub subject: String,
    pub created_at: DateTimeUtc,
});

entity!(
    /// A single-use token sent by mail; the table keeps only its hash.
    email_token, "email_tokens", {
    pub user_id: i64,
    pub purpose: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
});

entity!(
    /// A counter of sign-in attempts for one key (`account:<e-mail>`,
    /// `address:<client address>`), shared by every server process.
    sign_in_attempt, "sign_in_attempts", {
    #[sea_orm(unique)]
    pub key: String,
    pub failures: i32,
    pub window_start: DateTimeUtc,
    pub next_allowed_at: Option<DateTimeUtc>,
});

entity!(
    /// A browser an account has signed in from (the hash of its cookie).
    known_device, "known_devices", {
    pub user_id: i64,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: DateTimeUtc,
});

entity!(
    /// A sign-in through the OpenID Connect provider in progress: its
    /// `state` (hashed), the browser that started it (its cookie, hashed),
    /// the PKCE verifier and the nonce.
    oidc_login, "oidc_logins", {
    #[sea_orm(unique)]
    pub state_hash: String,
    pub browser_hash: String,
    pub verifier: String,
    pub nonce: String,
    pub created_at: DateTimeUtc,
});

//! Sign-in through an OpenID Connect provider: Госуслуги (ЕСИА) in
//! St. Petersburg, or any standard provider configured in Leptos.toml.
//!
//! Authorization code flow with PKCE, a random `state` and a `nonce`
//! checked in the ID token. The sign-in in progress is kept in the database
//! for ten minutes (any server process may receive the provider's answer),
//! bound to the browser that started it by a cookie, and used once: a
//! callback link opened in another browser signs nobody in.
//!
//! The first sign-in creates a parent account, or links to an existing
//! account with the same e-mail only when the provider says that e-mail is
//! verified and the account is a confirmed parent's: a member of staff's or
//! a student's account is never linked by e-mail.

use chrono::Utc;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::time::Duration;

use super::accounts::create_parent;
use super::audit::{self, AuditEntry};
use super::auth::{new_token, open_session, token_hash};
use super::entities::{oidc_login, user, user_identity, user_role};
use super::{AppState, ServiceError};
use crate::domain::names::FullName;
use crate::domain::roles::{parent_only, Role};
use crate::domain::validate;
use crate::i18n::{accounts, current_lang};

#[derive(Clone, Debug)]
pub struct OidcSettings {
    /// The name on the button: «Войти через …».
    pub display_name: String,
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_url: String,
}

pub struct Oidc {
    pub settings: OidcSettings,
    http: openidconnect::reqwest::Client,
    metadata: tokio::sync::OnceCell<CoreProviderMetadata>,
}

/// How long a sign-in through the provider may take.
pub const PENDING: chrono::Duration = chrono::Duration::minutes(10);

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Oidc")
            .field("issuer", &self.settings.issuer_url)
            .field("client_id", &self.settings.client_id)
            .finish()
    }
}

fn provider_error(context: &str, e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("oidc {context}: {e}"))
}

/// A name claim in its default language, or empty.
fn claim_text<T: std::ops::Deref<Target = String>>(
    c: Option<&openidconnect::LocalizedClaim<T>>,
) -> String {
    c.and_then(|c| c.get(None))
        .map(|v| v.as_str().to_string())
        .unwrap_or_default()
}

impl Oidc {
    pub fn new(settings: OidcSettings) -> Result<Oidc, ServiceError> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Following redirects would open the client to SSRF.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| provider_error("http client", e))?;
        Ok(Oidc {
            settings,
            http,
            metadata: tokio::sync::OnceCell::new(),
        })
    }

    /// The provider's discovery document, read on first use.
    async fn metadata(&self) -> Result<&CoreProviderMetadata, ServiceError> {
        self.metadata
            .get_or_try_init(|| async {
                let issuer = IssuerUrl::new(self.settings.issuer_url.clone())
                    .map_err(|e| provider_error("issuer", e))?;
                CoreProviderMetadata::discover_async(issuer, &self.http)
                    .await
                    .map_err(|e| provider_error("discovery", e))
            })
            .await
    }

    async fn client(
        &self,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        ServiceError,
    > {
        let md = self.metadata().await?.clone();
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone())
            .map_err(|e| provider_error("redirect", e))?;
        let secret = (!self.settings.client_secret.is_empty())
            .then(|| ClientSecret::new(self.settings.client_secret.clone()));
        Ok(CoreClient::from_provider_metadata(
            md,
            ClientId::new(self.settings.client_id.clone()),
            secret,
        )
        .set_redirect_uri(redirect))
    }

    /// Where to send the browser to sign in, and the token the browser keeps
    /// in a cookie until it comes back.
    pub async fn start(&self, st: &AppState) -> Result<(String, String), ServiceError> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let browser = new_token();
        let now = Utc::now();
        oidc_login::Entity::delete_many()
            .filter(oidc_login::Column::CreatedAt.lt(now - PENDING))
            .exec(&st.db)
            .await?;
        oidc_login::ActiveModel {
            state_hash: Set(token_hash(state.secret())),
            browser_hash: Set(token_hash(&browser)),
            verifier: Set(verifier.secret().clone()),
            nonce: Set(nonce.secret().clone()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&st.db)
        .await?;
        Ok((url.to_string(), browser))
    }

    /// The sign-in in progress that `state` names, if this browser started
    /// it less than [`PENDING`] ago: taken (it cannot be used twice).
    async fn take_pending(
        &self,
        st: &AppState,
        state: &str,
        browser: Option<&str>,
    ) -> Result<(String, String), ServiceError> {
        let t = accounts::texts(current_lang());
        let expired = || ServiceError::field("state", t.sign_in_expired);
        let pending = oidc_login::Entity::find()
            .filter(oidc_login::Column::StateHash.eq(token_hash(state)))
            .one(&st.db)
            .await?
            .ok_or_else(expired)?;
        if browser.map(token_hash).as_deref() != Some(pending.browser_hash.as_str()) {
            tracing::warn!("refused: a provider's answer opened in another browser than the one that started the sign-in");
            return Err(expired());
        }
        let taken = oidc_login::Entity::delete_many()
            .filter(oidc_login::Column::Id.eq(pending.id))
            .exec(&st.db)
            .await?;
        if taken.rows_affected != 1 || pending.created_at < Utc::now() - PENDING {
            return Err(expired());
        }
        Ok((pending.verifier, pending.nonce))
    }

    /// Completes the sign-in the provider sent back; returns a session token.
    pub async fn finish(
        &self,
        st: &AppState,
        code: &str,
        state: &str,
        browser: Option<&str>,
        user_agent: Option<String>,
    ) -> Result<String, ServiceError> {
        let t = accounts::texts(current_lang());
        let (verifier, nonce) = self.take_pending(st, state, browser).await?;
        let client = self.client().await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| provider_error("token endpoint", e))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| provider_error("code exchange", e))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| provider_error("token", "no ID token"))?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(nonce))
            .map_err(|e| provider_error("ID token", e))?;
        let issuer = claims.issuer().to_string();
        let subject = claims.subject().to_string();
        let email = claims
            .email()
            .map(|e| e.to_string())
            .ok_or_else(|| ServiceError::field("email", t.provider_no_email))?;
        let email = validate::email(&email).map_err(|m| ServiceError::field("email", m))?;
        let verified = claims.email_verified() == Some(true);
        let last = claim_text(claims.family_name());
        let first = claim_text(claims.given_name());
        let middle = claim_text(claims.middle_name());

        let user_id = self
            .find_or_create(
                st,
                &issuer,
                &subject,
                &email,
                verified,
                [&last, &first, &middle],
            )
            .await?;
        open_session(st, user_id, user_agent).await
    }

    async fn find_or_create(
        &self,
        st: &AppState,
        issuer: &str,
        subject: &str,
        email: &str,
        verified: bool,
        name: [&str; 3],
    ) -> Result<i64, ServiceError> {
        if let Some(link) = user_identity::Entity::find()
            .filter(user_identity::Column::Issuer.eq(issuer))
            .filter(user_identity::Column::Subject.eq(subject))
            .one(&st.db)
            .await?
        {
            return Ok(link.user_id);
        }
        let now = Utc::now();
        let existing = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(&st.db)
            .await?;
        let t = accounts::texts(current_lang());
        if let Some(u) = &existing {
            if !verified {
                return Err(ServiceError::field("email", t.provider_email_unverified));
            }
            let roles: Vec<Role> = user_role::Entity::find()
                .filter(user_role::Column::UserId.eq(u.id))
                .all(&st.db)
                .await?
                .iter()
                .filter_map(|r| Role::parse(&r.role))
                .collect();
            if u.email_verified_at.is_none() || u.disabled || !parent_only(roles) {
                tracing::warn!(user = u.id, "refused: linking a provider's sign-in to an account that is not a confirmed parent's");
                return Err(ServiceError::field("email", t.provider_link_refused));
            }
        }
        let txn = st.db.begin().await?;
        let user_id = match existing {
            Some(u) => u.id,
            None => {
                let full = FullName::new(name[0], name[1], name[2]).ok();
                create_parent(&txn, email, None, full.as_ref(), verified)
                    .await?
                    .0
            }
        };
        user_identity::ActiveModel {
            user_id: Set(user_id),
            issuer: Set(issuer.to_string()),
            subject: Set(subject.to_string()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            AuditEntry {
                actor_user_id: Some(user_id),
                school_id: None,
                action: "link_identity",
                entity: "user",
                entity_id: Some(user_id),
                old_value: None,
                new_value: Some(serde_json::json!({ "issuer": issuer })),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(user_id)
    }
}

//! Passwords: argon2id hashes, checked and made in a bounded pool.
//!
//! Each check or hash takes about 19 MiB and tens of milliseconds of one
//! core. Unbounded, a flood of sign-ins grew the server past 3 GB; here at
//! most `auth.password_checks` run at once, at most [`QUEUE_PER_TURN`]
//! times as many wait for a turn (up to [`TURN_WAIT`]), and any request
//! beyond those is answered 503 at once: memory stays bounded, a morning's
//! rush of parents is served in turn, and every other page keeps answering.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

use crate::server::{AppState, ServiceError};

/// How long a request waits for a turn in the pool before it is refused.
pub const TURN_WAIT: Duration = Duration::from_secs(5);
/// How many requests may wait, per turn, before more are refused at once.
pub const QUEUE_PER_TURN: usize = 16;

/// The pool's turns: how many password checks run at once, and how many
/// requests wait for one.
#[derive(Clone, Debug)]
pub struct PasswordChecks {
    turns: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    queue: usize,
}

/// One place in the queue, given back when dropped.
struct InQueue(Arc<AtomicUsize>);

impl Drop for InQueue {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl PasswordChecks {
    pub fn new(at_once: usize) -> PasswordChecks {
        let at_once = at_once.max(1);
        PasswordChecks {
            turns: Arc::new(Semaphore::new(at_once)),
            waiting: Default::default(),
            queue: at_once * QUEUE_PER_TURN,
        }
    }

    /// Runs `work` on a blocking thread once a turn is free; `Busy` when
    /// the queue is full or no turn frees up in time.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ServiceError> {
        let busy = || {
            tracing::warn!("password checks busy: request refused");
            ServiceError::Busy
        };
        let place = InQueue(self.waiting.clone());
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
            return Err(busy());
        }
        let turn = tokio::time::timeout(TURN_WAIT, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| busy())?
            .map_err(|e| ServiceError::Internal(format!("password pool: {e}")))?;
        drop(place);
        tokio::task::spawn_blocking(move || {
            let out = work();
            drop(turn);
            out
        })
        .await
        .map_err(|e| ServiceError::Internal(format!("password task: {e}")))
    }
}

impl Default for PasswordChecks {
    /// One turn per core.
    fn default() -> Self {
        PasswordChecks::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }
}

/// Hashes a password with argon2id and a fresh salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("argon2: {e}")))
}

/// [`hash_password`] in the pool.
pub async fn hash_password_off_thread(
    st: &AppState,
    password: &str,
) -> Result<String, ServiceError> {
    let pw = password.to_string();
    st.password_checks.run(move || hash_password(&pw)).await?
}

fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checks a password against a stored hash in the pool; without one (no
/// such account, no password set) it checks against a made-up hash, so a
/// wrong e-mail takes as long as a wrong password, and answers `false`.
pub(super) async fn check(
    st: &AppState,
    password: &str,
    phc: Option<String>,
) -> Result<bool, ServiceError> {
    let pw = password.to_string();
    let real = phc.is_some();
    let phc = phc.unwrap_or_else(|| dummy_hash().to_string());
    let ok = st
        .password_checks
        .run(move || verify_password(&pw, &phc))
        .await?;
    Ok(ok && real)
}

/// A hash to check against when the account does not exist.
fn dummy_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password("not a real password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hashes_are_argon2id_and_verify_only_the_right_password() {
        let h = hash_password("дневник2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("дневник2026", &h));
        assert!(!verify_password("дневник2027", &h));
        assert!(!verify_password("дневник2026", "not a hash"));
    }

    #[tokio::test]
    async fn a_request_waits_its_turn_until_the_queue_is_full() {
        let pool = PasswordChecks::new(1);
        let held = pool.turns.clone().acquire_owned().await.unwrap();
        // Sixteen wait their turn; the seventeenth is refused at once.
        let waiting: Vec<_> = (0..QUEUE_PER_TURN)
            .map(|i| {
                let pool = pool.clone();
                tokio::spawn(async move { pool.run(move || i).await })
            })
            .collect();
        tokio::task::yield_now().await;
        while pool.waiting.load(Ordering::SeqCst) < QUEUE_PER_TURN {
            tokio::task::yield_now().await;
        }
        assert!(matches!(pool.run(|| 99).await, Err(ServiceError::Busy)));
        drop(held);
        for (i, w) in waiting.into_iter().enumerate() {
            assert_eq!(w.await.unwrap().unwrap(), i);
        }
        assert_eq!(pool.waiting.load(Ordering::SeqCst), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_turn_that_does_not_come_in_time_is_refused() {
        let pool = PasswordChecks::new(1);
        let _held = pool.turns.clone().acquire_owned().await.unwrap();
        assert!(matches!(pool.run(|| 1).await, Err(ServiceError::Busy)));
        assert_eq!(pool.waiting.load(Ordering::SeqCst), 0);
    }
}

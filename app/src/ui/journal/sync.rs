//! The save queue as a plain state machine: which edits wait, which are on
//! their way, when to send next, and what a batch's answer means. It owns
//! no signals and no timers; it returns what to do (`Effect`s, pauses), and
//! the driver in `sender` carries that out with real timers and requests.
//!
//! The rules:
//! - an edited target waits once in the queue, however often it is edited;
//! - an edit that finds no send planned plans one 300 ms later (later
//!   edits ride along and do not postpone it);
//! - one batch at a time is on its way, of at most 200 edits;
//! - an answer: each edit's outcome is taken, those typed again meanwhile
//!   are queued again (and go out on the versions just returned), and
//!   the rest of the queue follows 50 ms later;
//! - a failure worth retrying (network, server, a passing conflict of the
//!   whole request) puts the batch back at the front and waits 1, 2, 4 …
//!   32 s, staying at 32 s; an expired session waits 10 s; anything else
//!   refuses the whole batch and shows the stored values;
//! - leaving the page hands the queue over to be sent on its own.

use std::time::Duration;

use super::state::Target;
use crate::error::AppError;

/// The most edits one request carries.
pub(super) const BATCH_LIMIT: usize = 200;
/// How long an edit waits before the queue is sent.
pub(super) const SEND_DELAY: Duration = Duration::from_millis(300);
/// How soon the rest of the queue follows an answer.
pub(super) const NEXT_DELAY: Duration = Duration::from_millis(50);
/// How long to wait before sending again after the session expired.
pub(super) const SIGNED_OUT_DELAY: Duration = Duration::from_millis(10_000);
/// The pause after a failure doubles this many times at most (1 s → 32 s).
const MAX_DOUBLINGS: u32 = 5;

/// Failures worth sending again: the network, the server, a passing
/// conflict of the whole request, an expired session.
pub(super) fn retryable(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Network | AppError::Internal | AppError::Conflict(_) | AppError::Unauthorized
    )
}

/// The pause before sending again after `attempt` failures in a row (1, 2,
/// 4 … 32 s), and the attempt count to keep.
pub(super) fn backoff(attempt: u32) -> (Duration, u32) {
    let n = attempt.min(MAX_DOUBLINGS);
    (Duration::from_millis(1000 << n), n + 1)
}

/// A batch sent on its own (its grid has left the page) failed after
/// `attempt` failures: the pause before sending it again and the attempt
/// count then, or `None` when it is not worth sending again.
pub(super) fn retry_detached(e: &AppError, attempt: u32) -> Option<(Duration, u32)> {
    retryable(e).then(|| backoff(attempt))
}

/// What came of the batch on its way.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Answer {
    /// The server answered each edit, and the outcomes were taken; these
    /// targets had been edited again while the batch was on its way.
    Taken { again: Vec<Target> },
    /// The request as a whole failed.
    Failed(AppError),
}

/// What the driver must do after an answer.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Effect {
    /// Wake the queue (`SaveQueue::wake`) after this pause.
    Wake(Duration),
    /// Show the target as failed: it waits to be sent again.
    Failed(Target),
    /// The server refused the whole batch: show the target's stored value,
    /// with this reason.
    Refused(Target, String),
    /// Show this message above the grid.
    Message(String),
}

/// The grid's save queue.
#[derive(Debug, Default)]
pub(super) struct SaveQueue {
    /// Edited targets, oldest first, each once.
    queue: Vec<Target>,
    /// The batch on its way, if any.
    in_flight: Vec<Target>,
    /// A wake-up is planned (its timer runs).
    planned: bool,
    /// Failed batches in a row.
    attempt: u32,
    /// The last batch failed and waits to be sent again.
    retrying: bool,
}

impl SaveQueue {
    /// Edits not yet confirmed by the server: queued or on their way.
    pub(super) fn unsaved(&self) -> usize {
        self.queue.len() + self.in_flight.len()
    }

    pub(super) fn retrying(&self) -> bool {
        self.retrying
    }

    /// A batch is on its way.
    pub(super) fn busy(&self) -> bool {
        !self.in_flight.is_empty()
    }

    /// `t` was edited: it waits to be sent. Returns the pause after which
    /// to wake the queue, when no wake-up was planned yet.
    pub(super) fn enqueue(&mut self, t: Target) -> Option<Duration> {
        if !self.queue.contains(&t) {
            self.queue.push(t);
        }
        self.plan(SEND_DELAY)
    }

    /// Plans a wake-up after `pause`, unless one is planned already.
    fn plan(&mut self, pause: Duration) -> Option<Duration> {
        if self.planned {
            return None;
        }
        self.planned = true;
        Some(pause)
    }

    /// The planned wake-up has come: the batch to send now, if any.
    pub(super) fn wake(&mut self) -> Option<Vec<Target>> {
        self.planned = false;
        self.next_batch()
    }

    /// Takes the next batch off the queue, unless one is on its way already.
    fn next_batch(&mut self) -> Option<Vec<Target>> {
        if self.busy() {
            return None;
        }
        let n = self.queue.len().min(BATCH_LIMIT);
        if n == 0 {
            return None;
        }
        let batch: Vec<Target> = self.queue.drain(..n).collect();
        self.in_flight = batch.clone();
        Some(batch)
    }

    /// The batch on its way is back.
    pub(super) fn on_answer(&mut self, answer: Answer) -> Vec<Effect> {
        let batch = std::mem::take(&mut self.in_flight);
        let mut effects = Vec::new();
        match answer {
            Answer::Taken { again } => {
                self.attempt = 0;
                self.retrying = false;
                for t in again {
                    // Typed again while this was on its way: send the new value.
                    effects.extend(self.enqueue(t).map(Effect::Wake));
                }
            }
            Answer::Failed(AppError::Unauthorized) => {
                // Signed out elsewhere: keep the edits for after sign-in.
                effects.extend(batch.iter().map(|t| Effect::Failed(*t)));
                self.queue.extend(batch);
                effects.push(Effect::Message(AppError::Unauthorized.to_string()));
                self.retrying = true;
                effects.extend(self.plan(SIGNED_OUT_DELAY).map(Effect::Wake));
                return effects;
            }
            Answer::Failed(e) if retryable(&e) => {
                // Keep everything: mark it failed and send it again later.
                effects.extend(batch.iter().map(|t| Effect::Failed(*t)));
                for t in batch.into_iter().rev() {
                    if !self.queue.contains(&t) {
                        self.queue.insert(0, t);
                    }
                }
                self.retrying = true;
                let (pause, attempt) = backoff(self.attempt);
                self.attempt = attempt;
                effects.push(Effect::Message(e.to_string()));
                effects.extend(self.plan(pause).map(Effect::Wake));
                return effects;
            }
            Answer::Failed(e) => {
                // Refused as a whole (no rights, invalid): show the stored values.
                let msg = e.to_string();
                effects.extend(batch.into_iter().map(|t| Effect::Refused(t, msg.clone())));
            }
        }
        if !self.queue.is_empty() {
            effects.extend(self.plan(NEXT_DELAY).map(Effect::Wake));
        }
        effects
    }

    /// The grid is leaving the page: what still waits, to be sent on its
    /// own. Nothing stays behind. (The batch on its way, if any, is sent
    /// again by its own request when it fails.)
    pub(super) fn hand_over(&mut self) -> Vec<Target> {
        std::mem::take(&mut self.queue)
    }
}

#[cfg(test)]
mod tests;

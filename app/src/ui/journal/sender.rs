//! The save queue's driver: carries out what `sync::SaveQueue` decides,
//! with real timers and `save_journal` requests, and shows its progress.

use leptos::prelude::*;
use std::time::Duration;

use super::reconcile::Snapshot;
use super::state::{Grid, Status, Target};
use super::sync::{retry_detached, retryable, Answer, Effect};
use crate::api::journal::save_journal;
use crate::domain::ids::SectionId;
use crate::model::journal::{EditOutcome, JournalEdit};

impl Grid {
    /// `t` was edited: it goes to the server in the background.
    pub(super) fn enqueue(&self, t: Target) {
        let wake = self.sync.try_update_value(|q| q.enqueue(t)).flatten();
        self.show_progress();
        if let Some(pause) = wake {
            self.wake_after(pause);
        }
    }

    /// Copies the queue's counts into the signals the page shows.
    fn show_progress(&self) {
        let Some((unsaved, retrying)) = self.sync.try_with_value(|q| (q.unsaved(), q.retrying()))
        else {
            return;
        };
        self.unsaved.set(unsaved);
        if self.retrying.get_untracked() != retrying {
            self.retrying.set(retrying);
        }
    }

    fn wake_after(&self, pause: Duration) {
        let g = *self;
        set_timeout(
            move || {
                if g.alive() {
                    g.flush();
                }
            },
            pause,
        );
    }

    /// Sends what is queued, if nothing is on its way already.
    fn flush(&self) {
        let Some(batch) = self.sync.try_update_value(|q| q.wake()).flatten() else {
            return;
        };
        let mut edits = Vec::with_capacity(batch.len());
        let mut sent = Vec::with_capacity(batch.len());
        for t in &batch {
            let (edit, snapshot) = self.edit_for(*t);
            edits.push(edit);
            sent.push(snapshot);
        }
        self.show_progress();
        let g = *self;
        let payload = edits.clone();
        leptos::task::spawn_local(async move {
            let result = save_journal(g.section_id, edits).await;
            if !g.alive() {
                // The page was left while this was on its way.
                if matches!(result, Err(ref e) if retryable(e)) {
                    send_detached(g.section_id, payload, 0);
                }
                return;
            }
            let answer = match result {
                Ok(outcomes) => {
                    let mut again = Vec::new();
                    for ((t, snap), outcome) in batch.into_iter().zip(sent).zip(outcomes) {
                        if g.apply(t, snap, outcome) {
                            again.push(t);
                        }
                    }
                    Answer::Taken { again }
                }
                Err(e) => Answer::Failed(e),
            };
            let effects = g
                .sync
                .try_update_value(|q| q.on_answer(answer))
                .unwrap_or_default();
            for effect in effects {
                match effect {
                    Effect::Wake(pause) => g.wake_after(pause),
                    Effect::Failed(t) => g.set_status(t, Status::Failed, None),
                    Effect::Refused(t, msg) => {
                        g.apply(t, Snapshot::None, EditOutcome::Refused(msg));
                    }
                    Effect::Message(msg) => g.message.set(Some(msg)),
                }
            }
            g.show_progress();
        });
    }

    /// The grid is leaving the page: what is still queued is sent on its own,
    /// and retried until it lands.
    pub(super) fn hand_over(&self) {
        let rest = self
            .sync
            .try_update_value(|q| q.hand_over())
            .unwrap_or_default();
        if !rest.is_empty() {
            let edits = rest.into_iter().map(|t| self.edit_for(t).0).collect();
            send_detached(self.section_id, edits, 0);
        }
    }
}

/// Sends edits whose grid has left the page, retrying with growing pauses.
fn send_detached(section_id: SectionId, edits: Vec<JournalEdit>, attempt: u32) {
    leptos::task::spawn_local(async move {
        if let Err(e) = save_journal(section_id, edits.clone()).await {
            if let Some((pause, next)) = retry_detached(&e, attempt) {
                set_timeout(move || send_detached(section_id, edits, next), pause);
            }
        }
    });
}

//! The save queue's rules, on a fake clock.

use super::*;

/// The queue with a fake clock: the wake-ups it asks for run in time order.
#[derive(Default)]
struct Timed {
    q: SaveQueue,
    /// Milliseconds since the start.
    now: u64,
    /// When the planned wake-ups are due.
    timers: Vec<u64>,
}

impl Timed {
    fn plan(&mut self, pause: Option<Duration>) {
        if let Some(p) = pause {
            self.timers.push(self.now + p.as_millis() as u64);
        }
    }

    fn edit(&mut self, t: Target) {
        let pause = self.q.enqueue(t);
        self.plan(pause);
    }

    fn answer(&mut self, answer: Answer) -> Vec<Effect> {
        let effects = self.q.on_answer(answer);
        for e in &effects {
            if let Effect::Wake(p) = e {
                self.plan(Some(*p));
            }
        }
        effects
    }

    /// Lets the time run to `ms`: the batches sent meanwhile, with when.
    fn until(&mut self, ms: u64) -> Vec<(u64, Vec<Target>)> {
        let mut sent = Vec::new();
        loop {
            self.timers.sort_unstable();
            match self.timers.first() {
                Some(&due) if due <= ms => {
                    self.timers.remove(0);
                    self.now = due;
                    if let Some(batch) = self.q.wake() {
                        sent.push((due, batch));
                    }
                }
                _ => break,
            }
        }
        self.now = ms;
        sent
    }
}

fn cells(n: usize) -> Vec<Target> {
    (0..n).map(|i| Target::Cell(i / 10, i % 10)).collect()
}

fn taken() -> Answer {
    Answer::Taken { again: Vec::new() }
}

const A: Target = Target::Cell(0, 0);
const B: Target = Target::Final(1);
const C: Target = Target::Lesson(2);

#[test]
fn edits_go_out_together_300ms_after_the_first() {
    let mut t = Timed::default();
    t.edit(A);
    t.now = 100;
    t.edit(B);
    t.now = 250;
    // Later edits ride along: they do not postpone the send.
    t.edit(A);
    assert!(t.until(299).is_empty());
    assert_eq!(t.q.unsaved(), 2, "an edited target waits once");
    assert_eq!(t.until(1000), vec![(300, vec![A, B])]);
    assert_eq!(t.q.unsaved(), 2, "on its way is not saved yet");
    t.answer(taken());
    assert_eq!(t.q.unsaved(), 0);
    assert!(t.until(5000).is_empty());
}

#[test]
fn a_batch_holds_at_most_200_edits_and_the_rest_follows_50ms_after_the_answer() {
    let mut t = Timed::default();
    for c in cells(450) {
        t.edit(c);
    }
    let sent = t.until(300);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1, cells(200));
    t.now = 400;
    assert_eq!(t.answer(taken()), vec![Effect::Wake(NEXT_DELAY)]);
    let sent = t.until(1000);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0], (450, cells(400)[200..].to_vec()));
    assert_eq!(t.q.unsaved(), 250);
    t.answer(taken());
    let sent = t.until(2000);
    assert_eq!(sent[0].1, cells(450)[400..].to_vec());
    t.answer(taken());
    assert_eq!(t.q.unsaved(), 0);
}

#[test]
fn one_batch_at_a_time_is_on_its_way() {
    let mut t = Timed::default();
    t.edit(A);
    assert_eq!(t.until(300), vec![(300, vec![A])]);
    t.edit(B);
    // Its wake-up comes while A is on its way: B waits for the answer.
    assert!(t.until(900).is_empty());
    assert!(t.q.busy());
    assert_eq!(t.answer(taken()), vec![Effect::Wake(NEXT_DELAY)]);
    assert_eq!(t.until(2000), vec![(950, vec![B])]);
}

#[test]
fn failed_batches_wait_1_2_4_and_up_to_32_seconds_and_are_never_dropped() {
    let mut t = Timed::default();
    t.edit(A);
    t.edit(B);
    t.until(300);
    let mut pauses = Vec::new();
    for _ in 0..8 {
        let answered = t.now;
        let effects = t.answer(Answer::Failed(AppError::Network));
        assert!(effects.contains(&Effect::Failed(A)) && effects.contains(&Effect::Failed(B)));
        assert!(effects.contains(&Effect::Message(AppError::Network.to_string())));
        assert!(t.q.retrying());
        assert_eq!(t.q.unsaved(), 2);
        let sent = t.until(t.now + 60_000);
        assert_eq!(sent[0].1, vec![A, B], "sent again, in the same order");
        pauses.push((sent[0].0 - answered) / 1000);
        t.now = sent[0].0 + 200;
    }
    assert_eq!(pauses, [1, 2, 4, 8, 16, 32, 32, 32]);
    // An answer starts the count again.
    t.answer(taken());
    assert!(!t.q.retrying());
    t.edit(C);
    let at = t.until(t.now + 300)[0].0;
    t.answer(Answer::Failed(AppError::Internal));
    assert_eq!(t.until(t.now + 60_000)[0].0 - at, 1000);
}

#[test]
fn the_back_off_doubles_up_to_its_cap() {
    let pauses: Vec<_> = (0..8).map(|n| backoff(n).0.as_secs()).collect();
    assert_eq!(pauses, [1, 2, 4, 8, 16, 32, 32, 32]);
    assert_eq!(backoff(0).1, 1);
    assert_eq!(backoff(40), (Duration::from_secs(32), 6));
}

#[test]
fn a_failed_batch_goes_back_before_what_was_edited_meanwhile() {
    let mut t = Timed::default();
    t.edit(A);
    t.edit(B);
    t.until(300);
    // Edited while on its way: C is new, A is queued again.
    t.edit(C);
    t.edit(A);
    t.answer(Answer::Failed(AppError::Network));
    // A keeps its later place, once.
    assert_eq!(t.until(60_000)[0].1, vec![B, C, A]);
}

#[test]
fn edits_made_while_waiting_to_retry_go_with_the_retry() {
    let mut t = Timed::default();
    t.edit(A);
    t.until(300);
    t.answer(Answer::Failed(AppError::Network));
    t.now = 500;
    t.edit(B);
    assert!(t.until(1299).is_empty());
    assert_eq!(t.until(1300), vec![(1300, vec![A, B])]);
}

#[test]
fn a_passing_conflict_of_the_whole_request_is_retried() {
    let mut t = Timed::default();
    t.edit(A);
    t.until(300);
    let effects = t.answer(Answer::Failed(AppError::Conflict("busy".into())));
    assert_eq!(
        effects,
        vec![
            Effect::Failed(A),
            Effect::Message("busy".into()),
            Effect::Wake(Duration::from_secs(1)),
        ]
    );
    assert_eq!(t.until(1300), vec![(1300, vec![A])]);
}

#[test]
fn an_expired_session_keeps_the_edits_and_tries_again_in_10_seconds() {
    let mut t = Timed::default();
    t.edit(A);
    t.until(300);
    let effects = t.answer(Answer::Failed(AppError::Unauthorized));
    assert_eq!(
        effects,
        vec![
            Effect::Failed(A),
            Effect::Message(AppError::Unauthorized.to_string()),
            Effect::Wake(SIGNED_OUT_DELAY),
        ]
    );
    assert!(t.q.retrying());
    assert!(t.until(10_299).is_empty());
    assert_eq!(t.until(10_300), vec![(10_300, vec![A])]);
    // It does not count as a failure in a row: the next pause is 1 s.
    t.answer(Answer::Failed(AppError::Network));
    assert_eq!(t.until(20_000)[0].0, 11_300);
}

#[test]
fn a_refused_batch_shows_the_stored_values_and_is_not_sent_again() {
    let mut t = Timed::default();
    t.edit(A);
    t.edit(B);
    t.until(300);
    let msg = AppError::Forbidden.to_string();
    let effects = t.answer(Answer::Failed(AppError::Forbidden));
    assert_eq!(
        effects,
        vec![Effect::Refused(A, msg.clone()), Effect::Refused(B, msg)]
    );
    assert_eq!(t.q.unsaved(), 0);
    assert!(t.until(60_000).is_empty());
}

#[test]
fn a_target_typed_again_while_on_its_way_goes_out_after_the_answer() {
    let mut t = Timed::default();
    t.edit(A);
    t.until(300);
    t.now = 350;
    t.edit(A);
    t.until(700); // its wake-up finds A on its way
    t.now = 800;
    assert_eq!(
        t.answer(Answer::Taken { again: vec![A] }),
        vec![Effect::Wake(SEND_DELAY)]
    );
    assert_eq!(t.until(5000), vec![(1100, vec![A])]);
}

#[test]
fn hand_over_leaves_nothing_behind() {
    let mut t = Timed::default();
    t.edit(A);
    t.until(300);
    t.edit(B);
    t.edit(C);
    assert_eq!(t.q.hand_over(), vec![B, C]);
    assert_eq!(
        t.q.unsaved(),
        1,
        "only the batch on its way, which sends itself again"
    );
    t.answer(taken());
    assert_eq!(t.q.unsaved(), 0);
    assert!(t.until(60_000).is_empty());
    assert!(t.q.hand_over().is_empty());
}

#[test]
fn handed_over_edits_are_retried_when_worth_it() {
    assert_eq!(
        retry_detached(&AppError::Network, 0),
        Some((Duration::from_secs(1), 1))
    );
    assert_eq!(
        retry_detached(&AppError::Unauthorized, 3),
        Some((Duration::from_secs(8), 4))
    );
    assert_eq!(
        retry_detached(&AppError::Internal, 9),
        Some((Duration::from_secs(32), 6))
    );
    assert_eq!(retry_detached(&AppError::Forbidden, 0), None);
    assert_eq!(retry_detached(&AppError::NotFound, 0), None);
}

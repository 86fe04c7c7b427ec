//! Wire types of messages: what its server functions carry, used by
//! the services (`server::messages`) and the pages alike. The rule for
//! what a message may hold is in `domain::messages`.

use crate::domain::ids::{MessageId, PersonId, ThreadId, UserId};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: ThreadId,
    pub subject: String,
    pub student_name: Option<String>,
    /// The other participants' names.
    pub with: String,
    pub last_message_at: NaiveDateTime,
    pub preview: String,
    pub unread: u32,
}

/// A teacher a parent may write to about a child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub teacher_user_id: UserId,
    pub teacher_name: String,
    pub subjects: Vec<String>,
    pub student_id: PersonId,
    pub student_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub user: crate::model::accounts::SessionUser,
    pub threads: Vec<ThreadSummary>,
    pub recipients: Vec<Recipient>,
    pub unread_total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: MessageId,
    pub author: String,
    pub mine: bool,
    pub body: String,
    pub at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub user: crate::model::accounts::SessionUser,
    pub id: ThreadId,
    pub subject: String,
    pub student_name: Option<String>,
    pub participants: Vec<String>,
    pub messages: Vec<MessageView>,
}

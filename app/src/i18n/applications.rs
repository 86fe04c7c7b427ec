//! The access applications' words, in Russian and English: the names of
//! their statuses, of the reasons for a rejection and of who the applicant
//! is to the child (both the pages and the server read them), what the
//! server refuses a filing or a decision with, and the mails to the parent.

use super::Lang;
use crate::domain::applications::{RejectReason, Relation, Status};

/// The applications' strings, per language.
pub struct ApplicationTexts {
    /// [`Status::ALL`]'s names, in its order.
    statuses: [&'static str; 5],
    /// [`RejectReason::ALL`]'s names, in its order.
    reasons: [&'static str; 4],
    /// [`Relation::ALL`]'s names, in its order.
    relations: [&'static str; 4],
    /// Before a name's problem: «Родитель: фамилия: не заполнено».
    pub parent: &'static str,
    pub child: &'static str,
    pub choose_school: &'static str,
    pub choose_class: &'static str,
    pub choose_relation: &'static str,
    pub already_filed: &'static str,
    pub changed_meanwhile: &'static str,
    pub passport_not_seen: &'static str,
    pub parent_name_unchecked: &'static str,
    pub child_name_unchecked: &'static str,
    /// Approval without the child in the school's roster.
    pub not_in_roster: &'static str,
    /// (the status's name).
    transition_refused: fn(&str) -> String,
    /// A queue filter that names no status.
    pub no_such_status: &'static str,
    pub choose_reason: &'static str,
    /// «Другая причина» without a comment.
    pub describe_reason: &'static str,
    pub comment_too_long: &'static str,
    pub approved_subject: &'static str,
    /// (application number, the child's name, class, the site's address).
    approved_body: fn(i64, &str, &str, &str) -> String,
    pub rejected_subject: &'static str,
    /// (application number, the child's name, reason, the school's comment).
    rejected_body: fn(i64, &str, &str, Option<&str>) -> String,
}

const RU: ApplicationTexts = ApplicationTexts {
    statuses: [
        "подано",
        "ожидает подписи в школе",
        "одобрено",
        "отклонено",
        "отозвано",
    ],
    reasons: [
        "ФИО родителя не совпадает с паспортом",
        "ФИО ребёнка не совпадает с паспортом или данными школы",
        "ребёнок не найден в контингенте школы",
        "другая причина",
    ],
    relations: ["мать", "отец", "опекун", "иной законный представитель"],
    parent: "Родитель",
    child: "Ребёнок",
    choose_school: "выберите школу из списка",
    choose_class: "выберите класс этой школы",
    choose_relation: "укажите, кем вы приходитесь ребёнку",
    already_filed: "заявление на этого ребёнка уже подано и ещё не рассмотрено",
    changed_meanwhile: "заявление тем временем изменилось (его рассмотрел кто-то другой или родитель отозвал): откройте его снова",
    passport_not_seen: "отметьте, что паспорт родителя предъявлен",
    parent_name_unchecked: "ФИО родителя должно совпадать с паспортом",
    child_name_unchecked: "ФИО ребёнка должно совпадать с документом и контингентом",
    not_in_roster: "Ребёнок не найден в контингенте школы: одобрить нельзя",
    transition_refused: |status| format!("Заявление уже {status}: это действие недоступно"),
    no_such_status: "нет такого статуса",
    choose_reason: "выберите причину отказа",
    describe_reason: "опишите причину отказа",
    comment_too_long: "не более 1000 знаков",
    approved_subject: "Дневник: доступ к дневнику предоставлен",
    approved_body: |id, child, class, url| {
        format!(
            "Здравствуйте!\n\nЗаявление № {id} одобрено. Доступ к электронному дневнику ученика {child} ({class}) \
             предоставлен: ребёнок уже появился в вашем дневнике.\n\nВойти: {url}/login\n"
        )
    },
    rejected_subject: "Дневник: заявление отклонено",
    rejected_body: |id, child, reason, comment| {
        let mut body = format!(
            "Здравствуйте!\n\nЗаявление № {id} на доступ к дневнику ученика {child} отклонено.\n\
             Причина: {reason}.\n"
        );
        if let Some(c) = comment {
            body.push_str(&format!("Комментарий школы: {c}\n"));
        }
        body.push_str("\nИсправьте данные и подайте новое заявление в личном кабинете.\n");
        body
    },
};

const EN: ApplicationTexts = ApplicationTexts {
    statuses: [
        "filed",
        "awaiting signature at school",
        "approved",
        "rejected",
        "withdrawn",
    ],
    reasons: [
        "the parent's name does not match the passport",
        "the child's name does not match the passport or the school's records",
        "the child is not on the school's roll",
        "another reason",
    ],
    relations: ["mother", "father", "guardian", "other legal representative"],
    parent: "Parent",
    child: "Child",
    choose_school: "choose a school from the list",
    choose_class: "choose a class of this school",
    choose_relation: "say who you are to the child",
    already_filed: "an application for this child has been filed already and is not yet decided",
    changed_meanwhile: "the application changed meanwhile (someone else decided it, or the parent withdrew it): open it again",
    passport_not_seen: "confirm that the parent's passport has been shown",
    parent_name_unchecked: "the parent's name must match the passport",
    child_name_unchecked: "the child's name must match the document and the school's roll",
    not_in_roster: "The child is not on the school's roll: the application cannot be approved",
    transition_refused: |status| {
        format!("The application is already {status}: this action is not available")
    },
    no_such_status: "there is no such status",
    choose_reason: "choose the reason for the rejection",
    describe_reason: "describe the reason for the rejection",
    comment_too_long: "at most 1000 characters",
    approved_subject: "Diary: access to the diary granted",
    approved_body: |id, child, class, url| {
        format!(
            "Hello!\n\nApplication No. {id} has been approved. You now have access to the school diary of {child} ({class}): \
             the child is already in your diary.\n\nSign in: {url}/login\n"
        )
    },
    rejected_subject: "Diary: application rejected",
    rejected_body: |id, child, reason, comment| {
        let mut body = format!(
            "Hello!\n\nApplication No. {id} for access to the diary of {child} has been rejected.\n\
             Reason: {reason}.\n"
        );
        if let Some(c) = comment {
            body.push_str(&format!("The school's comment: {c}\n"));
        }
        body.push_str("\nCorrect the details and file a new application in your account.\n");
        body
    },
};

/// The applications' strings in `lang`.
pub fn texts(lang: Lang) -> &'static ApplicationTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// Where `x` stands in `all`.
fn index<T: PartialEq>(all: &[T], x: T) -> usize {
    all.iter().position(|a| *a == x).unwrap_or(0)
}

impl ApplicationTexts {
    /// «ожидает подписи в школе».
    pub fn status(&self, s: Status) -> &'static str {
        self.statuses[index(&Status::ALL, s)]
    }

    /// «ребёнок не найден в контингенте школы».
    pub fn reason(&self, r: RejectReason) -> &'static str {
        self.reasons[index(&RejectReason::ALL, r)]
    }

    /// «опекун».
    pub fn relation(&self, r: Relation) -> &'static str {
        self.relations[index(&Relation::ALL, r)]
    }

    /// «Заявление уже одобрено: это действие недоступно».
    pub fn transition_refused(&self, current: Status) -> String {
        (self.transition_refused)(self.status(current))
    }

    /// The approval mail's text.
    pub fn approved_body(&self, id: i64, child: &str, class: &str, url: &str) -> String {
        (self.approved_body)(id, child, class, url)
    }

    /// The rejection mail's text.
    pub fn rejected_body(
        &self,
        id: i64,
        child: &str,
        reason: RejectReason,
        comment: Option<&str>,
    ) -> String {
        (self.rejected_body)(id, child, self.reason(reason), comment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_reasons_and_relations_are_named_in_both_languages() {
        let (ru, en) = (texts(Lang::Ru), texts(Lang::En));
        assert_eq!(
            ru.status(Status::AwaitingSignature),
            "ожидает подписи в школе"
        );
        assert_eq!(
            en.status(Status::AwaitingSignature),
            "awaiting signature at school"
        );
        assert_eq!(ru.status(Status::Withdrawn), "отозвано");
        assert_eq!(en.status(Status::Withdrawn), "withdrawn");
        assert_eq!(
            ru.reason(RejectReason::NotInRoster),
            "ребёнок не найден в контингенте школы"
        );
        assert_eq!(en.reason(RejectReason::Other), "another reason");
        assert_eq!(ru.relation(Relation::Other), "иной законный представитель");
        assert_eq!(en.relation(Relation::Guardian), "guardian");
    }

    #[test]
    fn refusals_name_the_current_status() {
        assert_eq!(
            texts(Lang::Ru).transition_refused(Status::Approved),
            "Заявление уже одобрено: это действие недоступно"
        );
        assert_eq!(
            texts(Lang::En).transition_refused(Status::Rejected),
            "The application is already rejected: this action is not available"
        );
    }

    #[test]
    fn the_rejection_mail_carries_the_reason_and_the_comment() {
        let ru = texts(Lang::Ru).rejected_body(
            12,
            "Иванова Анна",
            RejectReason::Other,
            Some("Ученик в 5А не числится"),
        );
        assert_eq!(
            ru,
            "Здравствуйте!\n\nЗаявление № 12 на доступ к дневнику ученика Иванова Анна отклонено.\n\
             Причина: другая причина.\nКомментарий школы: Ученик в 5А не числится\n\n\
             Исправьте данные и подайте новое заявление в личном кабинете.\n"
        );
        let en = texts(Lang::En).rejected_body(12, "Anna", RejectReason::NotInRoster, None);
        assert!(en.contains("Reason: the child is not on the school's roll.\n\nCorrect"));
    }
}

//! Reading the test school's rows straight from the database: people,
//! accounts, classes, sections and the audit trail.

use app::server::entities::{audit_log, class, course_section, enrolment, person, subject, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::TestApp;

impl TestApp {
    /// The person with this surname and first name.
    pub async fn person(&self, last: &str, first: &str) -> person::Model {
        person::Entity::find()
            .filter(person::Column::LastName.eq(last))
            .filter(person::Column::FirstName.eq(first))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no person {last} {first}"))
    }

    /// A student of the school who is not one of the demo family's children.
    pub async fn other_child(&self) -> i64 {
        let family = [
            self.person("Кузнецова", "Мария").await.id,
            self.person("Кузнецов", "Иван").await.id,
        ];
        enrolment::Entity::find()
            .all(&self.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.student_id)
            .find(|s| !family.contains(s))
            .expect("a student outside the demo family")
    }

    /// The account with this e-mail address.
    pub async fn user(&self, email: &str) -> user::Model {
        user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no account {email}"))
    }

    /// The class with this name («5А»).
    pub async fn class(&self, name: &str) -> class::Model {
        class::Entity::find()
            .filter(class::Column::Name.eq(name))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no class {name}"))
    }

    /// The audit entries about one row, oldest first.
    pub async fn audit_trail(&self, entity: &str, entity_id: i64) -> Vec<audit_log::Model> {
        audit_log::Entity::find()
            .filter(audit_log::Column::Entity.eq(entity))
            .filter(audit_log::Column::EntityId.eq(entity_id))
            .order_by_asc(audit_log::Column::Id)
            .all(&self.db)
            .await
            .unwrap()
    }

    /// The maths section of a demo class (taught by the demo teacher in
    /// 5А).
    pub async fn maths(&self, class_name: &str) -> course_section::Model {
        let class = self.class(class_name).await;
        let subject = subject::Entity::find()
            .filter(subject::Column::Name.eq("Математика"))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap();
        course_section::Entity::find()
            .filter(course_section::Column::ClassId.eq(class.id))
            .filter(course_section::Column::SubjectId.eq(subject.id))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap()
    }
}

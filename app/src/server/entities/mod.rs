//! sea-orm entities, one module per table, grouped in files by concern and
//! all re-exported here (`entities::lesson`, `entities::school`). The schema
//! itself is defined by the migrations (`server::migration`); these mirror
//! it for queries. Relations are written as explicit joins where they are
//! used.

/// Declares one entity module with the usual sea-orm boilerplate.
macro_rules! entity {
    ($(#[$doc:meta])* $module:ident, $table:tt, { $($fields:tt)* }) => {
        $(#[$doc])*
        pub mod $module {
            use sea_orm::entity::prelude::*;

            #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
            #[sea_orm(table_name = $table)]
            pub struct Model {
                #[sea_orm(primary_key)]
                pub id: i64,
                $($fields)*
            }

            #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
            pub enum Relation {}

            impl ActiveModelBehavior for ActiveModel {}
        }
    };
}

mod access;
mod calendar;
mod classes;
mod journal;
mod messages;
mod people;
mod records;

pub use access::*;
pub use calendar::*;
pub use classes::*;
pub use journal::*;
pub use messages::*;
pub use people::*;
pub use records::*;

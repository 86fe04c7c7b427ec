//! What every migration that creates tables shares: a table with a 64-bit
//! id and named foreign keys, named indexes, and the column kinds used
//! throughout.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// What happens to rows pointing at a deleted row.
#[derive(Clone, Copy)]
pub(super) enum OnDelete {
    Cascade,
    Restrict,
    SetNull,
}

/// A table with a 64-bit auto-increment `id`, the given columns and foreign
/// keys `(column, referenced table, on delete)`; every key references `id`.
pub(super) fn table(
    name: &'static str,
    cols: Vec<ColumnDef>,
    fks: &[(&'static str, &'static str, OnDelete)],
) -> TableCreateStatement {
    let mut t = Table::create();
    t.table(name).if_not_exists().col(big_pk_auto("id"));
    for mut c in cols {
        t.col(&mut c);
    }
    for (col, refs, on_delete) in fks {
        let action = match on_delete {
            OnDelete::Cascade => ForeignKeyAction::Cascade,
            OnDelete::Restrict => ForeignKeyAction::Restrict,
            OnDelete::SetNull => ForeignKeyAction::SetNull,
        };
        t.foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_{col}"))
                .from(name, *col)
                .to(*refs, "id")
                .on_delete(action),
        );
    }
    t.take()
}

pub(super) fn index(
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!(
        "{}_{}_{}",
        if unique { "ux" } else { "ix" },
        table,
        cols.join("_")
    ))
    .table(table)
    .if_not_exists();
    for c in cols {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i.take()
}

pub(super) fn ts(c: &'static str) -> ColumnDef {
    timestamp_with_time_zone(c)
}

pub(super) fn ts_null(c: &'static str) -> ColumnDef {
    timestamp_with_time_zone_null(c)
}

pub(super) fn id_ref(c: &'static str) -> ColumnDef {
    big_integer(c)
}

pub(super) fn id_ref_null(c: &'static str) -> ColumnDef {
    big_integer_null(c)
}

pub(super) fn flag(c: &'static str) -> ColumnDef {
    boolean(c).default(false).take()
}

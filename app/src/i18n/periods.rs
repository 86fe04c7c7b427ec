//! The periods page's texts (the school admin closes and reopens periods),
//! in Russian and English.

use super::Lang;

/// The periods page's strings, per language.
pub struct PeriodTexts {
    pub title: &'static str,
    pub hint: &'static str,
    pub period: &'static str,
    pub dates: &'static str,
    pub state: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub close: &'static str,
    pub reopen: &'static str,
    pub action: &'static str,
}

const RU: PeriodTexts = PeriodTexts {
    title: "Учебные периоды",
    hint: "Закройте период, когда его отметки окончательны: в закрытом периоде отметки, итоговые отметки, темы и задания менять нельзя, журналы открываются только для чтения. Открыть период снова можно здесь же; каждое действие записывается в журнал изменений.",
    period: "Период",
    dates: "Даты",
    state: "Состояние",
    open: "Открыт",
    closed: "Закрыт",
    close: "Закрыть период",
    reopen: "Открыть снова",
    action: "Действие",
};

const EN: PeriodTexts = PeriodTexts {
    title: "School periods",
    hint: "Close a period when its marks are final: in a closed period marks, period marks, topics and homework cannot be changed, and its gradebooks are read-only. A period can be reopened here; every action goes to the audit log.",
    period: "Period",
    dates: "Dates",
    state: "State",
    open: "Open",
    closed: "Closed",
    close: "Close the period",
    reopen: "Reopen",
    action: "Action",
};

/// The periods page's strings in `lang`.
pub fn texts(lang: Lang) -> &'static PeriodTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

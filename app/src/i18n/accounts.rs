//! What the server says about accounts, in Russian and English: the field
//! messages of signing in, registration, mailed links and the outside
//! provider's sign-in, and the mails it sends (confirmation, password
//! reset) in the recipient's language.

use super::Lang;
use crate::domain::ids::UserId;

/// The accounts' strings, per language.
pub struct AccountTexts {
    /// Signing in without a password.
    pub password_missing: &'static str,
    /// Registering an address that has an account.
    pub email_taken: &'static str,
    /// A mailed link that is unknown, used or expired.
    pub link_invalid: &'static str,
    /// The provider sent back a sign-in this server did not start (or
    /// finished already).
    pub sign_in_expired: &'static str,
    pub provider_no_email: &'static str,
    /// The provider's address has an account, and the provider has not
    /// verified it.
    pub provider_email_unverified: &'static str,
    pub provider_link_refused: &'static str,
    pub confirm_subject: &'static str,
    /// (first name, e-mail, hours the link lasts, link, user id).
    confirm_body: fn(&str, &str, i64, &str, UserId) -> String,
    pub reset_subject: &'static str,
    /// (minutes the link lasts, link).
    reset_body: fn(i64, &str) -> String,
}

const RU: AccountTexts = AccountTexts {
    password_missing: "введите пароль",
    email_taken: "этот адрес уже зарегистрирован; войдите или восстановите пароль",
    link_invalid: "ссылка недействительна или устарела",
    sign_in_expired: "вход устарел или уже выполнен: начните заново",
    provider_no_email: "провайдер не сообщил адрес электронной почты",
    provider_email_unverified:
        "этот адрес уже зарегистрирован, а провайдер не подтвердил его: войдите по паролю",
    provider_link_refused:
        "этот адрес принадлежит учётной записи школы или ещё не подтверждён: войдите по паролю",
    confirm_subject: "Дневник: подтвердите адрес электронной почты",
    confirm_body: |first, email, hours, link, user_id| {
        format!(
            "Здравствуйте, {first}!\n\n\
             Вы зарегистрировались в электронном дневнике. Ваш логин — этот адрес: {email}.\n\
             Его нельзя будет изменить.\n\n\
             Чтобы подтвердить адрес, откройте ссылку (она действует {hours} часов):\n{link}\n\n\
             Ваш идентификатор пользователя: {user_id}.\n\n\
             Если вы не регистрировались, просто удалите это письмо.\n"
        )
    },
    reset_subject: "Дневник: восстановление пароля",
    reset_body: |minutes, link| {
        format!(
            "Здравствуйте!\n\nЧтобы задать новый пароль, откройте ссылку (она действует {minutes} минут):\n{link}\n\n\
             Если вы не просили восстановить пароль, ничего не делайте: старый пароль продолжит работать.\n"
        )
    },
};

const EN: AccountTexts = AccountTexts {
    password_missing: "enter your password",
    email_taken: "this address is already registered; sign in or reset your password",
    link_invalid: "the link is invalid or has expired",
    sign_in_expired: "this sign-in has expired or is already complete: start again",
    provider_no_email: "the provider did not give an e-mail address",
    provider_email_unverified:
        "this address is already registered and the provider has not verified it: sign in with your password",
    provider_link_refused:
        "this address belongs to a school account or is not confirmed yet: sign in with your password",
    confirm_subject: "Diary: confirm your e-mail address",
    confirm_body: |first, email, hours, link, user_id| {
        format!(
            "Hello, {first}!\n\n\
             You have registered with the school diary. Your login is this address: {email}.\n\
             It cannot be changed later.\n\n\
             To confirm the address, open the link (it is valid for {hours} hours):\n{link}\n\n\
             Your user ID: {user_id}.\n\n\
             If you did not register, simply delete this message.\n"
        )
    },
    reset_subject: "Diary: password reset",
    reset_body: |minutes, link| {
        format!(
            "Hello!\n\nTo set a new password, open the link (it is valid for {minutes} minutes):\n{link}\n\n\
             If you did not ask to reset your password, do nothing: your old password keeps working.\n"
        )
    },
};

/// The accounts' strings in `lang`.
pub fn texts(lang: Lang) -> &'static AccountTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

impl AccountTexts {
    /// The confirmation mail's text.
    pub fn confirm_body(
        &self,
        first_name: &str,
        email: &str,
        hours: i64,
        link: &str,
        user_id: UserId,
    ) -> String {
        (self.confirm_body)(first_name, email, hours, link, user_id)
    }

    /// The password-reset mail's text.
    pub fn reset_body(&self, minutes: i64, link: &str) -> String {
        (self.reset_body)(minutes, link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_messages_are_written_in_both_languages() {
        assert_eq!(texts(Lang::Ru).password_missing, "введите пароль");
        assert_eq!(texts(Lang::En).password_missing, "enter your password");
        assert_eq!(
            texts(Lang::En).link_invalid,
            "the link is invalid or has expired"
        );
    }

    #[test]
    fn mails_are_written_in_the_recipients_language() {
        let ru = texts(Lang::Ru).confirm_body("Ольга", "o@example.ru", 48, "http://x/c", UserId(7));
        assert!(ru.starts_with("Здравствуйте, Ольга!\n\n"));
        assert!(ru.contains("(она действует 48 часов):\nhttp://x/c\n"));
        assert!(ru.contains("Ваш идентификатор пользователя: 7."));
        let en = texts(Lang::En).reset_body(60, "http://x/r");
        assert!(en.contains("valid for 60 minutes):\nhttp://x/r\n"));
        assert_eq!(
            texts(Lang::Ru).reset_subject,
            "Дневник: восстановление пароля"
        );
    }
}

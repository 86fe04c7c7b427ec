use clap::{Parser, Subcommand};
use server::config::Config;
use server::startup::Application;
use std::process::ExitCode;

/// Дневник: сервер электронного дневника / the diary's server.
#[derive(Parser)]
#[command(name = "server", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Создать школу и её первого администратора (ему придёт письмо со
    /// ссылкой для пароля) / create a school and its first administrator,
    /// who is mailed a link to set a password.
    Init {
        /// Короткое название / short name: «Школа № 17».
        #[arg(long)]
        school: String,
        /// Полное официальное название / full official name.
        #[arg(long, default_value = "")]
        full_name: String,
        /// Город / city.
        #[arg(long)]
        city: String,
        /// Часовой пояс школы / the school's time zone (IANA).
        #[arg(long, default_value = "Europe/Moscow")]
        timezone: String,
        /// Адрес администратора, он же логин / the administrator's e-mail (the login).
        #[arg(long)]
        admin_email: String,
        /// ФИО администратора / the administrator's full name: «Иванова Анна Сергеевна».
        #[arg(long)]
        admin_name: String,
    },
    /// Сохранить согласованную копию базы, не останавливая сервер / write a
    /// consistent copy of the database while the server runs.
    Backup {
        /// Файл копии (не должен существовать) / the copy's file (must not exist).
        file: std::path::PathBuf,
    },
    /// Вернуть копию в настроенную базу (сервер остановлен) / bring a copy
    /// back into the configured database (with the server stopped).
    Restore {
        /// Файл копии / the copy's file.
        file: std::path::PathBuf,
        /// Заменить существующий файл базы SQLite / replace an existing SQLite file.
        #[arg(long)]
        replace: bool,
    },
}

/// mimalloc instead of glibc's allocator: under load glibc's per-thread
/// arenas kept hold of memory long after (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("Дневник: {e}");
            return ExitCode::from(2);
        }
    };
    server::telemetry::init(&config.log.filter, config.log.format == "json");
    match &cli.command {
        Some(Command::Backup { file }) => {
            return match server::backup::backup(&config, file).await {
                Ok(()) => {
                    println!("Копия сохранена / backup written: {}", file.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("Копия не сохранена / backup failed: {e}");
                    ExitCode::from(1)
                }
            };
        }
        Some(Command::Restore { file, replace }) => {
            return match server::backup::restore(&config, file, *replace).await {
                Ok(()) => {
                    println!(
                        "База восстановлена / database restored from {}",
                        file.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("База не восстановлена / restore failed: {e}");
                    ExitCode::from(1)
                }
            };
        }
        _ => {}
    }
    if let Some(Command::Init {
        school,
        full_name,
        city,
        timezone,
        admin_email,
        admin_name,
    }) = cli.command
    {
        return init(
            &config,
            school,
            full_name,
            city,
            timezone,
            admin_email,
            admin_name,
        )
        .await;
    }

    let app = match Application::build(&config).await {
        Ok(app) => app,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("Дневник не запущен: {e}");
            return ExitCode::from(1);
        }
    };
    if app.seeded.is_none() && !app.has_school().await {
        println!(
            "В базе нет ни одной школы: создайте её командой `server init --school … --city … \
             --admin-email … --admin-name …` / the database has no school yet: create one with \
             `server init` (see the README)."
        );
    }
    if app.seeded.is_some() {
        println!("Демо-школа создана / demo school seeded.");
    }
    if config.demo.seed && config.demo.print_logins {
        print_demo_logins();
    }
    println!("Дневник: http://{}", config.server.address);
    tracing::info!(address = %config.server.address, "listening");
    // Served from the runtime's worker threads: the thread that runs `main`
    // only waits (under load it was seen at a whole core while the workers
    // were half idle, with the accept loop on it).
    match tokio::spawn(app.run()).await {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            tracing::error!("{e}");
            ExitCode::from(1)
        }
        Err(e) => {
            tracing::error!("the server task failed: {e}");
            ExitCode::from(1)
        }
    }
}

fn print_demo_logins() {
    use app::server::seed::{demo_logins, DEMO_PASSWORD};
    println!();
    println!(
        "Демо-входы (пароль у всех: {DEMO_PASSWORD}) / demo logins (password {DEMO_PASSWORD}):"
    );
    for l in demo_logins() {
        println!("  {:<9} {:<28} {}", l.role.as_str(), l.email, l.name);
    }
    println!();
}

async fn init(
    config: &Config,
    school: String,
    full_name: String,
    city: String,
    time_zone: String,
    admin_email: String,
    admin_name: String,
) -> ExitCode {
    let [last, first, middle] = server::init::split_fio(&admin_name);
    let req = app::server::setup::init::NewSchool {
        short_name: school,
        full_name,
        city,
        time_zone,
        admin_email: admin_email.clone(),
        admin_last_name: last,
        admin_first_name: first,
        admin_middle_name: middle,
    };
    match server::init::run(config, &req).await {
        Ok((created, sent)) => {
            println!(
                "Школа создана (id {}) / school created. Администратор / administrator: {admin_email}.",
                created.school
            );
            if sent {
                println!(
                    "Письмо со ссылкой для пароля отправлено / the set-password link was mailed."
                );
            } else {
                println!(
                    "Письмо со ссылкой для пароля ждёт отправки: его отправит запущенный сервер / \
                     the set-password mail waits in the outbox: the running server sends it."
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Школа не создана / no school created: {e}");
            ExitCode::from(2)
        }
    }
}

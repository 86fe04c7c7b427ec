use server::config::Config;
use server::startup::Application;
use std::process::ExitCode;

/// mimalloc instead of glibc's allocator: under load glibc's per-thread
/// arenas kept hold of memory long after (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("Дневник: {e}");
            return ExitCode::from(2);
        }
    };
    server::telemetry::init(&config.log.filter, config.log.format == "json");

    let app = match Application::build(&config).await {
        Ok(app) => app,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("Дневник не запущен: {e}");
            return ExitCode::from(1);
        }
    };
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

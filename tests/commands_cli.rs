//! The scripting commands' grammar: what parses, what is refused, and that no flag takes a
//! password.

use clap::{CommandFactory, Parser};

use vbo_restore::cli::{Cli, Command, ConflictArg, VersionArg};

fn parse(line: &str) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(line.split_whitespace())
}

#[test]
fn the_grammar_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn restore_takes_items_options_and_an_account() {
    let cli = parse(
        "vbo-restore --demo restore S1 adele Documents/a.docx d-2 --version all \
         --on-conflict overwrite --restore-user admin@contoso.onmicrosoft.com --json",
    )
    .expect("parses");
    let Some(Command::Restore(args)) = cli.command else {
        panic!("not a restore");
    };
    assert!(cli.connection.demo);
    assert_eq!(args.target.items, ["Documents/a.docx", "d-2"]);
    assert_eq!(args.version, Some(VersionArg::All));
    assert_eq!(args.on_conflict, Some(ConflictArg::Overwrite));
    assert_eq!(
        args.auth.restore_user.as_deref(),
        Some("admin@contoso.onmicrosoft.com")
    );
    assert!(args.output.json);
}

#[test]
fn options_a_profile_presets_have_no_default_in_the_grammar() {
    let cli = parse("vbo-restore restore S1 adele a").expect("parses");
    let Some(Command::Restore(args)) = cli.command else {
        panic!("not a restore");
    };
    assert_eq!(args.version, None);
    assert_eq!(args.on_conflict, None);

    let cli = parse("vbo-restore copy S1 adele a --to-onedrive bob").expect("parses");
    let Some(Command::Copy(args)) = cli.command else {
        panic!("not a copy");
    };
    assert_eq!(args.version, None);
}

#[test]
fn save_needs_at_least_one_item() {
    assert!(parse("vbo-restore save S1 adele").is_err());
    let cli = parse("vbo-restore save S1 adele a b --zip --out /tmp/x").expect("parses");
    let Some(Command::Save(args)) = cli.command else {
        panic!("not a save");
    };
    assert!(args.zip);
    assert_eq!(args.target.items.len(), 2);
}

#[test]
fn a_certificate_needs_an_application_id() {
    assert!(parse("vbo-restore restore S1 adele a --certificate app.pfx").is_err());
    assert!(parse("vbo-restore restore S1 adele a --app-id X --certificate app.pfx").is_ok());
    assert!(parse("vbo-restore restore S1 adele a --restore-user u --device-code").is_err());
}

#[test]
fn bad_choices_are_refused() {
    assert!(parse("vbo-restore restore S1 adele a --version newest --device-code").is_err());
    assert!(parse("vbo-restore copy S1 adele a --to-onedrive bob --last-version keep").is_err());
}

#[test]
fn no_flag_takes_a_password() {
    let mut names = Vec::new();
    let root = Cli::command();
    collect_flags(&root, &mut names);
    let secret_like: Vec<&String> = names
        .iter()
        .filter(|name| {
            name.contains("password") || name.contains("secret") || name.as_str() == "token"
        })
        .collect();
    assert!(
        secret_like.is_empty(),
        "flags that look like secrets: {secret_like:?}"
    );
    assert!(
        names.iter().any(|name| name == "restore-user"),
        "walked the subcommands"
    );
}

fn collect_flags(command: &clap::Command, names: &mut Vec<String>) {
    for arg in command.get_arguments() {
        if let Some(long) = arg.get_long() {
            names.push(long.to_string());
        }
    }
    for sub in command.get_subcommands() {
        collect_flags(sub, names);
    }
}

#[test]
fn every_positional_argument_says_what_it_takes() {
    let cli = Cli::command();
    let mut seen = 0;
    for sub in cli.get_subcommands() {
        for arg in sub.get_positionals() {
            seen += 1;
            let name = format!("{} <{}>", sub.get_name(), arg.get_id());
            let help = arg
                .get_help()
                .map(ToString::to_string)
                .unwrap_or_else(|| panic!("{name} has no description"));
            let wanted = match arg.get_id().as_str() {
                "session" => "unique start",
                "onedrive" => "display name",
                "organization" => "name",
                _ => "",
            };
            assert!(help.contains(wanted), "{name}: {help}");
        }
    }
    assert!(seen >= 20, "walked {seen} positional arguments");
}

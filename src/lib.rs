//! Glue shared by the four folio binaries: the flags every tool has (so they mean the same
//! everywhere), and man pages and shell completions generated from the clap definitions.
//! The real work lives in the library crates under crates/.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, ValueEnum};
use folio_model::driver::{Options, Tool};
use folio_model::identity::Inputs;
use folio_model::Exit;
use folio_render::{CsvFormulas, FieldPath, Flavour, Format, HugoFormat, Overwrite};

pub mod run;

// Parsing and cleaning allocate many small strings and tree nodes; mimalloc makes that
// markedly cheaper than the system allocator (measured in docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The flags every folio tool takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Write every rejected input (and, for folio-filter, every dropped record) to FILE as
    /// JSON lines: {"tool", "where", "why", and the original "line", "path" or "record"}
    #[arg(long, value_name = "FILE", global = true)]
    pub rejects: Option<PathBuf>,

    /// Stop at the first bad input (exit status 1) instead of reporting it and going on
    #[arg(long, global = true)]
    pub strict: bool,

    /// Worker threads; 0 means one per core. The output is the same bytes for any number
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        default_value_t = 0,
        global = true
    )]
    pub threads: usize,

    /// Print no warnings or notices on stderr (errors are still printed)
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// Reject any record (input line, or file for folio-parse, once decompressed) larger
    /// than SIZE bytes without reading it into memory; K, M and G (or KiB, MiB, GiB) multiply
    /// by 1024
    #[arg(
        long,
        value_name = "SIZE",
        default_value = "64MiB",
        value_parser = parse_size,
        global = true
    )]
    pub max_record_bytes: u64,

    /// Print a man page or a shell completion script for this tool, then exit
    #[arg(long, value_name = "KIND", hide = true)]
    pub generate: Option<Generate>,
}

/// folio-render's flags, but `--to` (which `folio run` makes optional): one definition for
/// both binaries.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// Markdown front matter: hexo, hugo, jekyll or none
    #[arg(long, value_name = "FLAVOUR", default_value = "hexo")]
    pub front_matter: Flavour,
    /// Hugo front matter language: toml (+++) or yaml (---)
    #[arg(long, value_name = "FORMAT", default_value = "toml")]
    pub hugo_format: HugoFormat,
    /// Fields for json, jsonl, csv and tsv, comma-separated dotted paths (title,meta.comments)
    #[arg(long, value_name = "LIST")]
    pub fields: Option<String>,
    /// Render each record through this MiniJinja template instead (see docs for variables)
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Write one file per record under DIR instead of stdout
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// File name pattern under --out-dir: {id} {slug} {title} {date:FORMAT} {ext} {category} {lang} {site} {hash}
    #[arg(long, value_name = "PATTERN", default_value = folio_render::DEFAULT_NAME)]
    pub name: String,
    /// When a file is already there: never, always or if-newer (record date after file time)
    #[arg(long, value_name = "WHEN", default_value = "always")]
    pub overwrite: Overwrite,
    /// With --out-dir and --to html or markdown: also write index.html or index.md
    #[arg(long)]
    pub index: bool,
    /// CSV and TSV cells that a spreadsheet would run as a formula (starting with = + - @,
    /// tab or CR): escape (a ' before them) or keep
    #[arg(long, value_name = "WHAT", default_value = "escape")]
    pub csv_formulas: CsvFormulas,
    /// Title of the index page, the Atom feed and the stdout HTML page
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The Atom feed's own address (its id and rel="self" link)
    #[arg(long, value_name = "URL")]
    pub feed_url: Option<String>,
    /// With --to report: also sum up FILE, a rejects file that a folio tool's --rejects
    /// wrote (plain or gzipped), by tool and reason; may be given more than once
    #[arg(long, value_name = "FILE")]
    pub rejects_from: Vec<String>,
}

impl RenderArgs {
    /// The renderer's options for output `format`; the template file is read here.
    pub fn options(&self, format: Format) -> Result<folio_render::Options, String> {
        let template = match &self.template {
            Some(path) => Some((
                path.display().to_string(),
                std::fs::read_to_string(path)
                    .map_err(|err| format!("--template {}: {err}", path.display()))?,
            )),
            None => None,
        };
        let fields = self
            .fields
            .as_deref()
            .map(FieldPath::parse_list)
            .transpose()
            .map_err(|err| format!("--fields: {err}"))?;
        Ok(folio_render::Options {
            format,
            front_matter: self.front_matter,
            hugo_format: self.hugo_format,
            fields,
            template,
            title: self.title.clone(),
            feed_url: self.feed_url.clone(),
            out_dir: self.out_dir.clone(),
            name: self.name.clone(),
            overwrite: self.overwrite,
            index: self.index,
            csv_formulas: self.csv_formulas,
            rejects_from: self.rejects_from.clone(),
        })
    }

    /// `inputs` and the rejects files a report reads: what no output may replace.
    pub fn with_read_files(&self, mut inputs: Inputs) -> Inputs {
        for file in &self.rejects_from {
            inputs.add(Path::new(file));
        }
        inputs
    }
}

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Generate {
    Man,
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Common {
    pub fn options(&self) -> Options {
        Options {
            rejects: self.rejects.clone(),
            strict: self.strict,
            threads: self.threads,
            quiet: self.quiet,
            max_record_bytes: self.max_record_bytes,
        }
    }
}

/// A size in bytes: a whole number, optionally followed by K, M or G (or KiB, MiB, GiB),
/// which multiply by 1024, 1024² and 1024³.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let not_a_size = || format!("{text:?} is not a size such as 1048576, 512K or 64M");
    if digits.is_empty() {
        return Err(not_a_size());
    }
    let shift = match unit.trim() {
        "" | "B" => 0,
        "K" | "KiB" => 10,
        "M" | "MiB" => 20,
        "G" | "GiB" => 30,
        _ => return Err(format!("unknown unit {unit:?} (expected K, M or G)")),
    };
    let number: u64 = digits.parse().map_err(|_| not_a_size())?;
    match number.checked_mul(1 << shift) {
        Some(0) => Err("the size must be at least 1 byte".to_owned()),
        Some(bytes) => Ok(bytes),
        None => Err(format!("{text:?} is too large")),
    }
}

/// The command line parsed into `C`; a bad one is reported as every folio message is,
/// `tool: where: why` on one line (where is the argument at fault), with exit status 2.
/// `--help` and `--version` print as clap prints them and exit 0.
pub fn parse_args<C: Parser>(tool: Tool) -> Result<C, ExitCode> {
    C::try_parse().map_err(|err| match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::from(err.exit_code().clamp(0, 255) as u8)
        }
        _ => folio_model::driver::fatal(tool, usage_message(&err)).into(),
    })
}

/// `where: why (see --help)` for a command-line error.
fn usage_message(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let mut why = first.strip_prefix("error: ").unwrap_or(first).to_owned();
    let place = match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => {
            // `--tz <ZONE>` names the flag; the message need not say it twice.
            why = why.replace(&format!(" for '{arg}'"), "");
            arg.split([' ', '=']).next().unwrap_or(arg).to_owned()
        }
        _ => "arguments".to_owned(),
    };
    format!("{place}: {why} (see --help)")
}

/// Prints the man page or completion script of the binary whose clap type is `C`.
pub fn generate<C: CommandFactory>(kind: Generate, tool: Tool) -> ExitCode {
    let mut command = C::command();
    let mut out = io::stdout().lock();
    let result = match kind {
        Generate::Man => clap_mangen::Man::new(command).render(&mut out),
        shell => {
            let shell = match shell {
                Generate::Bash => clap_complete::Shell::Bash,
                Generate::Zsh => clap_complete::Shell::Zsh,
                Generate::Fish => clap_complete::Shell::Fish,
                Generate::Elvish => clap_complete::Shell::Elvish,
                _ => clap_complete::Shell::PowerShell,
            };
            clap_complete::generate(shell, &mut command, tool.name, &mut out);
            Ok(())
        }
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => folio_model::driver::fatal(tool, format!("<stdout>: {err}")).into(),
    }
}

/// On SIGINT or SIGTERM, runs `cleanup` and exits with 128 plus the signal's number (130,
/// 143), as shells report a process ended by it; whatever `cleanup` returns is held until
/// the exit (a lock that keeps new work from starting, say).
#[cfg(unix)]
pub fn exit_on_signal<G>(cleanup: impl FnOnce() -> G + Send + 'static) -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _held = cleanup();
                std::process::exit(128 + signal);
            }
        })
        .map(drop)
}

/// Turns a library result into the process exit status.
pub fn exit(status: Exit) -> ExitCode {
    status.into()
}

/// The `tool` value for a binary of this package.
#[macro_export]
macro_rules! tool {
    ($name:literal) => {
        folio_model::driver::Tool {
            name: $name,
            version: env!("CARGO_PKG_VERSION"),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_in_bytes_and_binary_units() {
        assert_eq!(parse_size("1"), Ok(1));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("100B"), Ok(100));
        for bad in ["", "0", "M", "1.5M", "12Q", "-1", "99999999999999999999"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert!(parse_size("18446744073709551615G")
            .unwrap_err()
            .contains("too large"));
    }
}

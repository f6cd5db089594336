//! Glue shared by the folio binaries: the flags every tool has (so they mean the same
//! everywhere), the command line as each tool describes it ([`Page`]), and man pages and
//! shell completions generated from the clap definitions. Each binary's own flags and `main`
//! are in [`tools`]; the real work lives in the library crates under crates/.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Command, CommandFactory, Parser, ValueEnum, ValueHint};
use folio_model::driver::{Options, Tool};
use folio_model::identity::Inputs;
use folio_model::keyword::or_list;
use folio_model::Keyword;
use folio_render::{CsvFormulas, FieldPath, Flavour, Format, HugoFormat, Overwrite};

pub mod run;
pub mod tools;

// Parsing and cleaning allocate many small strings and tree nodes; mimalloc makes that
// markedly cheaper than the system allocator (measured in docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The flags every folio tool takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    // The help is each tool's own (`Page::rejects`): what is set aside differs between tools.
    #[arg(long, value_name = "FILE", global = true, value_hint = ValueHint::FilePath)]
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

    /// Print no warnings, notices or progress on stderr (errors are still printed)
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// Print every warning; without it, past the first 5 of a kind they are counted, and the
    /// count is printed at the end
    #[arg(long, short = 'v', global = true, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Draw the progress line on a terminal even when stdout is a pipe (by default only the
    /// last stage of a pipeline, writing to a file or the terminal, draws one)
    #[arg(long, global = true)]
    pub progress: bool,

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

    /// Print this tool's man page or shell completion script, then exit
    #[arg(long, value_name = "KIND")]
    pub generate: Option<Generate>,
}

/// folio-render's flags, but `--to` (which `folio run` makes optional): one definition for
/// both binaries.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// Markdown front matter
    #[arg(long, value_name = "FLAVOUR", default_value = "hexo", value_parser = keyword::<Flavour>())]
    pub front_matter: Flavour,
    /// Hugo front matter language: toml (+++) or yaml (---)
    #[arg(long, value_name = "FORMAT", default_value = "toml", value_parser = keyword::<HugoFormat>())]
    pub hugo_format: HugoFormat,
    /// Fields for json, jsonl, csv and tsv, comma-separated dotted paths (title,meta.comments)
    #[arg(long, value_name = "LIST")]
    pub fields: Option<String>,
    /// Render each record through this MiniJinja template instead (see docs for variables)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub template: Option<PathBuf>,
    /// Write one file per record under DIR instead of stdout
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out_dir: Option<PathBuf>,
    /// File name pattern under --out-dir: {id} {slug} {title} {date:FORMAT} {ext} {category} {lang} {site} {hash}
    #[arg(long, value_name = "PATTERN", default_value = folio_render::DEFAULT_NAME)]
    pub name: String,
    /// When a file is already there: always replace it, never, or if-newer (the record's date
    /// is after the file's time)
    #[arg(long, value_name = "WHEN", default_value = "always", value_parser = keyword::<Overwrite>())]
    pub overwrite: Overwrite,
    /// With --out-dir and --to html or markdown: also write index.html or index.md
    #[arg(long)]
    pub index: bool,
    /// CSV and TSV cells that a spreadsheet would run as a formula (starting with = + - @,
    /// tab or CR): escape (a ' before them) or keep
    #[arg(long, value_name = "WHAT", default_value = "escape", value_parser = keyword::<CsvFormulas>())]
    pub csv_formulas: CsvFormulas,
    /// Title of the index page, the Atom feed and the stdout HTML page
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The Atom feed's own address (its id and rel="self" link)
    #[arg(long, value_name = "URL", value_hint = ValueHint::Url)]
    pub feed_url: Option<String>,
    /// With --to report: also sum up FILE, a rejects file that a folio tool's --rejects
    /// wrote (plain or gzipped), by tool and reason; may be given more than once
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
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
            verbose: self.verbose,
            progress: self.progress,
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

/// The value parser of an option whose value is a [`Keyword`]: its words are listed in
/// `--help`, in the message for a wrong one and in the shell completions.
pub fn keyword<T: Keyword + Clone + Send + Sync>() -> impl TypedValueParser<Value = T> {
    let values = T::ALL
        .iter()
        .map(|value| PossibleValue::new(value.name()).aliases(value.aliases().iter().copied()));
    PossibleValuesParser::new(values)
        .try_map(|word| T::from_name(&word).ok_or("not one of the possible values"))
}

/// What a tool's `--help` and man page say besides its flags, as its docs/folio-*.md page
/// says it.
pub struct Page {
    pub tool: Tool,
    /// The help of `--rejects FILE`: what this tool sets aside there.
    pub rejects: &'static str,
    /// Command lines, each with what it does.
    pub examples: &'static [(&'static str, &'static str)],
    /// Exit statuses and what they mean.
    pub exit_status: &'static [(&'static str, &'static str)],
}

/// The folio tools, for the man pages' SEE ALSO.
const TOOLS: [&str; 5] = [
    "folio",
    "folio-parse",
    "folio-clean",
    "folio-filter",
    "folio-render",
];

impl Page {
    /// The clap definition of `C` with what this page adds: examples after the help, the
    /// tool's own `--rejects` help, and completion hints (see `complete_no_files`).
    pub fn command<C: CommandFactory>(&self) -> Command {
        let examples: Vec<String> = self
            .examples
            .iter()
            .map(|(line, _)| format!("  {line}"))
            .collect();
        self.fill(C::command())
            .after_help(format!("Examples:\n{}", examples.join("\n")))
    }

    fn fill(&self, mut command: Command) -> Command {
        command = command.mut_args(complete_no_files);
        if command.get_arguments().any(|arg| arg.get_id() == "rejects") {
            command = command.mut_arg("rejects", |arg| arg.help(self.rejects));
        }
        let subcommands: Vec<String> = command
            .get_subcommands()
            .map(|sub| sub.get_name().to_owned())
            .collect();
        for name in subcommands {
            command = command.mut_subcommand(name, |sub| self.fill(sub));
        }
        command
    }

    /// The man page: clap_mangen's sections, then EXAMPLES, EXIT STATUS and SEE ALSO.
    fn man(&self, command: Command, out: &mut dyn Write) -> io::Result<()> {
        use clap_mangen::roff::{bold, italic, roman, Roff};
        let subcommands: Vec<Command> = command.get_subcommands().cloned().collect();
        let man = clap_mangen::Man::new(command);
        man.render_title(out)?;
        man.render_name_section(out)?;
        man.render_synopsis_section(out)?;
        man.render_description_section(out)?;
        man.render_options_section(out)?;
        // Subcommands and their flags on this page, rather than on pages of their own
        // (folio-run(1)) that nothing installs.
        let subcommands: Vec<&Command> = subcommands
            .iter()
            .filter(|s| s.get_name() != "help")
            .collect();
        if !subcommands.is_empty() {
            let mut roff = Roff::new();
            roff.control("SH", ["COMMANDS"]);
            for sub in &subcommands {
                let name = format!("{} {}", self.tool.name, sub.get_name());
                let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
                roff.control("TP", [])
                    .text([bold(name), roman(" [OPTIONS] PATH…")]);
                roff.text([roman(about)]);
            }
            roff.to_writer(out)?;
        }
        for sub in subcommands {
            let mut section = Vec::new();
            clap_mangen::Man::new(sub.clone()).render_options_section(&mut section)?;
            let heading = format!(".SH \"OPTIONS OF {} {}\"", self.tool.name, sub.get_name());
            let section = String::from_utf8_lossy(&section).replacen(".SH OPTIONS", &heading, 1);
            out.write_all(section.as_bytes())?;
        }
        let mut roff = Roff::new();
        roff.control("SH", ["EXAMPLES"]);
        for (line, what) in self.examples {
            // A command line is not hyphenated: what is typed must read as it is typed.
            roff.control("TP", []).control("nh", []).text([bold(*line)]);
            roff.control("hy", []).text([roman(*what)]);
        }
        roff.control("SH", ["EXIT STATUS"]);
        for (status, meaning) in self.exit_status {
            roff.control("TP", [])
                .text([bold(*status)])
                .text([roman(*meaning)]);
        }
        roff.control("SH", ["SEE ALSO"]);
        let others: Vec<&str> = TOOLS.into_iter().filter(|t| *t != self.tool.name).collect();
        for (i, other) in others.iter().enumerate() {
            let comma = if i + 1 < others.len() { "," } else { "." };
            roff.text([bold(*other), roman(format!("(1){comma}"))]);
        }
        roff.text([
            roman("The pages under "),
            italic("docs/"),
            roman(" in folio's repository say more."),
        ]);
        roff.to_writer(out)?;
        man.render_version_section(out)
    }
}

/// Completion hints for an option with a value: a file or a folder is offered only where
/// the option says it takes one (`value_hint = ValueHint::FilePath`, a `PathBuf`), the
/// words of a [`keyword`] option are offered as they are, and any other value (an
/// expression, a date, a number) gets no completion rather than the shell's file names.
fn complete_no_files(arg: clap::Arg) -> clap::Arg {
    let unhinted = arg.get_action().takes_values()
        && arg.get_value_hint() == ValueHint::Unknown
        && arg.get_value_parser().possible_values().is_none();
    if unhinted {
        arg.value_hint(ValueHint::Other)
    } else {
        arg
    }
}

/// The command line parsed into `C` as `page` describes it; a bad one is reported as every
/// folio message is, `tool: where: why` on one line (where is the argument at fault), with
/// exit status 2. `--help` and `--version` print as clap prints them and exit 0.
fn parse_args<C: Parser>(page: &Page) -> Result<C, ExitCode> {
    let mut command = page.command::<C>();
    command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|mut matches| C::from_arg_matches_mut(&mut matches))
        .map_err(|err| match err.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = err.print();
                ExitCode::from(err.exit_code().clamp(0, 255) as u8)
            }
            _ => folio_model::driver::fatal(page.tool, usage_message(&err.format(&mut command)))
                .into(),
        })
}

/// `where: why (see --help)` for a command-line error; a wrong word for a [`keyword`] option
/// is told the words it could be.
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
    if err.kind() == ErrorKind::InvalidValue {
        if let Some(ContextValue::Strings(words)) = err.get(ContextKind::ValidValue) {
            why.push_str(&format!(" (expected {})", or_list(words)));
        }
    }
    format!("{place}: {why} (see --help)")
}

/// The command line of a tool, or the exit status of a run that ends with it: a usage error,
/// `--help` and `--version` (printed as clap prints them), or `--generate` (the man page or a completion
/// script printed), which `asked` reads from the parsed command line.
pub fn open<C: Parser>(
    page: &Page,
    asked: impl FnOnce(&C) -> Option<Generate>,
) -> Result<C, ExitCode> {
    let cli: C = parse_args(page)?;
    match asked(&cli) {
        Some(kind) => Err(generate::<C>(kind, page)),
        None => Ok(cli),
    }
}

/// Prints the man page or completion script of the binary whose clap type is `C`.
fn generate<C: CommandFactory>(kind: Generate, page: &Page) -> ExitCode {
    let mut command = page.command::<C>();
    let mut out = io::stdout().lock();
    let result = match kind {
        // Without the help's examples, which the EXAMPLES section gives with what each does
        // (clap_mangen would print them as a section of its own).
        Generate::Man => page.man(page.fill(C::command()), &mut out),
        shell => {
            let shell = match shell {
                Generate::Bash => clap_complete::Shell::Bash,
                Generate::Zsh => clap_complete::Shell::Zsh,
                Generate::Fish => clap_complete::Shell::Fish,
                Generate::Elvish => clap_complete::Shell::Elvish,
                _ => clap_complete::Shell::PowerShell,
            };
            clap_complete::generate(shell, &mut command, page.tool.name, &mut out);
            Ok(())
        }
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => folio_model::driver::fatal(page.tool, format!("<stdout>: {err}")).into(),
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

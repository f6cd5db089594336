//! Hostile, broken and huge input (issue 16): no crash, no hang, nothing lost. Each case is
//! an input, a tool and its arguments, with the exit status and the message expected; all of
//! them run even when one fails, and the report names every case that did not hold.
//! docs/reliability.md says what is promised and quotes the figures of these tests.
//!
//! This module has the case runner and the inputs the others share: `markup` (deep and
//! misnested HTML, `--where`), `files` (folder walks, size limits, broken files), `records`
//! (broken JSON lines), `outputs` (failing outputs, `--out-dir` names, signals) and `lost`
//! (records out plus rejects equal records in).

mod files;
mod lost;
mod markup;
mod outputs;
mod records;
mod safety;

use std::fs;
use std::io::Write;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::*;

/// Nested elements in the deep-markup cases: a million in release builds, where each tool
/// takes seconds; debug builds run an unoptimised parser some twenty times slower, so there
/// the same cases use fewer (still far past the depth that crashed, about 8,000).
pub const DEEP: usize = if cfg!(debug_assertions) {
    30_000
} else {
    1_000_000
};

/// No case may take longer than this: a hang fails instead of stalling the suite.
pub const TIMEOUT: Duration = Duration::from_secs(120);

pub const TOOLS: [&str; 4] = ["folio-parse", "folio-clean", "folio-filter", "folio-render"];
pub const RECORD_TOOLS: [&str; 3] = ["folio-clean", "folio-filter", "folio-render"];

/// One run of one tool and what it must do.
pub struct Case {
    name: String,
    tool: &'static str,
    /// `{dir}` stands for the case's temporary folder.
    args: Vec<String>,
    stdin: Vec<u8>,
    /// Files written into the temporary folder first.
    files: Vec<(String, Vec<u8>)>,
    exit: i32,
    /// Each must appear in stderr; an empty list means stderr must be empty.
    stderr: Vec<String>,
    /// Lines expected on stdout, when it matters.
    stdout_lines: Option<usize>,
    /// Where stdout goes: a pipe read to the end, or `/dev/full`.
    stdout_full: bool,
    /// Started with standard output closed (`tool >&-`).
    stdout_closed: bool,
    /// Texts that must appear in stdout, and texts that must not.
    prints: Vec<String>,
    prints_no: Vec<String>,
    /// Texts that must not appear in stderr.
    lacks: Vec<String>,
    /// Files of the case that must be as they were written before the run.
    keeps: Vec<String>,
    /// Files that must exist after the run holding a text.
    file_has: Vec<(String, String)>,
}

pub fn case(name: impl Into<String>, tool: &'static str) -> Case {
    Case {
        name: name.into(),
        tool,
        args: Vec::new(),
        stdin: Vec::new(),
        files: Vec::new(),
        exit: 0,
        stderr: Vec::new(),
        stdout_lines: None,
        stdout_full: false,
        stdout_closed: false,
        prints: Vec::new(),
        prints_no: Vec::new(),
        lacks: Vec::new(),
        keeps: Vec::new(),
        file_has: Vec::new(),
    }
}

impl Case {
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = bytes.into();
        self
    }

    pub fn file(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.push((name.to_owned(), bytes.into()));
        self
    }

    pub fn exit(mut self, code: i32) -> Self {
        self.exit = code;
        self
    }

    pub fn says(mut self, text: impl Into<String>) -> Self {
        self.stderr.push(text.into());
        self
    }

    pub fn lines(mut self, n: usize) -> Self {
        self.stdout_lines = Some(n);
        self
    }

    pub fn into_dev_full(mut self) -> Self {
        self.stdout_full = true;
        self
    }

    pub fn stdout_closed(mut self) -> Self {
        self.stdout_closed = true;
        self
    }

    pub fn prints(mut self, text: impl Into<String>) -> Self {
        self.prints.push(text.into());
        self
    }

    pub fn prints_no(mut self, text: impl Into<String>) -> Self {
        self.prints_no.push(text.into());
        self
    }

    pub fn lacks(mut self, text: impl Into<String>) -> Self {
        self.lacks.push(text.into());
        self
    }

    pub fn keeps(mut self, name: &str) -> Self {
        self.keeps.push(name.to_owned());
        self
    }

    pub fn file_has(mut self, name: &str, text: impl Into<String>) -> Self {
        self.file_has.push((name.to_owned(), text.into()));
        self
    }

    /// Runs the case; `Err` says how it went wrong.
    pub fn run(&self) -> Result<(), String> {
        let dir = tempdir();
        for (name, bytes) in &self.files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            fs::write(path, bytes).map_err(|e| e.to_string())?;
        }
        let place = dir.path().display().to_string();
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| a.replace("{dir}", &place))
            .collect();
        let stdin_path = dir.path().join(".stdin");
        fs::write(&stdin_path, &self.stdin).map_err(|e| e.to_string())?;
        let mut cmd = StdCommand::new(bin(self.tool));
        cmd.env_clear()
            .env("LC_ALL", "C.UTF-8")
            .args(&args)
            .current_dir(dir.path())
            .stdin(fs::File::open(&stdin_path).map_err(|e| e.to_string())?)
            .stderr(Stdio::piped());
        if self.stdout_closed {
            use std::os::unix::process::CommandExt;
            // SAFETY: close() is async-signal-safe, as a pre_exec closure must be.
            unsafe {
                cmd.pre_exec(|| {
                    libc::close(1);
                    Ok(())
                });
            }
        } else if self.stdout_full {
            let full = fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .map_err(|e| e.to_string())?;
            cmd.stdout(full);
        } else {
            cmd.stdout(Stdio::piped());
        }
        let started = Instant::now();
        let out = run_with_timeout(cmd)?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let status = out.status.code();
        let mut wrong = Vec::new();
        if status != Some(self.exit) {
            wrong.push(format!("exit {status:?}, expected {}", self.exit));
        }
        if self.stderr.is_empty() && !stderr.is_empty() {
            wrong.push("stderr should be empty".to_owned());
        }
        for text in &self.stderr {
            if !stderr.contains(text.as_str()) {
                wrong.push(format!("stderr lacks {text:?}"));
            }
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        for text in &self.prints {
            if !stdout.contains(text.as_str()) {
                wrong.push(format!("stdout lacks {text:?}"));
            }
        }
        for text in &self.prints_no {
            if stdout.contains(text.as_str()) {
                wrong.push(format!("stdout has {text:?}"));
            }
        }
        for text in &self.lacks {
            if stderr.contains(text.as_str()) {
                wrong.push(format!("stderr has {text:?}"));
            }
        }
        for name in &self.keeps {
            let before = match name.as_str() {
                ".stdin" => Some(&self.stdin),
                _ => self.files.iter().find(|(n, _)| n == name).map(|(_, b)| b),
            };
            if fs::read(dir.path().join(name)).ok().as_ref() != before {
                wrong.push(format!("{name} was changed"));
            }
        }
        for (name, text) in &self.file_has {
            match fs::read_to_string(dir.path().join(name)) {
                Ok(held) if held.contains(text.as_str()) => {}
                Ok(_) => wrong.push(format!("{name} lacks {text:?}")),
                Err(err) => wrong.push(format!("{name}: {err}")),
            }
        }
        if let Some(n) = self.stdout_lines {
            let got = out
                .stdout
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count();
            if got != n {
                wrong.push(format!("{got} lines on stdout, expected {n}"));
            }
        }
        if wrong.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{} [{} {}] ({:.1?}): {}\n  stderr: {}",
            self.name,
            self.tool,
            args.join(" "),
            started.elapsed(),
            wrong.join("; "),
            stderr
                .chars()
                .take(600)
                .collect::<String>()
                .replace('\n', "\n          ")
        ))
    }
}

/// Runs `cmd` to its end, or kills it after [`TIMEOUT`] and says so.
pub fn run_with_timeout(mut cmd: StdCommand) -> Result<std::process::Output, String> {
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {TIMEOUT:?}: killed"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ok(std::process::Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Runs every case and fails with the list of those that did not hold.
pub fn check(cases: Vec<Case>) {
    let count = cases.len();
    let failures: Vec<String> = cases.iter().filter_map(|c| c.run().err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

pub fn post(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}\n")
}

pub fn record(value: Value) -> Vec<u8> {
    let mut line = serde_json::to_vec(&value).expect("JSON");
    line.push(b'\n');
    line
}

/// The kinds of nesting that used to overflow the stack: (opening, closing).
pub const DEEP_KINDS: [(&str, &str); 6] = [
    ("<div>", "</div>"),
    ("<span>", "</span>"),
    ("<b>", "</b>"),
    ("<blockquote>", "</blockquote>"),
    ("<ul><li>", "</li></ul>"),
    ("<table><tr><td>", "</td></tr></table>"),
];

/// HTML nesting `n` elements, cycling through [`DEEP_KINDS`].
pub fn deep_html(n: usize) -> String {
    let mut html = String::from("<p>Before the deep part.</p>");
    for i in 0..n {
        html.push_str(DEEP_KINDS[i % DEEP_KINDS.len()].0);
    }
    html.push_str("The deepest words.");
    for i in (0..n).rev() {
        html.push_str(DEEP_KINDS[i % DEEP_KINDS.len()].1);
    }
    html.push_str("<p>After the deep part.</p>");
    html
}

pub fn one_kind(n: usize, open: &str, close: &str) -> String {
    format!(
        "<p>Before.</p>{}Deep.{}<p>After.</p>",
        open.repeat(n),
        close.repeat(n)
    )
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

pub const GOOD: &str = r#"{"id":"good","title":"A good record","html":"<p>Fine words here.</p>","text":"Fine words here."}"#;

pub const DEEP_WARNING: &str =
    "folio-clean: <stdin>:1 (id x): warning: HTML nested deeper than 512 \
     elements: the deeper ones were read as siblings (see docs/reliability.md)";

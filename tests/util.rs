//! Helpers for the end-to-end tests: a command builder for each tool with a cleared
//! environment, fixtures, the shared corpus when it is present, and JSON-lines helpers.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// A command for one of the folio binaries, with a clean environment so that nothing from
/// the developer's shell changes the result.
pub fn folio(tool: &str) -> Command {
    let mut cmd = Command::new(bin(tool));
    cmd.env_clear().env("LC_ALL", "C.UTF-8");
    cmd
}

/// Path of a built binary of this package.
pub fn bin(tool: &str) -> PathBuf {
    assert_cmd::cargo::cargo_bin(tool)
}

/// A command for one of this package's example programs (`bench/`), built first with the
/// tests' own profile: `cargo test` builds examples as test harnesses, not as the programs.
pub fn example(name: &str) -> Command {
    let test_binary = std::env::current_exe().expect("the test binary's path");
    let profile_dir = test_binary
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps");
    let release = profile_dir.ends_with("release");
    let mut build = std::process::Command::new(env!("CARGO"));
    build
        .current_dir(root())
        .args(["build", "--quiet", "--example", name]);
    if release {
        build.arg("--release");
    }
    let status = build.status().expect("cargo runs");
    assert!(status.success(), "cargo build --example {name} failed");
    let mut cmd = Command::new(profile_dir.join("examples").join(name));
    cmd.env_clear().env("LC_ALL", "C.UTF-8");
    cmd
}

/// Root of the repository.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file or folder under tests/fixtures.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The bundled example posts.
pub fn examples() -> PathBuf {
    root().join("examples/posts")
}

/// `../shared/corpus/<rel>` when it exists (CI has it; a bare checkout may not).
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("../shared/corpus").join(rel);
    path.exists().then_some(path)
}

/// `../shared/<rel>` when it exists.
pub fn shared_root(rel: &str) -> Option<PathBuf> {
    let path = root().join("../shared").join(rel);
    path.exists().then_some(path)
}

/// Parses JSON lines; panics with the offending line on bad JSON (tests only).
pub fn lines(stdout: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(stdout).expect("stdout is UTF-8");
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// A temporary directory removed at the end of the test.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Asserts two texts are equal, printing a line diff when they are not.
pub fn assert_same_text(expected: &str, actual: &str, what: &str) {
    if expected == actual {
        return;
    }
    let mut report = format!("{what} differs (- expected, + actual):\n");
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();
    for i in 0..exp.len().max(act.len()) {
        match (exp.get(i), act.get(i)) {
            (Some(e), Some(a)) if e == a => {}
            (e, a) => {
                if let Some(e) = e {
                    report.push_str(&format!("-{:>4}: {e}\n", i + 1));
                }
                if let Some(a) = a {
                    report.push_str(&format!("+{:>4}: {a}\n", i + 1));
                }
            }
        }
    }
    panic!("{report}");
}

/// Compares `actual` with a golden file; with FOLIO_BLESS=1 it rewrites the file instead.
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("FOLIO_BLESS").is_some() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("golden dir");
        }
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `make bless` to create it)", path.display()));
    assert_same_text(&expected, actual, &path.display().to_string());
}

/// Runs `first | second` through files and returns the second's stdout.
pub fn pipe(first: &mut Command, second: &mut Command) -> Vec<u8> {
    let out = first.output().expect("first command runs");
    second
        .write_stdin(out.stdout)
        .output()
        .expect("second command runs")
        .stdout
}

/// Runs `tool args [< stdin_file] | head -n1` and returns the tool's own exit status and
/// stderr: a closed stdout must end a tool quietly with 0.
pub fn run_into_head(tool: &str, args: &[&str], stdin_file: Option<&Path>) -> (i32, String) {
    let dir = tempdir();
    let err = dir.path().join("stderr");
    let quoted: Vec<String> = args
        .iter()
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let input = stdin_file
        .map(|f| format!("< '{}'", f.display()))
        .unwrap_or_default();
    let script = format!(
        "'{}' {} {input} 2>'{}' | head -n1 > /dev/null; exit ${{PIPESTATUS[0]}}",
        bin(tool).display(),
        quoted.join(" "),
        err.display()
    );
    let status = std::process::Command::new("bash")
        .args(["-c", &script])
        .env_clear()
        .status()
        .expect("bash runs");
    let stderr = std::fs::read_to_string(err).unwrap_or_default();
    (status.code().unwrap_or(-1), stderr)
}

/// A run over fixtures that hold records never cleaned on purpose: stderr holds the one
/// warning that says so, once, and nothing else.
pub fn assert_quiet_but_never_cleaned(stderr: &str, args: &[&str]) {
    let rest: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.ends_with("(said once)"))
        .collect();
    assert!(rest.is_empty(), "{args:?}: {stderr}");
    assert!(
        stderr.matches("never cleaned").count() <= 1,
        "{args:?}: {stderr}"
    );
}

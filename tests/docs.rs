//! The `$ folio-…` examples in README.md and docs/*.md are executed, so the docs cannot rot.
//!
//! In a fenced block opened with ```console, each line starting with `$ ` is a command, run by
//! `bash -o pipefail -c` from the repository root with the freshly built binaries first on
//! PATH. The lines after it, up to the next command or the fence, are its expected stdout
//! (trailing spaces ignored); `...` stands for any number of lines; a last line `[exit N]`
//! expects exit status N instead of 0. With no expected lines only the status is checked.
//! Files an example writes go under `out/docs/<page>/`, made before the examples run.

use std::fs;
use std::path::Path;

use crate::util::*;

struct Example {
    file: String,
    line: usize,
    command: String,
    expected: Vec<String>,
    exit: i32,
}

fn examples_in(path: &Path) -> Vec<Example> {
    let text = fs::read_to_string(path).unwrap();
    let file = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    let mut pending = String::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_end();
        if !in_console {
            in_console = trimmed == "```console";
            continue;
        }
        if trimmed.starts_with("```") {
            in_console = false;
            continue;
        }
        if let Some(command) = trimmed.strip_prefix("$ ").or(if pending.is_empty() {
            None
        } else {
            Some(trimmed)
        }) {
            pending.push_str(command.trim_end_matches('\\'));
            if command.ends_with('\\') {
                pending.push(' ');
                continue;
            }
            out.push(Example {
                file: file.clone(),
                line: i + 1,
                command: std::mem::take(&mut pending),
                expected: Vec::new(),
                exit: 0,
            });
            continue;
        }
        let Some(example) = out.last_mut() else {
            continue;
        };
        match trimmed
            .strip_prefix("[exit ")
            .and_then(|r| r.strip_suffix(']'))
        {
            Some(code) => example.exit = code.parse().expect("[exit N] takes a number"),
            None => example.expected.push(trimmed.to_owned()),
        }
    }
    out
}

/// Whether `actual` lines match `expected`, where a `...` line matches any run of lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => {
            actual.first().is_some_and(|a| a.trim_end() == first) && matches(rest, &actual[1..])
        }
    }
}

fn run(example: &Example) -> Result<(), String> {
    let bin_dir = bin("folio-parse").parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .args(["-o", "pipefail", "-c", &example.command])
        .current_dir(root())
        .env_clear()
        .env("PATH", path)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let actual: Vec<&str> = stdout.lines().collect();
    let status = out.status.code().unwrap_or(-1);
    let place = format!("{}:{}: $ {}", example.file, example.line, example.command);
    if status != example.exit {
        return Err(format!(
            "{place}\n  exit {status}, expected {}\n  stderr: {}",
            example.exit,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if !example.expected.is_empty() && !matches(&example.expected, &actual) {
        return Err(format!(
            "{place}\n  expected:\n    {}\n  got:\n    {}",
            example.expected.join("\n    "),
            actual.join("\n    ")
        ));
    }
    Ok(())
}

#[test]
fn documented_examples_run_as_shown() {
    let mut pages = vec![root().join("README.md")];
    let mut docs: Vec<_> = fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let examples: Vec<Example> = pages
        .iter()
        .filter(|p| p.exists())
        .flat_map(|p| examples_in(p))
        .collect();
    // Examples write their files under out/docs/<page>/.
    for page in &pages {
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        fs::create_dir_all(root().join("out/docs").join(stem)).unwrap();
    }
    let failures: Vec<String> = examples.iter().filter_map(|e| run(e).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} doc examples failed:\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
    assert!(
        examples.len() >= 3,
        "expected the docs to carry examples, found {}",
        examples.len()
    );
}

#[test]
fn the_matcher_understands_ellipses() {
    let exp = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches(&exp(&["a", "...", "z"]), &["a", "b", "c", "z"]));
    assert!(matches(&exp(&["a", "..."]), &["a"]));
    assert!(!matches(&exp(&["a", "z"]), &["a", "b", "z"]));
}

//! Outputs that fail or close, names under `--out-dir`, and signals during it.

use std::fs;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use super::*;
use crate::util::*;

// --- outputs ------------------------------------------------------------------------------

#[test]
fn outputs_that_fail_are_reported_once_with_status_2() {
    let mut cases = Vec::new();
    for tool in TOOLS {
        let (args, stdin): (Vec<&str>, &str) = if tool == "folio-parse" {
            (vec!["a.md"], "")
        } else {
            (vec![], GOOD)
        };
        cases.push(
            case("/dev/full as stdout", tool)
                .args(&args)
                .file("a.md", post("title: x", "<p>x</p>"))
                .stdin(stdin)
                .into_dev_full()
                .exit(2)
                .says(format!("{tool}: <stdout>: No space left on device")),
        );
        // One bad input, whose reject cannot be written.
        let full_args = if tool == "folio-parse" {
            vec!["empty.md", "--rejects", "/dev/full"]
        } else {
            vec!["--rejects", "/dev/full"]
        };
        cases.push(
            case("a rejects file on a full disk", tool)
                .args(&full_args)
                .file("empty.md", "")
                .stdin(format!("{stdin}\n{{bad\n"))
                .exit(2)
                .says(format!("{tool}: --rejects: No space left on device")),
        );
        let mut rejects_args = args.clone();
        rejects_args.extend(["--rejects", "{dir}/missing/folder/rejects.jsonl"]);
        cases.push(
            case("an unwritable rejects file", tool)
                .args(&rejects_args)
                .file("a.md", post("title: x", "<p>x</p>"))
                .stdin(stdin)
                .exit(2)
                .says(format!("{tool}: --rejects "))
                .says("No such file or directory"),
        );
    }
    check(cases);
}

#[test]
fn a_stdout_closed_early_ends_every_tool_quietly() {
    let dir = tempdir();
    let input = dir.path().join("in.jsonl");
    fs::write(&input, format!("{GOOD}\n").repeat(5_000)).unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir(&posts).unwrap();
    for i in 0..500 {
        fs::write(posts.join(format!("{i}.md")), post("title: x", "<p>x</p>")).unwrap();
    }
    for tool in TOOLS {
        let args: Vec<&str> = if tool == "folio-parse" {
            vec![posts.to_str().unwrap()]
        } else {
            vec![]
        };
        let stdin = (tool != "folio-parse").then_some(input.as_path());
        let (status, stderr) = run_into_head(tool, &args, stdin);
        assert_eq!((status, stderr.as_str()), (0, ""), "{tool}");
    }
}

#[test]
fn out_dir_names_from_hostile_records_stay_inside_and_safe() {
    let dir = tempdir();
    let out = dir.path().join("site");
    let input: Vec<u8> = [
        json!({"id": "1", "title": "../../../etc/passwd"}),
        json!({"id": "2", "title": "CON"}),
        json!({"id": "3", "title": "nul.txt"}),
        json!({"id": "4", "title": "/absolute/path"}),
        json!({"id": "5", "title": "a\u{0}b\u{7}c"}),
        json!({"id": "6", "title": ".hidden"}),
        json!({"id": "7", "title": "x".repeat(1_000)}),
    ]
    .into_iter()
    .flat_map(record)
    .collect();
    folio("folio-render")
        .args(["--to", "markdown", "--name", "{title}.{ext}", "--out-dir"])
        .arg(&out)
        .write_stdin(input)
        .timeout(TIMEOUT)
        .assert()
        .success();
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7, "{names:?}");
    for name in &names {
        assert!(!name.starts_with('.'), "{name}");
        assert!(!name.contains(['/', '\\', '\0', '\u{7}']), "{name}");
        assert!(name.len() <= 210, "{name}");
        let stem = name.split('.').next().unwrap().to_ascii_uppercase();
        assert!(
            !["CON", "NUL", "PRN", "AUX"].contains(&stem.as_str()),
            "{name}"
        );
    }
    // Nothing was written beside the output folder.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    check(vec![
        case("--name climbing out of --out-dir", "folio-render")
            .args(&["--name", "../{slug}.{ext}", "--out-dir", "site"])
            .stdin(GOOD)
            .exit(2)
            .says("folio-render: --name \"../{slug}.{ext}\""),
        case("--name from the root", "folio-render")
            .args(&["--name", "/etc/{slug}", "--out-dir", "site"])
            .stdin(GOOD)
            .exit(2)
            .says("must be a relative path"),
    ]);
}

// --- signals ------------------------------------------------------------------------------

/// Starts folio-render writing many files under `out`, waits until some are there, sends
/// `signal` and returns the exit status.
#[cfg(unix)]
fn interrupt_out_dir(out: &Path, signal: i32) -> Option<i32> {
    let dir = out.parent().expect("a parent folder");
    let input = dir.join("many.jsonl");
    let text = "Words of a long article. ".repeat(40);
    let mut lines = Vec::new();
    for i in 0..20_000 {
        lines.extend(record(
            json!({"id": format!("r{i}"), "title": format!("Article {i}"), "text": text}),
        ));
    }
    fs::write(&input, lines).unwrap();
    let mut child = StdCommand::new(bin("folio-render"))
        .args(["--to", "markdown", "-j", "1", "--out-dir"])
        .arg(out)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while fs::read_dir(out).map_or(0, |d| d.count()) < 20 {
        assert!(started.elapsed() < TIMEOUT, "no file written");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let status = child.wait().unwrap();
    status.code()
}

#[cfg(unix)]
#[test]
fn sigint_and_sigterm_during_out_dir_leave_only_whole_files() {
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let dir = tempdir();
        let out = dir.path().join("site");
        assert_eq!(
            interrupt_out_dir(&out, signal),
            Some(code),
            "signal {signal}"
        );
        let names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.len() < 20_000, "the run was not interrupted");
        assert!(
            names
                .iter()
                .all(|n| !n.ends_with(".tmp") && !n.starts_with('.')),
            "left behind: {:?}",
            names
                .iter()
                .filter(|n| n.ends_with(".tmp"))
                .collect::<Vec<_>>()
        );
        for name in names {
            let text = fs::read_to_string(out.join(&name)).unwrap();
            assert!(text.trim_end().ends_with("article."), "{name} is not whole");
        }
    }
}

//! The promises every tool keeps (docs/model.md), checked on each of the record-reading tools
//! the same way: unknown keys pass through, bad lines are reported and set aside, exit codes,
//! a closed stdout, thread counts, help and generated man pages.

use std::fs;

use serde_json::{json, Value};

use crate::util::*;

/// Each record-reading tool with the arguments that make it write records back.
const TOOLS: &[(&str, &[&str])] = &[
    ("folio-clean", &[]),
    ("folio-filter", &[]),
    ("folio-render", &["--to", "jsonl"]),
];

fn record_with_extras(i: usize) -> Value {
    json!({
        "id": format!("id-{i}"),
        "title": format!("第{i}篇：港口吞吐量回升"),
        "html": "<p>　　五月上旬，沿海主要港口的集装箱吞吐量比上月同期增长了百分之六，多家航运公司增开航线。</p>",
        "zz_custom": {"nested": [1, "二", {"three": [true, null, 3.5]}], "emoji": "🚢"},
        "crawler_status": 200,
        "aa_last": "ünïcødé ✓",
    })
}

fn input(n: usize) -> String {
    (0..n)
        .map(|i| record_with_extras(i).to_string() + "\n")
        .collect()
}

#[test]
fn unknown_keys_come_out_unchanged_and_in_order() {
    for (tool, args) in TOOLS {
        let out = folio(tool)
            .args(*args)
            .write_stdin(input(3))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let records = lines(&out.stdout);
        assert_eq!(records.len(), 3, "{tool}");
        for (i, rec) in records.iter().enumerate() {
            let want = record_with_extras(i);
            for key in ["zz_custom", "crawler_status", "aa_last"] {
                assert_eq!(rec[key], want[key], "{tool}: {key}");
            }
            let keys: Vec<&str> = rec
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|k| ["zz_custom", "crawler_status", "aa_last"].contains(k))
                .collect();
            assert_eq!(
                keys,
                ["zz_custom", "crawler_status", "aa_last"],
                "{tool}: order of unknown keys"
            );
        }
    }
}

#[test]
fn bad_lines_are_reported_set_aside_and_the_run_goes_on() {
    let bad = format!(
        "{}\nnot json at all\n[1, 2]\n{{\"id\": \"t\", \"title\": 3}}\n{{\"tags\": \"x\"}}\n{}\n",
        record_with_extras(0),
        record_with_extras(1)
    );
    for (tool, args) in TOOLS {
        let dir = tempdir();
        let rejects = dir.path().join("rejects.jsonl");
        let out = folio(tool)
            .args(*args)
            .arg("--rejects")
            .arg(&rejects)
            .write_stdin(bad.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{tool}");
        assert_eq!(
            lines(&out.stdout).len(),
            2,
            "{tool}: the good records are written"
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        for want in [
            format!("{tool}: <stdin>:2: invalid JSON"),
            format!("{tool}: <stdin>:3: invalid record: expected a JSON object, found an array"),
            format!("{tool}: <stdin>:4: invalid record: \"title\": invalid type: integer `3`, expected a string"),
            format!("{tool}: <stdin>:5: invalid record: \"tags\""),
        ] {
            assert!(stderr.contains(&want), "{tool}: missing {want:?} in\n{stderr}");
        }
        let entries = lines(&fs::read(&rejects).unwrap());
        assert_eq!(entries.len(), 4, "{tool}");
        assert_eq!(entries[0]["line"], "not json at all");
        assert_eq!(entries[0]["where"], "<stdin>:2");
        assert_eq!(entries[0]["tool"], *tool);
    }
}

#[test]
fn strict_stops_at_the_first_bad_line() {
    let input = format!(
        "{}\nbroken\n{}\n",
        record_with_extras(0),
        record_with_extras(1)
    );
    for (tool, args) in TOOLS {
        let out = folio(tool)
            .args(*args)
            .arg("--strict")
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{tool}");
        assert_eq!(
            lines(&out.stdout).len(),
            1,
            "{tool}: nothing after the bad line"
        );
    }
}

#[test]
fn newer_record_formats_are_refused_loudly() {
    let newer = json!({"title": "t", "stages": [{"tool": "folio-clean", "version": "9.0.0", "format": 99}]});
    for (tool, args) in TOOLS {
        let out = folio(tool)
            .args(*args)
            .write_stdin(newer.to_string())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{tool}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("newer folio"),
            "{tool}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    for (tool, _) in TOOLS {
        folio(tool).arg("--no-such-flag").assert().code(2);
        folio(tool).args(["--threads", "many"]).assert().code(2);
    }
}

#[test]
fn missing_input_files_are_rejected_and_the_rest_is_read() {
    let dir = tempdir();
    let good = dir.path().join("good.jsonl");
    fs::write(&good, input(2)).unwrap();
    for (tool, args) in TOOLS {
        let out = folio(tool)
            .args(*args)
            .arg(dir.path().join("missing.jsonl"))
            .arg(&good)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{tool}");
        assert_eq!(lines(&out.stdout).len(), 2, "{tool}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("missing.jsonl: cannot read"),
            "{tool}: {stderr}"
        );
    }
}

#[test]
fn a_closed_stdout_ends_every_tool_quietly() {
    let dir = tempdir();
    let file = dir.path().join("in.jsonl");
    fs::write(&file, input(3000)).unwrap();
    for (tool, args) in TOOLS {
        let mut all: Vec<&str> = args.to_vec();
        all.push(file.to_str().unwrap());
        let (status, stderr) = run_into_head(tool, &all, None);
        assert_eq!(status, 0, "{tool}: {stderr}");
        assert_eq!(stderr, "", "{tool}");
    }
}

/// Pipes between the stages are widened to 1 MiB, so that a stage holding a whole page's
/// record does not wait for the next stage to take the one before.
#[cfg(target_os = "linux")]
#[test]
fn every_tool_widens_the_pipe_it_writes_to() {
    use std::os::fd::AsRawFd;
    use std::process::Stdio;

    let post = fixture("folio-parse/good/01-yaml.md");
    let tools: &[(&str, &[&str])] = &[
        ("folio-parse", &[post.to_str().unwrap()]),
        ("folio-clean", &[]),
        ("folio-filter", &[]),
        ("folio-render", &["--to", "jsonl"]),
    ];
    for (tool, args) in tools {
        let mut child = std::process::Command::new(bin(tool))
            .args(*args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        assert!(child.wait().unwrap().success(), "{tool}");
        // SAFETY: F_GETPIPE_SZ only reads the size of the pipe this descriptor belongs to.
        let size = unsafe { libc::fcntl(stdout.as_raw_fd(), libc::F_GETPIPE_SZ) };
        assert_eq!(size, 1 << 20, "{tool}");
    }
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let text = input(500);
    for (tool, args) in TOOLS {
        let one = folio(tool)
            .args(*args)
            .args(["--threads", "1"])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        let four = folio(tool)
            .args(*args)
            .args(["--threads", "4"])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        assert!(one.status.success(), "{tool}");
        assert_eq!(one.stdout, four.stdout, "{tool}");
        assert_eq!(one.stderr, four.stderr, "{tool}");
    }
}

#[test]
fn help_shows_examples_and_man_pages_generate() {
    for tool in ["folio-parse", "folio-clean", "folio-filter", "folio-render"] {
        let help = folio(tool).arg("--help").output().unwrap();
        assert!(help.status.success(), "{tool}");
        let text = String::from_utf8(help.stdout).unwrap();
        assert!(text.contains("Examples:"), "{tool} --help has no examples");
        for flag in ["--rejects", "--strict", "--threads", "--quiet"] {
            assert!(text.contains(flag), "{tool} --help lacks {flag}");
        }
        let man = folio(tool).args(["--generate", "man"]).output().unwrap();
        assert!(man.status.success(), "{tool}");
        assert!(
            String::from_utf8_lossy(&man.stdout).contains(".TH"),
            "{tool} man page"
        );
        let bash = folio(tool).args(["--generate", "bash"]).output().unwrap();
        assert!(
            String::from_utf8_lossy(&bash.stdout).contains(tool),
            "{tool} completion"
        );
    }
}

#[test]
fn progress_shows_on_a_terminal_only() {
    // `script` runs the command with a pseudo-terminal as its stdin, stdout and stderr.
    let command = format!(
        "'{}' '{}' > /dev/null",
        bin("folio-parse").display(),
        examples().join("金融").display()
    );
    let on_terminal = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output();
    let Ok(on_terminal) = on_terminal else {
        panic!("`script` (util-linux) is needed to run this test");
    };
    let shown = String::from_utf8_lossy(&on_terminal.stdout);
    assert!(
        shown.contains("inputs ("),
        "no progress on a terminal: {shown:?}"
    );
    let piped = folio("folio-parse")
        .arg(examples().join("金融"))
        .output()
        .unwrap();
    assert!(
        piped.stderr.is_empty(),
        "progress or messages on a non-terminal stderr"
    );
}

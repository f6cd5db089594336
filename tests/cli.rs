//! The command line as each tool presents it: completions that offer the words of enumerated
//! options, man pages with examples, exit statuses and the other tools, `--generate` and each
//! tool's own `--rejects` in `--help`, and errors for a wrong word.

use std::fs;

use crate::util::*;

const ALL_TOOLS: [&str; 5] = [
    "folio",
    "folio-parse",
    "folio-clean",
    "folio-filter",
    "folio-render",
];

fn generated(tool: &str, kind: &str) -> String {
    let out = folio(tool).args(["--generate", kind]).output().unwrap();
    assert!(out.status.success(), "{tool} --generate {kind}");
    String::from_utf8(out.stdout).unwrap()
}

/// The body of the bash completion's case branch for `option` (up to its `;;`).
fn bash_branch<'a>(script: &'a str, option: &str) -> &'a str {
    let start = script
        .find(&format!("                {option})\n"))
        .unwrap_or_else(|| panic!("no branch for {option}"));
    let rest = &script[start..];
    &rest[..rest.find(";;").unwrap()]
}

#[test]
fn completions_offer_the_words_of_enumerated_options() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "folio-render",
            "--to",
            "markdown text html json jsonl csv tsv atom report",
        ),
        ("folio-render", "--front-matter", "hexo hugo jekyll none"),
        ("folio-render", "--hugo-format", "toml yaml"),
        ("folio-render", "--overwrite", "always never if-newer"),
        ("folio-render", "--csv-formulas", "escape keep"),
        (
            "folio-render",
            "--generate",
            "man bash zsh fish elvish powershell",
        ),
        ("folio-parse", "--from", "files jsonl"),
        ("folio-filter", "--unique-by", "id url title text"),
        (
            "folio",
            "--to",
            "markdown text html json jsonl csv tsv atom report",
        ),
        ("folio", "--unique-by", "id url title text"),
    ];
    for (tool, option, words) in cases {
        let bash = generated(tool, "bash");
        let branch = bash_branch(&bash, option);
        assert!(
            branch.contains(&format!("compgen -W \"{words}\"")),
            "{tool} {option}: {branch}"
        );
        let zsh = generated(tool, "zsh");
        assert!(
            zsh.contains(&format!(":({words})'")),
            "{tool} {option} in zsh"
        );
        let fish = generated(tool, "fish");
        let first = words.split(' ').next().unwrap();
        let long = option.trim_start_matches("--");
        assert!(
            fish.lines()
                .any(|l| l.contains(&format!("-l {long} "))
                    && l.contains(&format!("-a \"{first}\\t"))),
            "{tool} {option} in fish"
        );
    }
}

#[test]
fn completions_offer_files_only_where_a_file_is_wanted() {
    let bash = generated("folio-render", "bash");
    for option in ["--rejects", "--template", "--rejects-from"] {
        let branch = bash_branch(&bash, option);
        assert!(branch.contains("compgen -f"), "{option}: {branch}");
    }
    assert!(bash_branch(&bash, "--out-dir").contains("plusdirs"));
    for option in ["--title", "--fields", "--name", "--max-record-bytes"] {
        let branch = bash_branch(&bash, option);
        assert!(!branch.contains("compgen -f"), "{option}: {branch}");
    }
    let filter = generated("folio-filter", "bash");
    for option in ["--where", "--since", "--tz", "--category"] {
        let branch = bash_branch(&filter, option);
        assert!(!branch.contains("compgen -f"), "{option}: {branch}");
    }
    assert!(bash_branch(&filter, "--keywords").contains("compgen -f"));
}

#[test]
fn a_wrong_word_is_told_the_words_it_could_be() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "folio-render",
            &["--to", "bogus"],
            "folio-render: --to: invalid value 'bogus' (expected markdown, text, html, json, \
             jsonl, csv, tsv, atom or report) (see --help)\n",
        ),
        (
            "folio-render",
            &["--overwrite", "sometimes"],
            "folio-render: --overwrite: invalid value 'sometimes' (expected always, never or \
             if-newer) (see --help)\n",
        ),
        (
            "folio-parse",
            &["--from", "xml"],
            "folio-parse: --from: invalid value 'xml' (expected files or jsonl) (see --help)\n",
        ),
        (
            "folio-filter",
            &["--unique-by", "author"],
            "folio-filter: --unique-by: invalid value 'author' (expected id, url, title or \
             text) (see --help)\n",
        ),
        (
            "folio",
            &["run", "--to", "pdf", "posts"],
            "folio: --to: invalid value 'pdf' (expected markdown, text, html, json, jsonl, \
             csv, tsv, atom or report) (see --help)\n",
        ),
    ];
    for (tool, args, message) in cases {
        let out = folio(tool).args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{tool} {args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), *message);
        assert!(out.stdout.is_empty());
    }
    // The short names are still taken.
    folio("folio-render")
        .args(["--to", "md", "--quiet"])
        .write_stdin("{\"title\":\"t\",\"text\":\"x\"}\n")
        .assert()
        .success()
        .stdout(predicates::str::starts_with("---\ntitle: t\n"));
}

/// The `## Exit status` table of a docs page: its statuses, in order.
fn documented_statuses(page: &str) -> Vec<String> {
    let text = fs::read_to_string(root().join("docs").join(page)).unwrap();
    let table = &text[text.find("## Exit status").expect("an exit status section")..];
    table
        .lines()
        .skip_while(|l| !l.starts_with("| status"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap().trim().to_owned())
        .collect()
}

#[test]
fn man_pages_have_examples_exit_status_and_see_also() {
    for tool in ALL_TOOLS {
        let man = generated(tool, "man");
        for section in [".SH EXAMPLES", ".SH \"EXIT STATUS\"", ".SH \"SEE ALSO\""] {
            assert!(man.contains(section), "{tool}: no {section}");
        }
        let see_also = &man[man.find(".SH \"SEE ALSO\"").unwrap()..];
        let see_also = &see_also[..see_also.find(".SH VERSION").unwrap()];
        for other in ALL_TOOLS {
            let roff = other.replace('-', "\\-");
            let named = see_also.contains(&format!("\\fB{roff}\\fR(1)"));
            assert_eq!(named, other != tool, "{tool} SEE ALSO {other}: {see_also}");
        }
        // Each example of --help is in the man page, with what it does.
        let help = folio(tool).arg("--help").output().unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        let examples = &help[help.find("Examples:\n").unwrap()..];
        let unescaped = man
            .replace("\\-", "-")
            .replace("\\*(Aq", "'")
            .replace("\\(dq", "\"");
        let mut count = 0;
        for line in examples.lines().skip(1).filter(|l| l.starts_with("  ")) {
            count += 1;
            assert!(
                unescaped.contains(&format!("\\fB{}\\fR", line.trim())),
                "{tool}: example {line:?} not in the man page"
            );
        }
        assert!(count >= 3, "{tool}: {count} examples");
        // The statuses are those of the tool's docs page.
        let page = if tool == "folio" {
            "folio.md".to_owned()
        } else {
            format!("{tool}.md")
        };
        let status = &man[man.find(".SH \"EXIT STATUS\"").unwrap()..];
        let status = &status[..status.find(".SH \"SEE ALSO\"").unwrap()];
        let in_man: Vec<String> = status
            .lines()
            .filter_map(|l| l.strip_prefix("\\fB")?.strip_suffix("\\fR"))
            .flat_map(|codes| codes.split(", ").map(str::to_owned).collect::<Vec<_>>())
            .collect();
        let mut documented = documented_statuses(&page);
        // Interruption (130, 143) is told below the table, where it applies.
        for signal in ["130", "143"] {
            if in_man.iter().any(|s| s == signal) {
                documented.push(signal.to_owned());
            }
        }
        assert_eq!(in_man, documented, "{tool}");
    }
    // folio(1) holds `folio run`'s flags, rather than naming a page nothing installs.
    let folio_man = generated("folio", "man");
    assert!(folio_man.contains(".SH \"OPTIONS OF folio run\""));
    assert!(folio_man.contains("\\-\\-where"));
    assert!(!folio_man.contains("folio\\-run(1)"));
}

#[test]
fn man_pages_render_without_warnings() {
    let dir = tempdir();
    for tool in ALL_TOOLS {
        let path = dir.path().join(format!("{tool}.1"));
        fs::write(&path, generated(tool, "man")).unwrap();
        // man(1) when installed, else groff itself, with every warning on.
        let run = std::process::Command::new("man")
            .args(["--warnings=w", "-l"])
            .arg(&path)
            .env("MANWIDTH", "80")
            .output()
            .or_else(|_| {
                std::process::Command::new("groff")
                    .args(["-man", "-Tutf8", "-ww", "-z"])
                    .arg(&path)
                    .output()
            });
        let Ok(out) = run else {
            eprintln!("neither man nor groff: {tool}.1 not rendered");
            return;
        };
        assert!(out.status.success(), "{tool}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{tool}");
        let text = String::from_utf8_lossy(&out.stdout);
        if !text.is_empty() {
            for heading in ["EXAMPLES", "EXIT STATUS", "SEE ALSO"] {
                assert!(text.contains(heading), "{tool}: {heading}");
            }
        }
    }
}

#[test]
fn help_lists_generate() {
    for tool in ALL_TOOLS {
        let help = folio(tool).arg("--help").output().unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        assert!(help.contains("--generate <KIND>"), "{tool}: {help}");
        assert!(
            help.contains("man, bash, zsh, fish, elvish, powershell"),
            "{tool}: {help}"
        );
    }
}

/// The help paragraph of `--rejects`, joined into one line.
fn rejects_help(tool: &str, args: &[&str]) -> String {
    let help = folio(tool).args(args).arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let mut lines = help.lines().skip_while(|l| !l.contains("--rejects <FILE>"));
    let first = lines.next().expect("--rejects in help");
    let mut text = first[first.find("--rejects <FILE>").unwrap() + 16..]
        .trim()
        .to_owned();
    for line in lines.take_while(|l| !l.trim_start().starts_with('-')) {
        text.push(' ');
        text.push_str(line.trim());
    }
    text
}

#[test]
fn each_rejects_help_speaks_of_its_own_tool() {
    // Tool, arguments before --help, words its --rejects help says, words it must not.
    type Case<'a> = (&'a str, &'a [&'a str], &'a [&'a str], &'a [&'a str]);
    let cases: &[Case] = &[
        (
            "folio-parse",
            &[],
            &["could not be read or parsed", "skipped", "\"path\""],
            &["dropped", "record\"", "rendered"],
        ),
        (
            "folio-clean",
            &[],
            &["not a valid record", "\"line\""],
            &["dropped", "skipped", "rendered", "\"record\"", "\"path\""],
        ),
        (
            "folio-filter",
            &[],
            &["not a valid record", "dropped", "\"record\""],
            &["skipped", "rendered", "\"path\""],
        ),
        (
            "folio-render",
            &[],
            &["not a valid record", "rendered or written"],
            &["dropped", "skipped", "\"record\"", "\"path\""],
        ),
        ("folio", &["run"], &["stage", "filter drops"], &["rendered"]),
    ];
    for (tool, args, says, never) in cases {
        let text = rejects_help(tool, args);
        // No tool's help speaks of another tool.
        assert!(!text.contains("folio-"), "{tool}: {text}");
        for word in *says {
            assert!(text.contains(word), "{tool}: {word:?} not in {text:?}");
        }
        for word in *never {
            assert!(!text.contains(word), "{tool}: {word:?} in {text:?}");
        }
    }
}

/// What `script` (util-linux) shows of `command` run with a terminal as stdin, stdout and
/// stderr: the progress lines drawn, among the rest.
fn on_a_terminal(command: &str) -> String {
    let out = std::process::Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .env_clear()
        .env("LC_ALL", "C.UTF-8")
        // Without a TERM, a terminal is taken for one that cannot redraw a line.
        .env("TERM", "xterm")
        .output()
        .expect("`script` (util-linux) is needed to run this test");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_pipeline_draws_one_progress_line_the_last_stages() {
    let parse = bin("folio-parse").display().to_string();
    let clean = bin("folio-clean").display().to_string();
    let posts = examples().join("金融").display().to_string();
    // The first stage writes into a pipe and stays quiet; the last, into a file, names itself.
    let shown = on_a_terminal(&format!("'{parse}' '{posts}' | '{clean}' > /dev/null"));
    assert!(shown.contains("folio-clean "), "{shown:?}");
    assert!(shown.contains(" inputs ("), "{shown:?}");
    assert!(!shown.contains("folio-parse"), "{shown:?}");
    // Into a file, folio-parse draws its own.
    let shown = on_a_terminal(&format!("'{parse}' '{posts}' > /dev/null"));
    assert!(shown.contains("folio-parse "), "{shown:?}");
    // --progress draws into a pipe too; --quiet draws nothing.
    let shown = on_a_terminal(&format!("'{parse}' --progress '{posts}' | cat > /dev/null"));
    assert!(shown.contains("folio-parse "), "{shown:?}");
    let shown = on_a_terminal(&format!("'{parse}' --quiet '{posts}' > /dev/null"));
    assert!(!shown.contains("inputs ("), "{shown:?}");
}

/// Records whose body has no article in it: folio-clean warns of each.
fn empty_bodies(n: usize) -> String {
    (1..=n)
        .map(|i| format!("{{\"id\":\"r{i}\",\"html\":\"<script>var x;</script>\"}}\n"))
        .collect()
}

const EMPTY: &str = "warning: no article text left after cleaning (record kept with empty text)";

#[test]
fn a_repeated_warning_is_shown_five_times_then_counted() {
    let out = folio("folio-clean")
        .write_stdin(empty_bodies(166))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(lines(&out.stdout).len(), 166);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let mut expected: Vec<String> = (1..=5)
        .map(|i| format!("folio-clean: <stdin>:{i} (id r{i}): {EMPTY}"))
        .collect();
    expected.push(format!(
        "folio-clean: 166 inputs: {EMPTY} (the first 5 shown above; --verbose shows each)"
    ));
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);

    // --verbose shows each; five of a kind, or --quiet, need no summary.
    let verbose = folio("folio-clean")
        .arg("--verbose")
        .write_stdin(empty_bodies(166))
        .output()
        .unwrap();
    let verbose = String::from_utf8(verbose.stderr).unwrap();
    assert_eq!(verbose.lines().count(), 166, "{verbose}");
    assert!(verbose.lines().all(|l| l.ends_with(EMPTY)));
    let five = folio("folio-clean")
        .write_stdin(empty_bodies(5))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(five.stderr).unwrap().lines().count(), 5);
    folio("folio-clean")
        .arg("-q")
        .write_stdin(empty_bodies(166))
        .assert()
        .success()
        .stderr("");
}

#[test]
fn warnings_differing_in_a_quoted_value_are_counted_as_one_kind() {
    // Each post's date is a different non-date.
    let dir = tempdir();
    for i in 0..8 {
        fs::write(
            dir.path().join(format!("{i}.md")),
            format!("---\ntitle: t{i}\ndate: not a date {i}\n---\nbody {i}\n"),
        )
        .unwrap();
    }
    let out = folio("folio-parse").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{stderr}");
    assert!(
        lines[..5].iter().all(|l| l.contains("is not a date")),
        "{stderr}"
    );
    assert!(
        lines[5].starts_with("folio-parse: 8 inputs: warning: date \"…\" is not a date"),
        "{stderr}"
    );
}

#[test]
fn summed_up_skips_are_all_in_the_rejects_file() {
    let dir = tempdir();
    let posts = dir.path().join("posts");
    fs::create_dir(&posts).unwrap();
    for i in 0..9 {
        fs::write(posts.join(format!("{i}.md")), b"\x00\x01binary\x00").unwrap();
    }
    let rejects = dir.path().join("rejects.jsonl");
    let out = folio("folio-parse")
        .arg(&posts)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.matches("binary file, skipped").count(),
        6,
        "{stderr}"
    );
    assert!(stderr.contains("folio-parse: 9 inputs: warning: binary file, skipped"));
    let set_aside = lines(&fs::read(&rejects).unwrap());
    assert_eq!(set_aside.len(), 9);
    assert!(set_aside.iter().all(|r| r["why"] == "binary file, skipped"));
}

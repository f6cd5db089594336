//! The pipeline split into shards gives what one run gives: the same ids however the input
//! is divided, the same bytes from every stage over chunks of its input (the cross-record
//! parts aside), and near duplicates removed across shards in two passes.

use std::fs;
use std::path::Path;

use serde_json::{json, Value};

use crate::util::*;

/// Runs `tool` with `args` in `dir`, `stdin` on its standard input, and gives its stdout;
/// rejected inputs (status 1: the bundled examples hold a broken post on purpose) are fine.
fn run_in(dir: &Path, tool: &str, args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let out = folio(tool)
        .args(args)
        .current_dir(dir)
        .write_stdin(stdin.to_vec())
        .output()
        .expect("runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn post(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2023-03-01 10:00\n---\n<p>{body}</p>\n")
}

/// Two folders holding files of the same names, and a page: the shapes that made shards
/// collide.
fn sharded_corpus(dir: &Path) {
    let files = [
        (
            "corpus/east/1.md",
            post("East one", "Ferries resumed their winter timetable."),
        ),
        (
            "corpus/east/2.md",
            post("East two", "The library extended its opening hours."),
        ),
        (
            "corpus/west/1.md",
            post("West one", "A new cycle lane opened along the river."),
        ),
        (
            "corpus/west/deep/1.html",
            "<html><head><title>Orchard report</title></head><body><article><h1>Orchard \
             report</h1><p>Apple growers in the valley expect a larger harvest than last \
             year, after a mild spring and few late frosts.</p></article></body></html>"
                .to_owned(),
        ),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn ids(stdout: &[u8]) -> Vec<String> {
    lines(stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn ids_do_not_depend_on_how_the_input_was_split() {
    let dir = tempdir();
    sharded_corpus(dir.path());
    let root = ["--id-root", "corpus"];
    let whole = run_in(
        dir.path(),
        "folio-parse",
        &[&root[..], &["corpus"]].concat(),
        b"",
    );
    assert_eq!(lines(&whole).len(), 4);
    let mut shards = Vec::new();
    for shard in ["corpus/east", "corpus/west"] {
        shards.extend(run_in(
            dir.path(),
            "folio-parse",
            &[&root[..], &[shard]].concat(),
            b"",
        ));
    }
    assert_eq!(
        String::from_utf8_lossy(&shards),
        String::from_utf8_lossy(&whole),
        "folder shards give the whole run's records, byte for byte"
    );
    // Named files and a list give the same ids, and so does a root named another way.
    let listed = run_in(
        dir.path(),
        "folio-parse",
        &["--id-root", "./corpus/../corpus", "--files-from", "-"],
        b"corpus/east/1.md\ncorpus/east/2.md\ncorpus/west/1.md\ncorpus/west/deep/1.html\n",
    );
    assert_eq!(ids(&listed), ids(&whole));
    let inside = run_in(
        &dir.path().join("corpus/west"),
        "folio-parse",
        &["--id-root", "..", "deep/1.html", "1.md"],
        b"",
    );
    let mut expected = ids(&whole)[2..].to_vec();
    expected.reverse();
    assert_eq!(ids(&inside), expected);
    // Without --id-root, ids come from paths relative to the folder given: shards collide.
    let east = run_in(dir.path(), "folio-parse", &["corpus/east"], b"");
    let west = run_in(dir.path(), "folio-parse", &["corpus/west"], b"");
    assert_eq!(ids(&east)[0], ids(&west)[0], "1.md in both shards");
    // A file outside the root is refused, the others parsed.
    fs::write(
        dir.path().join("stray.md"),
        post("Stray", "Outside the corpus."),
    )
    .unwrap();
    folio("folio-parse")
        .args(["--id-root", "corpus", "stray.md", "corpus/east/1.md"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "folio-parse: stray.md: outside --id-root",
        ));
    folio("folio-parse")
        .args(["--id-root", "missing", "corpus"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "folio-parse: --id-root missing: ",
        ));
}

#[test]
fn shards_of_the_shared_corpus_get_the_whole_runs_ids() {
    let Some(pages) = shared("corpus/pages") else {
        return;
    };
    let parent = pages.parent().unwrap();
    let whole = run_in(parent, "folio-parse", &["--id-root", "pages", "pages"], b"");
    let mut shards = Vec::new();
    let mut folders: Vec<_> = fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let name = format!("pages/{}", folder.file_name().unwrap().to_string_lossy());
        shards.extend(run_in(
            parent,
            "folio-parse",
            &["--id-root", "pages", &name],
            b"",
        ));
    }
    assert!(lines(&whole).len() >= 20);
    assert_eq!(ids(&shards), ids(&whole));
}

/// Splits JSON lines into `n` chunks of whole lines.
fn chunks(jsonl: &[u8], n: usize) -> Vec<Vec<u8>> {
    let all: Vec<&[u8]> = jsonl.split_inclusive(|&b| b == b'\n').collect();
    let size = all.len().div_ceil(n);
    all.chunks(size).map(|c| c.concat()).collect()
}

#[test]
fn every_stage_gives_the_same_bytes_over_chunks_of_its_input() {
    let dir = tempdir();
    let mut paths: Vec<String> = Vec::new();
    for entry in walk(&examples())
        .into_iter()
        .chain(walk(&fixture("folio-parse/pages")))
    {
        paths.push(entry.display().to_string());
    }
    paths.sort();
    let list = paths.join("\n") + "\n";
    let parsed = run_in(
        dir.path(),
        "folio-parse",
        &["--id-root", "/", "--files-from", "-"],
        list.as_bytes(),
    );
    assert!(lines(&parsed).len() >= 10);
    let list_chunks = chunks(list.as_bytes(), 3);
    let parsed_in_chunks: Vec<u8> = list_chunks
        .iter()
        .flat_map(|c| {
            run_in(
                dir.path(),
                "folio-parse",
                &["--id-root", "/", "--files-from", "-"],
                c,
            )
        })
        .collect();
    assert_eq!(
        parsed_in_chunks, parsed,
        "folio-parse over chunks of a file list"
    );

    let stages: [(&str, &[&str]); 5] = [
        ("folio-clean", &[]),
        (
            "folio-filter",
            &[
                "--min-chars",
                "20",
                "--quality",
                "--where",
                "len(title) > 2",
            ],
        ),
        (
            "folio-filter",
            &["--sample", "0.6", "--seed", "7", "--unique-by", "id"],
        ),
        (
            "folio-render",
            &["--to", "jsonl", "--fields", "id,title,text,credits"],
        ),
        ("folio-render", &["--to", "csv", "--fields", "id,title"]),
    ];
    let cleaned = run_in(dir.path(), "folio-clean", &[], &parsed);
    for (tool, args) in stages {
        let input = if tool == "folio-clean" {
            &parsed
        } else {
            &cleaned
        };
        let whole = run_in(dir.path(), tool, args, input);
        let mut pieces: Vec<Vec<u8>> = chunks(input, 4)
            .iter()
            .map(|c| run_in(dir.path(), tool, args, c))
            .collect();
        if args.contains(&"csv") {
            // Each chunk writes its own header row.
            for piece in pieces.iter_mut().skip(1) {
                let header_end = piece.iter().position(|&b| b == b'\n').unwrap() + 1;
                piece.drain(..header_end);
            }
        }
        assert_eq!(
            String::from_utf8_lossy(&pieces.concat()),
            String::from_utf8_lossy(&whole),
            "{tool} {args:?} over chunks"
        );
    }

    // One file per record: chunks written into one folder give the whole run's files.
    let render = ["--to", "markdown", "--name", "{id}.md", "--out-dir"];
    run_in(
        dir.path(),
        "folio-render",
        &[&render[..], &["whole"]].concat(),
        &cleaned,
    );
    for chunk in chunks(&cleaned, 3) {
        run_in(
            dir.path(),
            "folio-render",
            &[&render[..], &["chunked"]].concat(),
            &chunk,
        );
    }
    let files = |name: &str| {
        let mut all: Vec<(String, Vec<u8>)> = fs::read_dir(dir.path().join(name))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!(files("chunked"), files("whole"));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Articles of three stories, each told twice with a few words changed, and two of their own.
fn near_duplicate_records() -> Vec<Value> {
    let stories = [
        "The city council approved a plan to plant four thousand street trees over the next \
         three years, starting with the districts that have the least shade in summer and the \
         highest temperatures recorded on paved squares.",
        "Engineers closed the old stone bridge for repairs after inspectors found cracks in two \
         of its arches; buses will cross the river further north until the work ends in the \
         autumn, the transport office said on Monday.",
        "A small museum on the harbour front reopened with a room of ship models built by local \
         carpenters in the last century, and a map of every wreck found along the coast since \
         divers began recording them.",
    ];
    let lone = [
        "Farmers in the hills began the olive harvest a week early this year because of the dry \
         weather, and the cooperative expects less oil but of a higher grade than usual.",
        "The regional orchestra announced a season of free concerts in schools, with rehearsals \
         open to pupils who want to see how a symphony is put together from the first reading.",
    ];
    let mut records = Vec::new();
    for (n, story) in stories.iter().enumerate() {
        for (copy, id) in [
            (0, format!("s{n}-b")),
            (1, format!("s{n}-a")),
            (2, format!("s{n}-c")),
        ] {
            let text = match copy {
                0 => story.to_string(),
                1 => story.replacen("the", "a", 1),
                _ => format!("{story} More soon."),
            };
            records.push(json!({"id": id, "title": format!("Story {n}"), "text": text}));
        }
    }
    for (n, text) in lone.iter().enumerate() {
        records.push(json!({"id": format!("lone-{n}"), "title": "Lone", "text": text}));
    }
    records
}

fn jsonl(records: &[Value]) -> Vec<u8> {
    records
        .iter()
        .flat_map(|r| {
            let mut line = serde_json::to_vec(r).unwrap();
            line.push(b'\n');
            line
        })
        .collect()
}

#[test]
fn near_duplicates_go_across_shards_as_in_one_run_over_records_in_id_order() {
    let dir = tempdir();
    let records = near_duplicate_records();
    // Shards that split every story's copies apart.
    let shards: Vec<Vec<u8>> = (0..3)
        .map(|s| {
            let part: Vec<Value> = records.iter().skip(s).step_by(3).cloned().collect();
            jsonl(&part)
        })
        .collect();
    let mut signatures = Vec::new();
    for shard in &shards {
        let out = run_in(dir.path(), "folio-filter", &["--emit-signatures"], shard);
        for line in lines(&out) {
            assert_eq!(line["threshold"], json!(0.8));
            assert_eq!(line["minhash"].as_str().unwrap().len(), 144);
        }
        signatures.extend(out);
    }
    fs::write(dir.path().join("signatures.jsonl"), &signatures).unwrap();
    let mut kept = Vec::new();
    for (n, shard) in shards.iter().enumerate() {
        let rejects = format!("rejects-{n}.jsonl");
        kept.extend(ids(&run_in(
            dir.path(),
            "folio-filter",
            &[
                "--near-duplicates-of",
                "signatures.jsonl",
                "--rejects",
                &rejects,
            ],
            shard,
        )));
    }
    kept.sort();

    let mut by_id = records.clone();
    by_id.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let mut one_run = ids(&run_in(
        dir.path(),
        "folio-filter",
        &["--near-duplicates"],
        &jsonl(&by_id),
    ));
    one_run.sort();
    assert_eq!(kept, one_run);
    assert_eq!(kept, ["lone-0", "lone-1", "s0-a", "s1-a", "s2-a"]);
    let rejects: String = (0..3)
        .map(|n| fs::read_to_string(dir.path().join(format!("rejects-{n}.jsonl"))).unwrap())
        .collect();
    assert!(rejects.contains("duplicate of s0-a (near, J="), "{rejects}");
    assert!(rejects.contains("across shards"), "{rejects}");

    // The two passes must agree on the threshold.
    folio("folio-filter")
        .args(["--near-duplicates-of", "signatures.jsonl", "--threshold", "0.7"])
        .current_dir(dir.path())
        .write_stdin(shards[0].clone())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "folio-filter: --near-duplicates-of: signatures.jsonl:1: signatures made with --threshold 0.8, this run has 0.7",
        ));
}

#[test]
fn folio_run_writes_the_pipes_bytes() {
    let dir = tempdir();
    let mut paths = vec![
        examples().display().to_string(),
        fixture("folio-parse/pages").display().to_string(),
    ];
    if let Some(pages) = shared("corpus/pages") {
        paths.push(pages.display().to_string());
    }
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let parsed = run_in(dir.path(), "folio-parse", &paths, b"");
    let cleaned = run_in(dir.path(), "folio-clean", &[], &parsed);
    // (folio run's flags, the filter's, the renderer's): the pipe is parse | clean | filter | render.
    let cases: [(&[&str], &[&str], &[&str]); 5] = [
        (&["--clean"], &[], &[]),
        (
            &["--clean", "--where", "lang == \"zh\"", "--quality"],
            &["--where", "lang == \"zh\"", "--quality"],
            &[],
        ),
        (&["--clean", "--to", "markdown"], &[], &["--to", "markdown"]),
        (
            &[
                "--clean",
                "--unique-by",
                "title",
                "--near-duplicates",
                "--to",
                "csv",
                "--fields",
                "id,title",
            ],
            &["--unique-by", "title", "--near-duplicates"],
            &["--to", "csv", "--fields", "id,title"],
        ),
        (
            &["--clean", "--to", "html", "--title", "All"],
            &[],
            &["--to", "html", "--title", "All"],
        ),
    ];
    assert_eq!(
        run_in(dir.path(), "folio", &[&["run"][..], &paths].concat(), b""),
        parsed,
        "folio run without stages is folio-parse"
    );
    for (run_args, filter_args, render_args) in cases {
        let mut piped = cleaned.clone();
        if !filter_args.is_empty() {
            piped = run_in(dir.path(), "folio-filter", filter_args, &piped);
        }
        if !render_args.is_empty() {
            piped = run_in(dir.path(), "folio-render", render_args, &piped);
        }
        let one = run_in(
            dir.path(),
            "folio",
            &[&["run"][..], run_args, &paths].concat(),
            b"",
        );
        assert!(!one.is_empty(), "{run_args:?}");
        assert_eq!(
            String::from_utf8_lossy(&one),
            String::from_utf8_lossy(&piped),
            "folio run {run_args:?}"
        );
    }
    // Files under --out-dir, and the same rejects.
    run_in(
        dir.path(),
        "folio-render",
        &["--to", "markdown", "--out-dir", "piped"],
        &cleaned,
    );
    let run_args = [
        "run",
        "--clean",
        "--to",
        "markdown",
        "--out-dir",
        "one",
        "--rejects",
        "rejects.jsonl",
    ];
    run_in(dir.path(), "folio", &[&run_args[..], &paths].concat(), b"");
    let listing = |name: &str| {
        let mut files: Vec<(String, Vec<u8>)> = walk(&dir.path().join(name))
            .into_iter()
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    fs::read(p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    assert_eq!(listing("one"), listing("piped"));
    let rejects = fs::read_to_string(dir.path().join("rejects.jsonl")).unwrap();
    assert!(
        rejects.contains("unterminated yaml front matter"),
        "{rejects}"
    );
}

#[test]
fn gzipped_json_lines_are_read_by_every_record_tool_and_folio_parse() {
    let dir = tempdir();
    let records = jsonl(&near_duplicate_records()[..4]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &records).unwrap();
    let gzipped = gz.finish().unwrap();
    // Named `.jsonl` (the bytes tell, not the name), and two gzip members one after another.
    fs::write(dir.path().join("records.jsonl"), &gzipped).unwrap();
    let twice = [gzipped.clone(), gzipped.clone()].concat();
    for tool in ["folio-clean", "folio-filter", "folio-render"] {
        let args: &[&str] = if tool == "folio-render" {
            &["--to", "jsonl"]
        } else {
            &[]
        };
        let plain = run_in(dir.path(), tool, args, &records);
        assert_eq!(lines(&plain).len(), 4, "{tool}");
        let from_file = run_in(dir.path(), tool, &[args, &["records.jsonl"]].concat(), b"");
        assert_eq!(from_file, plain, "{tool} on a gzipped file");
        let from_stdin = run_in(dir.path(), tool, args, &twice);
        assert_eq!(
            from_stdin,
            [plain.clone(), plain].concat(),
            "{tool} on gzip members on stdin"
        );
    }
    let crawl = jsonl(&[
        json!({"url": "https://example.org/a", "html": "<title>A page</title><p>Some words of a page.</p>"}),
    ]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &crawl).unwrap();
    fs::write(dir.path().join("crawl.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let parsed = run_in(
        dir.path(),
        "folio-parse",
        &["--from", "jsonl", "crawl.jsonl.gz"],
        b"",
    );
    assert_eq!(lines(&parsed)[0]["title"], json!("A page"));
    // A gzip stream cut short is a read error where it stops, the lines before it kept.
    folio("folio-filter")
        .write_stdin(gzipped[..gzipped.len() - 12].to_vec())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "folio-filter: <stdin>: cannot read: ",
        ));
}

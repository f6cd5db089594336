//! Builds the benchmark corpus for `make bench`: N posts in the crawled-post format, made by
//! varying the bundled examples (and the shared corpus posts when present) so that no two
//! files are the same: each copy gets its own title suffix, date and an extra first paragraph.
//!
//!     cargo run --release --example bench-corpus -- OUT_DIR N SOURCE_DIR...

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// A failure names the file or folder it was met at, on one line: a bench run that stops says
/// where and why.
fn main() {
    if let Err(err) = run() {
        eprintln!("bench-corpus: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: bench-corpus OUT_DIR N SOURCE_DIR...");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[0]);
    let count: usize = args[1]
        .parse()
        .with_context(|| format!("N must be a number, not {:?}", args[1]))?;
    let mut sources = Vec::new();
    for dir in &args[2..] {
        collect(Path::new(dir), &mut sources)?;
    }
    sources.sort();
    let posts: Vec<(String, String)> = sources
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .filter_map(|text| split(&text))
        .collect();
    if posts.is_empty() {
        bail!("no well-formed posts in {}", args[2..].join(", "));
    }
    let mut bytes = 0usize;
    for i in 0..count {
        let (front, body) = &posts[i % posts.len()];
        let text = vary(front, body, i);
        let dir = out.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let file = dir.join(format!("{i:06}.md"));
        fs::write(&file, &text).with_context(|| format!("writing {}", file.display()))?;
        bytes += text.len();
    }
    eprintln!(
        "bench-corpus: {count} posts, {} MB, from {} sources, in {}",
        bytes / 1_000_000,
        posts.len(),
        out.display()
    );
    Ok(())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("reading {}", dir.display()))?
            .path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Front matter (without fences) and body of a well-formed post; `None` for a malformed one.
fn split(text: &str) -> Option<(String, String)> {
    let rest = text.trim_start().strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some((rest[..end].to_owned(), rest[end + 5..].to_owned()))
}

fn vary(front: &str, body: &str, i: usize) -> String {
    let mut lines = Vec::new();
    for line in front.lines() {
        if let Some(title) = line.strip_prefix("title: ") {
            let quote = title.chars().next().filter(|c| *c == '\'' || *c == '"');
            lines.push(match quote {
                Some(q) => format!("title: {}（{i}）{q}", title.trim_end_matches(q)),
                None => format!("title: {title} ({i})"),
            });
        } else if line.starts_with("date: ") {
            let (day, hour, minute) = (1 + i % 28, i / 28 % 24, i / 672 % 60);
            lines.push(format!(
                "date: 2022-{:02}-{day:02} {hour:02}:{minute:02}:00",
                1 + i % 12
            ));
        } else {
            lines.push(line.to_owned());
        }
    }
    let lead =
        format!("<p>　　第{i}号样稿：本段文字只为让每一篇稿件各不相同，编号 {i} 用于区分。</p>\n");
    let body = match body.find("<div>") {
        Some(at) => format!("{}{lead}{}", &body[..at + 5], &body[at + 5..]),
        None => format!("{lead}{body}"),
    };
    format!("\n---\n{}\n---\n{body}", lines.join("\n"))
}

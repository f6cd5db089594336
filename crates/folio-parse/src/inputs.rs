//! Finding the documents: paths, folders (walked recursively in sorted order, so the output
//! order is stable), glob patterns, `-` for one document on stdin, and `--files-from`.
//! Hidden files and folders met while walking are skipped with a notice, and so is anything
//! that is not a regular file (a FIFO or a socket would wait for a writer forever, a device
//! such as `/dev/zero` never ends); named on the command line, such a file is read, as `cat`
//! reads it.

use std::collections::VecDeque;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use folio_model::driver::{Feed, Original, Rejection};
use folio_model::jsonl::LineTooLong;
use folio_model::Location;

pub use crate::document::Document;
use crate::sniff::{self, Inner, Opened};
use crate::CrawlFields;

/// Paths to read, or why a listed line is not one (where, why).
type Args = Box<dyn Iterator<Item = Result<String, (String, String)>> + Send>;

/// The longest line `--files-from` takes as a path: four times Linux's `PATH_MAX`. A longer
/// one (a list that is not a list, `/dev/zero`) is read past, not held in memory.
const MAX_LISTED_PATH: u64 = 16 << 10;

/// The documents named by the command line, in order, found lazily so that memory does not
/// grow with the number of files.
pub struct Inputs {
    args: Args,
    globbed: VecDeque<String>,
    walk: Option<(PathBuf, walkdir::IntoIter)>,
    /// The most bytes read from stdin for `-`.
    max_bytes: u64,
    /// `--id-root`, resolved: ids come from paths relative to it.
    id_root: Option<PathBuf>,
    /// The walk's folder resolved, when ids are taken from `id_root`.
    walk_resolved: Option<PathBuf>,
    /// The documents inside the input being read (an archive's records, JSON lines).
    inner: Option<Inner>,
    /// Where crawler lines on stdin hold their page, which tells them from a post.
    crawl: CrawlFields,
}

impl Inputs {
    /// `paths` are files, folders, glob patterns or `-`; `files_from` adds one path per line.
    pub fn new(paths: Vec<String>, files_from: Option<Box<dyn BufRead + Send>>) -> Self {
        let listed: Args = match files_from {
            Some(reader) => Box::new(listed_paths(reader)),
            None => Box::new(std::iter::empty()),
        };
        Inputs {
            args: Box::new(paths.into_iter().map(Ok).chain(listed)),
            globbed: VecDeque::new(),
            walk: None,
            max_bytes: folio_model::driver::DEFAULT_MAX_RECORD_BYTES,
            id_root: None,
            walk_resolved: None,
            inner: None,
            crawl: CrawlFields::default(),
        }
    }

    /// The fields a crawler line on stdin holds its page in (`--html-field`,
    /// `--base64-field`): stdin whose first line is a JSON object with one of them is read
    /// as crawler lines.
    pub fn crawl_fields(mut self, fields: CrawlFields) -> Self {
        self.crawl = fields;
        self
    }

    /// Takes every file's id key from its path relative to `root` (a folder), rather than
    /// to the folder given: the same file gets the same id however the input is split into
    /// shards. A file outside `root` is rejected. `None` leaves the ids as they are; an
    /// error is the `--id-root` message.
    pub fn id_root(mut self, root: Option<&Path>) -> Result<Self, String> {
        let Some(root) = root else {
            return Ok(self);
        };
        let failed = |why: &dyn std::fmt::Display| format!("--id-root {}: {why}", root.display());
        let resolved = std::fs::canonicalize(root).map_err(|err| failed(&err))?;
        if !resolved.is_dir() {
            return Err(failed(&"not a folder"));
        }
        self.id_root = Some(resolved);
        Ok(self)
    }

    /// The id key of the file at `path` (`resolved` when known): its path relative to
    /// `--id-root`, or `given` without one.
    fn key(&self, path: &Path, resolved: Option<PathBuf>, given: String) -> Result<String, String> {
        let Some(root) = &self.id_root else {
            return Ok(given);
        };
        let resolved = match resolved {
            Some(resolved) => resolved,
            None => std::fs::canonicalize(path).map_err(|err| format!("cannot read: {err}"))?,
        };
        match resolved.strip_prefix(root) {
            Ok(relative) => Ok(slashed(relative)),
            Err(_) => Err(format!(
                "outside --id-root {}: its id would depend on where it was read from",
                root.display()
            )),
        }
    }

    /// Refuses a document on stdin larger than `bytes` (files are checked when read).
    pub fn max_bytes(mut self, bytes: u64) -> Self {
        self.max_bytes = bytes;
        self
    }

    fn next_in_walk(&mut self) -> Option<Opened> {
        let (root, walker) = self.walk.as_mut()?;
        loop {
            let entry = match walker.next()? {
                Ok(entry) => entry,
                Err(err) => {
                    let place = err
                        .path()
                        .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                    return Some(Opened::One(reject(place, format!("cannot read: {err}"))));
                }
            };
            if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                return Some(Opened::One(skip(entry.path(), "hidden, skipped".into())));
            }
            if entry.file_type().is_dir() {
                continue;
            }
            if !entry.file_type().is_file() {
                let kind = special_kind(&entry.file_type());
                return Some(Opened::One(skip(entry.path(), format!("{kind}, skipped"))));
            }
            let rel = entry.path().strip_prefix(&*root).unwrap_or(entry.path());
            let given = slashed(rel);
            let resolved = self.walk_resolved.as_ref().map(|r| r.join(rel));
            let path = entry.into_path();
            return Some(match self.key(&path, resolved, given) {
                Ok(key) => sniff::open_file(&path, key, self.max_bytes),
                Err(why) => Opened::One(reject(path.display().to_string(), why)),
            });
        }
    }

    /// The first document of an input opened, keeping the rest for later calls.
    fn opened(&mut self, opened: Opened) -> Option<Feed<Document>> {
        match opened {
            Opened::One(feed) => Some(feed),
            Opened::Nothing => None,
            Opened::Many(mut inner) => {
                let first = inner.next();
                self.inner = Some(inner);
                first
            }
        }
    }

    fn open(&mut self, arg: String) -> Option<Feed<Document>> {
        let limit = self.max_bytes;
        if arg == "-" {
            let opened = sniff::open_stream(io::stdin(), None, None, limit, &self.crawl);
            return self.opened(opened);
        }
        let path = PathBuf::from(&arg);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let walker = walkdir::WalkDir::new(&path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter();
                if self.id_root.is_some() {
                    self.walk_resolved = std::fs::canonicalize(&path).ok();
                }
                self.walk = Some((path, walker));
                None
            }
            Ok(meta) => match self.key(&path, None, normalise(&arg)) {
                Ok(key) if meta.is_file() => self.opened(sniff::open_file(&path, key, limit)),
                Ok(key) => self.open_special(path, key),
                Err(why) => Some(reject(arg, why)),
            },
            Err(_) if is_glob(&arg) => self.expand(&arg),
            Err(err) => Some(reject(arg, format!("cannot read: {err}"))),
        }
    }

    /// A named file that is not a regular file (a FIFO, `<(zcat …)`, a device), read as `cat`
    /// reads it: by the worker when named as a post or page, else here, where what it holds
    /// can be told without losing the bytes looked at.
    fn open_special(&mut self, path: PathBuf, key: String) -> Option<Feed<Document>> {
        if sniff::named_as_document(&path) {
            let doc = Document::file(path, key);
            return Some(Feed::Item(doc.location(), doc));
        }
        match std::fs::File::open(&path) {
            Ok(file) => {
                let opened =
                    sniff::open_stream(file, Some(path), Some(key), self.max_bytes, &self.crawl);
                self.opened(opened)
            }
            Err(err) => Some(reject(
                path.display().to_string(),
                format!("cannot read: {err}"),
            )),
        }
    }

    fn expand(&mut self, pattern: &str) -> Option<Feed<Document>> {
        let paths = match glob::glob(pattern) {
            Ok(paths) => paths,
            Err(err) => {
                return Some(reject(
                    pattern.to_owned(),
                    format!("bad glob pattern: {err}"),
                ))
            }
        };
        let mut matched: Vec<String> = paths
            .filter_map(Result::ok)
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if matched.is_empty() {
            return Some(reject(
                pattern.to_owned(),
                "no file matches this pattern".into(),
            ));
        }
        matched.sort();
        self.globbed.extend(matched);
        None
    }
}

impl Iterator for Inputs {
    type Item = Feed<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(inner) = &mut self.inner {
                match inner.next() {
                    Some(found) => return Some(found),
                    None => self.inner = None,
                }
            }
            if self.walk.is_some() {
                match self.next_in_walk() {
                    Some(opened) => match self.opened(opened) {
                        Some(found) => return Some(found),
                        None => continue,
                    },
                    None => self.walk = None,
                }
            }
            let arg = match self.globbed.pop_front() {
                Some(arg) => arg,
                None => match self.args.next()? {
                    Ok(arg) => arg,
                    Err((place, why)) => return Some(reject(place, why)),
                },
            };
            if let Some(found) = self.open(arg) {
                return Some(found);
            }
        }
    }
}

/// The documents one stream holds, told apart as stdin's are: a WARC archive (plain or
/// gzipped), crawler JSON lines, or one document. For a program that holds the bytes itself
/// rather than naming files; each document is then read with `Parser::parse_document`.
pub fn documents_in(
    reader: impl io::Read + Send + 'static,
    crawl: &CrawlFields,
    max_bytes: u64,
) -> Box<dyn Iterator<Item = Feed<Document>> + Send> {
    match sniff::open_stream(reader, None, None, max_bytes, crawl) {
        Opened::Many(inner) => inner,
        Opened::One(feed) => Box::new(std::iter::once(feed)),
        Opened::Nothing => Box::new(std::iter::empty()),
    }
}

/// The non-blank lines of a `--files-from` list, each a path (a line ending in `\r` loses it).
fn listed_paths(
    reader: Box<dyn BufRead + Send>,
) -> impl Iterator<Item = Result<String, (String, String)>> + Send {
    let mut lines =
        folio_model::jsonl::Reader::new(reader, "--files-from").max_line(MAX_LISTED_PATH);
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        Some(match lines.next()? {
            Ok(line) => match String::from_utf8(line.bytes) {
                Ok(path) => Ok(path.trim_end_matches('\r').to_owned()),
                Err(_) => Err((
                    line.location.to_string(),
                    "not UTF-8: not a path".to_owned(),
                )),
            },
            Err(err) => match err.get_ref().and_then(|e| e.downcast_ref::<LineTooLong>()) {
                Some(too_long) => Err((
                    too_long.location.to_string(),
                    format!("a line longer than {MAX_LISTED_PATH} bytes: not a path, skipped"),
                )),
                None => {
                    failed = true;
                    Err(("--files-from".to_owned(), format!("cannot read: {err}")))
                }
            },
        })
    })
    .filter(|listed| listed.as_ref().map_or(true, |path| !path.trim().is_empty()))
}

/// What `paths` name, globs expanded, by identity: what no output of the run may be.
pub fn identities(paths: &[String]) -> folio_model::identity::Inputs {
    let mut inputs = folio_model::identity::Inputs::of(paths);
    for pattern in paths
        .iter()
        .filter(|p| is_glob(p) && !Path::new(p).exists())
    {
        for path in glob::glob(pattern).into_iter().flatten().flatten() {
            inputs.add(&path);
        }
    }
    inputs
}

fn reject<P>(place: String, why: String) -> Feed<P> {
    Feed::Reject(
        Location::file(place.clone()),
        Rejection::new(why, Some(Original::Path(place))),
    )
}

/// A file left out of a folder walk on purpose, with why.
fn skip<P>(path: &Path, why: String) -> Feed<P> {
    let place = path.display().to_string();
    Feed::Skip(
        Location::file(place.clone()),
        Rejection::new(why, Some(Original::Path(place))),
    )
}

/// What a file that is neither a folder nor a regular file is, as a notice names it.
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "not a regular file (a FIFO)";
        }
        if file_type.is_socket() {
            return "not a regular file (a socket)";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "not a regular file (a device)";
        }
    }
    let _ = file_type;
    "not a regular file"
}

fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '['])
}

/// The path as given, without a leading `./`, with `/` separators.
fn normalise(arg: &str) -> String {
    let path = Path::new(arg);
    slashed(path.strip_prefix(".").unwrap_or(path))
}

/// A relative path with `/` between its parts, on every system.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(inputs: Inputs) -> Vec<String> {
        inputs
            .map(|f| match f {
                Feed::Item(loc, _) => format!("item {loc}"),
                Feed::Reject(loc, r) => {
                    format!("reject {loc}: {}", r.why.split(':').next().unwrap_or(""))
                }
                Feed::Skip(loc, skipped) => format!("notice {loc}: {}", skipped.why),
                Feed::Note(loc, note) => format!("note {loc}: {note}"),
            })
            .collect()
    }

    #[test]
    fn folders_are_walked_sorted_and_hidden_entries_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/.git")).unwrap();
        fs::create_dir_all(root.join("a")).unwrap();
        for f in ["b/2.md", "b/1.md", "a/z.md", ".hidden.md", "b/.git/x"] {
            fs::write(root.join(f), "x").unwrap();
        }
        let r = root.display();
        let got = names(Inputs::new(vec![root.display().to_string()], None));
        assert_eq!(
            got,
            [
                format!("notice {r}/.hidden.md: hidden, skipped"),
                format!("item {r}/a/z.md"),
                format!("item {r}/b/.git: hidden, skipped").replace("item", "notice"),
                format!("item {r}/b/1.md"),
                format!("item {r}/b/2.md"),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_sockets_met_in_a_folder_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a.md"), "x").unwrap();
        let fifo = std::ffi::CString::new(root.join("b.fifo").to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let _socket = std::os::unix::net::UnixListener::bind(root.join("c.sock")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("d.md")).unwrap();
        let r = root.display();
        assert_eq!(
            names(Inputs::new(vec![r.to_string()], None)),
            [
                format!("item {r}/a.md"),
                format!("notice {r}/b.fifo: not a regular file (a FIFO), skipped"),
                format!("notice {r}/c.sock: not a regular file (a socket), skipped"),
                format!("notice {r}/d.md: not a regular file (a device), skipped"),
            ]
        );
    }

    #[test]
    fn globs_missing_paths_and_files_from() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["x1.md", "x2.md", "y.md"] {
            fs::write(root.join(f), "x").unwrap();
        }
        let r = root.display();
        let list = format!("{r}/y.md\n\n{r}/nope.md\n");
        let got = names(Inputs::new(
            vec![format!("{r}/x*.md"), format!("{r}/none*.md")],
            Some(Box::new(io::Cursor::new(list))),
        ));
        assert_eq!(
            got,
            [
                format!("item {r}/x1.md"),
                format!("item {r}/x2.md"),
                format!("reject {r}/none*.md: no file matches this pattern"),
                format!("item {r}/y.md"),
                format!("reject {r}/nope.md: cannot read"),
            ]
        );
    }

    #[test]
    fn ids_come_from_url_then_relative_path() {
        let a = Document::file("posts/a/b.md".into(), "a/b.md".into());
        let b = Document::file("elsewhere/a/b.md".into(), "a/b.md".into());
        assert_eq!(a.id(None, b"x"), b.id(None, b"y"));
        assert_ne!(a.id(Some("https://e.com/1"), b"x"), a.id(None, b"x"));
        assert_eq!(
            a.id(Some("https://e.com/1#top"), b""),
            b.id(Some("https://e.com/1"), b"")
        );
        assert_eq!(a.id(None, b"").len(), 16);
        assert_eq!(normalise("./posts/x.md"), "posts/x.md");
    }

    /// What each document of a stream is, by its place.
    fn kinds(bytes: &'static [u8]) -> Vec<String> {
        documents_in(bytes, &CrawlFields::default(), 1 << 20)
            .map(|feed| match feed {
                Feed::Item(at, _) => format!("document {at}"),
                Feed::Reject(at, why) => format!("reject {at}: {}", why.why),
                Feed::Skip(at, _) => format!("skip {at}"),
                Feed::Note(at, _) => format!("note {at}"),
            })
            .collect()
    }

    #[test]
    fn documents_in_a_stream_are_told_apart_as_on_stdin() {
        let warc = include_bytes!("../../../examples/crawl/news.warc");
        let found = kinds(warc);
        let documents = found.iter().filter(|k| k.starts_with("document")).count();
        assert_eq!(documents, 3, "{found:?}");
        assert!(
            found.last().is_some_and(|k| k.starts_with("note")),
            "{found:?}"
        );

        let lines = b"{\"url\": \"https://e.example.com/a\", \"html\": \"<p>a</p>\"}\n\
                      {\"url\": \"https://e.example.com/b\", \"html\": \"<p>b</p>\"}\n";
        assert_eq!(kinds(lines), ["document <stdin>:1", "document <stdin>:2"]);

        assert_eq!(kinds(b"<html><p>one page</p></html>"), ["document <stdin>"]);
        assert!(kinds(b"").is_empty());
    }
}

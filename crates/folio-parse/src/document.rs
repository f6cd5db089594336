//! One document to parse: a post or a page (a file, or stdin read up front), one line of a
//! crawler's JSON lines, or one HTML response taken out of a WARC archive.

use std::path::{Path, PathBuf};

use folio_model::driver::Original;
use folio_model::jsonl::STDIN;
use folio_model::Location;

use crate::archive::Capture;

/// One document to parse: where it is, and the key its id is made from when it has no URL.
#[derive(Debug, Clone)]
pub struct Document {
    /// `None` for stdin.
    pub path: Option<PathBuf>,
    /// The bytes, when they had to be read up front (stdin, a crawler line, a WARC record).
    pub bytes: Option<Vec<u8>>,
    /// The path relative to the folder given, or the path as given for a file.
    id_key: Option<String>,
    origin: Origin,
}

/// What a document's bytes are.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// A whole file or stdin: a post or a page.
    Whole,
    /// One crawler JSON line, read as `--from jsonl` reads it.
    CrawlLine,
    /// The payload of an HTML response in a WARC archive.
    Archived(Box<Capture>),
}

impl Document {
    pub fn file(path: PathBuf, id_key: String) -> Self {
        Document {
            path: Some(path),
            bytes: None,
            id_key: Some(id_key),
            origin: Origin::Whole,
        }
    }

    pub fn stdin(bytes: Vec<u8>) -> Self {
        Document {
            path: None,
            bytes: Some(bytes),
            id_key: None,
            origin: Origin::Whole,
        }
    }

    /// A page from a crawler line of the file `source`: its id comes from its URL or bytes.
    pub fn crawled(source: Option<String>) -> Self {
        Document {
            path: source.map(PathBuf::from),
            bytes: None,
            id_key: None,
            origin: Origin::Whole,
        }
    }

    /// A whole file (or stream) whose bytes were read up front.
    pub(crate) fn read(path: Option<PathBuf>, id_key: Option<String>, bytes: Vec<u8>) -> Self {
        Document {
            path,
            bytes: Some(bytes),
            id_key,
            origin: Origin::Whole,
        }
    }

    /// One crawler JSON line of the file at `path` (`None`: stdin).
    pub(crate) fn crawl_line(path: Option<PathBuf>, line: Vec<u8>) -> Self {
        Document {
            path,
            bytes: Some(line),
            id_key: None,
            origin: Origin::CrawlLine,
        }
    }

    /// The HTML payload of a WARC response record of the archive at `path`.
    pub(crate) fn archived(
        path: Option<PathBuf>,
        id_key: Option<String>,
        payload: Vec<u8>,
        capture: Capture,
    ) -> Self {
        Document {
            path,
            bytes: Some(payload),
            id_key,
            origin: Origin::Archived(Box::new(capture)),
        }
    }

    pub(crate) fn origin(&self) -> &Origin {
        &self.origin
    }

    pub(crate) fn id_key(&self) -> Option<&str> {
        self.id_key.as_deref()
    }

    /// The lower-case file extension, if any (`page.html.gz` gives `html`).
    pub fn extension(&self) -> Option<&str> {
        extension(self.path.as_deref()?)
    }

    /// The path as messages and `source.path` show it.
    pub fn path_text(&self) -> Option<String> {
        self.path.as_ref().map(|p| p.to_string_lossy().into_owned())
    }

    pub fn location(&self) -> Location {
        Location::file(self.path_text().unwrap_or_else(|| STDIN.to_owned()))
    }

    /// What the rejects file keeps of the document when it is refused: the file's path, or
    /// the crawler line itself (a WARC record is named by its archive's path and `where`).
    pub fn original(&self) -> Option<Original> {
        match (&self.origin, &self.bytes) {
            (Origin::CrawlLine, Some(line)) => {
                Some(Original::Line(String::from_utf8_lossy(line).into_owned()))
            }
            _ => self.path_text().map(Original::Path),
        }
    }

    /// The stable id: from the URL when there is one, else from the path relative to the
    /// folder given, else (stdin) from the bytes. 16 hex digits of BLAKE3.
    pub fn id(&self, url: Option<&str>, bytes: &[u8]) -> String {
        let hash = match (url, &self.id_key) {
            (Some(url), _) => {
                blake3::hash(format!("url:{}", url.split('#').next().unwrap_or(url)).as_bytes())
            }
            (None, Some(key)) => blake3::hash(format!("path:{key}").as_bytes()),
            (None, None) => blake3::hash(bytes),
        };
        hash.to_hex()[..16].to_owned()
    }
}

/// The lower-case file extension of `path`, if any, looking through `.gz` (`page.html.gz`
/// gives `html`).
pub(crate) fn extension(path: &Path) -> Option<&str> {
    let path = match path.extension() {
        Some(gz) if gz.eq_ignore_ascii_case("gz") => Path::new(path.file_stem()?),
        _ => path,
    };
    let ext = path.extension()?.to_str()?;
    Some(match ext {
        e if e.eq_ignore_ascii_case("html") => "html",
        e if e.eq_ignore_ascii_case("htm") => "htm",
        e if e.eq_ignore_ascii_case("md") => "md",
        e => e,
    })
}

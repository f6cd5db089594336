//! What a command line asks folio-parse to read: the paths it names and the list
//! `--files-from` reads, turned into [`Inputs`] with the checks every caller needs (stdin
//! read once, nothing named on a terminal).

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};
use std::path::Path;

use crate::{CrawlFields, Inputs};

/// The documents to read, as a command line names them.
pub struct Request<'a> {
    /// Files, folders, glob patterns, or `-` for stdin.
    pub paths: &'a [String],
    /// A file listing more paths, one per line (`-` reads them from stdin).
    pub files_from: Option<&'a str>,
    /// Whether the paths are documents to list (`--from files`); crawler JSON lines are
    /// read from the paths as named, and no list is read.
    pub documents: bool,
}

/// A request with its list opened and stdin decided on, for the driver to check against
/// what the run writes before anything is read.
pub struct Opened {
    paths: Vec<String>,
    listed: Option<Box<dyn BufRead + Send>>,
    list_file: Option<String>,
}

impl Request<'_> {
    /// Opens the `--files-from` list, and reads stdin when nothing else is named; a request
    /// that names nothing on a terminal is refused (the user forgot the paths, and would wait
    /// for nothing), as jq and rg refuse it.
    pub fn open(&self) -> Result<Opened, String> {
        let listed = match self.files_from.filter(|_| self.documents) {
            Some(list) => Some(files_from(list, self.paths)?),
            None => None,
        };
        let mut paths = self.paths.to_vec();
        if self.documents && paths.is_empty() && listed.is_none() {
            if io::stdin().is_terminal() {
                return Err(
                    "no input: give paths, `-` for stdin, or --files-from (see --help)".into(),
                );
            }
            paths.push("-".to_owned());
        }
        Ok(Opened {
            paths,
            listed,
            list_file: self
                .files_from
                .filter(|list| *list != "-")
                .map(str::to_owned),
        })
    }
}

impl Opened {
    /// Every file the run reads: the paths named and the `--files-from` list.
    pub fn identities(&self) -> folio_model::identity::Inputs {
        let mut inputs = crate::inputs::identities(&self.paths);
        if let Some(list) = &self.list_file {
            inputs.add(Path::new(list));
        }
        inputs
    }

    /// The documents to read, ids taken relative to `id_root` when given.
    pub fn inputs(
        self,
        max_bytes: u64,
        crawl: CrawlFields,
        id_root: Option<&Path>,
    ) -> Result<Inputs, String> {
        Inputs::new(self.paths, self.listed)
            .max_bytes(max_bytes)
            .crawl_fields(crawl)
            .id_root(id_root)
    }
}

/// The reader of the `--files-from` list: stdin for `-` (unless a path `-` reads it too),
/// else the file.
fn files_from(list: &str, paths: &[String]) -> Result<Box<dyn BufRead + Send>, String> {
    if list != "-" {
        let file = File::open(list).map_err(|err| format!("--files-from {list}: {err}"))?;
        return Ok(Box::new(BufReader::new(file)));
    }
    if paths.iter().any(|p| p == "-") {
        return Err("--files-from - and the path - cannot both read stdin".into());
    }
    Ok(Box::new(BufReader::new(io::stdin())))
}

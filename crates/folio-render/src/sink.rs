//! The ordered half of a run: results arrive here one by one in input order and go to stdout
//! (with the separators each format needs) or to files under `--out-dir`. Collision suffixes
//! are handed out here, so they follow input order whatever the number of threads.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset};

use crate::atom::{self, FeedInfo};
use crate::index::{self, IndexEntry};
use crate::outdir::{OutDir, Outcome};
use crate::report::{self, Rejections, Tally};
use crate::{Format, Rendered, Renderer};
use folio_model::driver::{Fatal, Output, Rejection};
use folio_model::identity::Inputs;
use folio_model::Location;

/// Title used for pages and feeds that hold many records when `--title` is not given.
pub const DEFAULT_TITLE: &str = "Articles";

/// Between two records of Markdown or text on stdout: a line holding one form feed.
pub const RECORD_SEPARATOR: &str = "\u{c}\n";

/// The file the Atom feed is written to under `--out-dir`.
pub const FEED_FILE: &str = "atom.xml";

/// What became of one record.
#[derive(Debug, PartialEq, Eq)]
pub enum Emitted {
    Written,
    /// A file was already there and `--overwrite` kept it (a notice, not an error).
    Kept(String),
    /// The file could not be written: the record counts as rejected.
    Failed(String),
    /// Writing the file would replace an input: the run stops (exit status 2).
    Refused(String),
}

/// Writes rendered records in order. Build with [`Sink::new`], end with [`Sink::finish`].
pub struct Sink {
    format: Format,
    title: Option<String>,
    feed_url: Option<String>,
    dir: Option<OutDir>,
    index: Option<Vec<IndexEntry>>,
    header: Option<String>,
    feed: Vec<(String, Option<DateTime<FixedOffset>>)>,
    /// `--to report`: the counts so far.
    report: Option<Box<Tally>>,
    count: u64,
    warned_uncleaned: bool,
}

/// Said once a run, at the first record with no `text` or `blocks`.
pub const UNCLEANED: &str = "record never cleaned (no \"text\" or \"blocks\"): its body is \
    cleaned here with folio-clean's built-in rules; run folio-clean first (said once)";

impl Sink {
    /// Opens (creates) the output folder when there is one.
    pub fn new(renderer: &Renderer) -> Result<Sink, String> {
        let options = renderer.options();
        let mut dir = match &options.out_dir {
            Some(path) => Some(OutDir::open(path, options.overwrite)?),
            None => None,
        };
        if let Some(dir) = &mut dir {
            dir.reserve(FEED_FILE);
            if options.index {
                dir.reserve(&format!("index.{}", renderer.extension()));
            }
        }
        let header = match options.format {
            Format::Csv | Format::Tsv => {
                let names: Vec<String> = renderer
                    .columns()
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect();
                Some(csv_line(&names, options.format == Format::Tsv)?)
            }
            _ => None,
        };
        let report = match options.format {
            Format::Report => Some(Box::new(Tally::new(rejections(&options.rejects_from)?))),
            _ => None,
        };
        Ok(Sink {
            format: options.format,
            title: options.title.clone(),
            feed_url: options.feed_url.clone(),
            dir,
            index: options.index.then(Vec::new),
            header,
            feed: Vec::new(),
            report,
            count: 0,
            warned_uncleaned: false,
        })
    }

    /// The run's inputs, which no file under `--out-dir` may replace.
    pub fn protect(&mut self, inputs: Inputs) {
        if let Some(dir) = &mut self.dir {
            dir.protect(inputs);
        }
    }

    /// Takes the next record's output inside a driver's run: counted as written, a file
    /// kept by `--overwrite` as a warning, a file that cannot be written as a reject, and one
    /// that would replace an input as the end of the run (exit 2). The first record never
    /// cleaned is named in a warning.
    pub fn deliver(
        &mut self,
        rendered: Rendered,
        at: &Location,
        out: &mut Output,
    ) -> io::Result<()> {
        if !rendered.cleaned && !self.warned_uncleaned {
            self.warned_uncleaned = true;
            out.warn(at, UNCLEANED);
        }
        match self.emit(rendered, out.stdout())? {
            Emitted::Written => out.count_written(),
            Emitted::Kept(why) => out.warn(at, &why),
            Emitted::Failed(why) => out.reject(at, &Rejection::new(why, None))?,
            Emitted::Refused(why) => return Err(Fatal::error(why)),
        }
        Ok(())
    }

    /// Takes the next record's output. An `Err` is a failure to write stdout.
    pub fn emit(&mut self, rendered: Rendered, out: &mut dyn Write) -> io::Result<Emitted> {
        if self.format == Format::Atom {
            self.feed.push((rendered.text, rendered.date));
            return Ok(Emitted::Written);
        }
        if let Some(tally) = &mut self.report {
            if let Some(facts) = rendered.facts {
                tally.add(*facts);
            }
            return Ok(Emitted::Written);
        }
        let emitted = match &mut self.dir {
            Some(dir) => to_file(dir, &rendered, self.index.as_mut()),
            None => {
                self.write_stdout(&rendered, out)?;
                Emitted::Written
            }
        };
        self.count += 1;
        Ok(emitted)
    }

    fn write_stdout(&mut self, rendered: &Rendered, out: &mut dyn Write) -> io::Result<()> {
        let first = self.count == 0;
        match self.format {
            Format::Markdown | Format::Text if !first => {
                out.write_all(RECORD_SEPARATOR.as_bytes())?
            }
            Format::Html if first => {
                let title = self
                    .title
                    .as_deref()
                    .or(rendered.title.as_deref())
                    .unwrap_or(DEFAULT_TITLE);
                out.write_all(crate::html::page_start(title, None).as_bytes())?;
            }
            Format::Json => out.write_all(if first { b"[\n" } else { b",\n" })?,
            Format::Csv | Format::Tsv if first => self.write_header(out)?,
            _ => {}
        }
        out.write_all(rendered.text.as_bytes())?;
        if self.format == Format::Jsonl {
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn write_header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.header.take() {
            Some(header) => out.write_all(header.as_bytes()),
            None => Ok(()),
        }
    }

    /// Ends the output: closes the stdout page or array, writes the feed and the index.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.format == Format::Atom {
            let info = FeedInfo {
                title: self
                    .title
                    .clone()
                    .unwrap_or_else(|| DEFAULT_TITLE.to_owned()),
                url: self.feed_url.clone(),
            };
            let xml = atom::feed(&info, &self.feed);
            return match &mut self.dir {
                Some(dir) => dir
                    .write_fresh(FEED_FILE, xml.as_bytes())
                    .map_err(io::Error::other),
                None => out.write_all(xml.as_bytes()),
            };
        }
        if let Some(tally) = self.report.take() {
            let title = self.title.as_deref().unwrap_or(report::DEFAULT_TITLE);
            let page = report::page::page(title, &tally);
            return match &mut self.dir {
                Some(dir) => dir
                    .write_fresh(report::REPORT_FILE, page.as_bytes())
                    .map_err(io::Error::other),
                None => out.write_all(page.as_bytes()).and_then(|()| out.flush()),
            };
        }
        if let (Some(dir), Some(entries)) = (&mut self.dir, self.index.take()) {
            let title = self.title.as_deref().unwrap_or(DEFAULT_TITLE);
            let (name, page) = index::page(self.format, title, entries);
            return dir
                .write_fresh(&name, page.as_bytes())
                .map_err(io::Error::other);
        }
        if self.dir.is_some() {
            return Ok(());
        }
        let empty = self.count == 0;
        match self.format {
            Format::Html => {
                if empty {
                    let title = self.title.as_deref().unwrap_or(DEFAULT_TITLE);
                    out.write_all(crate::html::page_start(title, None).as_bytes())?;
                }
                out.write_all(crate::html::PAGE_END.as_bytes())
            }
            Format::Json => out.write_all(if empty { b"[]\n" } else { b"\n]\n" }),
            Format::Csv | Format::Tsv => self.write_header(out),
            _ => Ok(()),
        }?;
        out.flush()
    }
}

fn to_file(dir: &mut OutDir, rendered: &Rendered, index: Option<&mut Vec<IndexEntry>>) -> Emitted {
    let Some(wanted) = rendered.file.as_deref() else {
        return Emitted::Failed("no file name".into());
    };
    let name = dir.unique(wanted);
    let (name, emitted) = match dir.write(&name, rendered.text.as_bytes(), rendered.date) {
        Ok(Outcome::Wrote(name)) => (name, Emitted::Written),
        Ok(Outcome::Kept(name)) => {
            // Quoted, so that the files kept are counted as one kind of warning.
            let why = format!(
                "{:?} exists; kept it (--overwrite)",
                dir.root().join(&name).display().to_string()
            );
            (name, Emitted::Kept(why))
        }
        Ok(Outcome::IsAnInput(why)) => return Emitted::Refused(why),
        Err(why) => return Emitted::Failed(why),
    };
    if let Some(index) = index {
        index.push(IndexEntry {
            title: rendered.title.clone(),
            date: rendered.date,
            file: name,
        });
    }
    emitted
}

/// The rejects files a report sums up, read now (`None` when there are none).
fn rejections(files: &[String]) -> Result<Option<Rejections>, String> {
    if files.is_empty() {
        return Ok(None);
    }
    let mut rejections = Rejections::default();
    for file in files {
        rejections.read(file)?;
    }
    Ok(Some(rejections))
}

/// One CSV (RFC 4180: quoted when needed, CRLF) or TSV (same quoting, LF) line.
pub fn csv_line(cells: &[String], tsv: bool) -> Result<String, String> {
    let mut builder = csv::WriterBuilder::new();
    if tsv {
        builder
            .delimiter(b'\t')
            .terminator(csv::Terminator::Any(b'\n'));
    } else {
        builder.terminator(csv::Terminator::CRLF);
    }
    let mut writer = builder.from_writer(Vec::new());
    writer.write_record(cells).map_err(|e| e.to_string())?;
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let cells = vec![
            "a".to_owned(),
            "b,\"c\"".to_owned(),
            "多\n行".to_owned(),
            String::new(),
        ];
        assert_eq!(
            csv_line(&cells, false).unwrap(),
            "a,\"b,\"\"c\"\"\",\"多\n行\",\r\n"
        );
        assert_eq!(
            csv_line(&cells, true).unwrap(),
            "a\t\"b,\"\"c\"\"\"\t\"多\n行\"\t\n"
        );
    }
}

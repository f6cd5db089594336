//! The inputs of the record tools as a feed: the lines of each input file in turn (gzip
//! undone, too-long lines refused unread), and an input that is not JSON lines said once.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader};
use std::sync::Arc;

use crate::error::Location;
use crate::jsonl::{self, Line, Reader, STDIN};
use crate::looks;

use super::notes::{Original, Rejection};

/// The largest record a tool takes by default: a longer input line, or a larger file for
/// folio-parse, is rejected unread rather than held in memory.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;

/// One thing the input side hands to the driver, in order.
pub enum Feed<P> {
    /// Work to do.
    Item(Location, P),
    /// Input that could not even be read.
    Reject(Location, Rejection),
    /// Input left out on purpose (a FIFO met in a folder walk, a hidden file): a warning on
    /// stderr and a line in `--rejects`, but not an error.
    Skip(Location, Rejection),
    /// A notice about the input read so far, in its place among the results (what an archive
    /// held and what of it was left out): a line on stderr unless `--quiet`, nothing else.
    Note(Location, String),
}

/// The non-blank lines of `inputs` (paths, `-` or none for stdin) as work items, each with
/// its file and line number; a file that cannot be read, or a line longer than
/// [`DEFAULT_MAX_RECORD_BYTES`], is a reject. [`Driver::lines`](super::Driver::lines) applies the run's limit.
pub fn lines(inputs: &[String]) -> impl Iterator<Item = Feed<Vec<u8>>> {
    LineFeed::new(inputs, DEFAULT_MAX_RECORD_BYTES, looks::Reader::Records)
}

/// The lines of JSON-lines inputs, one file after another, opened lazily.
pub(crate) struct LineFeed {
    inputs: std::vec::IntoIter<String>,
    current: Option<Reader<Box<dyn io::BufRead>>>,
    max_line: u64,
    reader: looks::Reader,
    /// The current input's first lines, read ahead to tell whether it is JSON lines.
    ahead: VecDeque<Feed<Vec<u8>>>,
    /// Why the current input is refused, when it is not JSON lines.
    refused: Option<String>,
    /// Whether that reason has been given once (with the first line refused).
    said: bool,
}

impl LineFeed {
    pub(crate) fn new(inputs: &[String], max_line: u64, reader: looks::Reader) -> Self {
        let inputs = if inputs.is_empty() {
            vec!["-".to_owned()]
        } else {
            inputs.to_vec()
        };
        LineFeed {
            inputs: inputs.into_iter(),
            current: None,
            max_line,
            reader,
            ahead: VecDeque::new(),
            refused: None,
            said: false,
        }
    }

    /// Reads the new current input's first non-blank lines into `ahead` and judges them.
    fn look_ahead(&mut self) {
        self.refused = None;
        self.said = false;
        let mut items = 0;
        while items < looks::SAMPLE_LINES && self.current.is_some() {
            match self.next_of_current() {
                Some(feed) => {
                    items += usize::from(matches!(feed, Feed::Item(..)));
                    self.ahead.push_back(feed);
                }
                None => break,
            }
        }
        let sample: Vec<&[u8]> = self
            .ahead
            .iter()
            .filter_map(|feed| match feed {
                Feed::Item(_, bytes) => Some(bytes.as_slice()),
                _ => None,
            })
            .collect();
        self.refused = looks::not_json_lines(&sample).map(|looks| looks.message(self.reader));
    }

    /// The next line (or reject) of the current input; `None` at its end.
    fn next_of_current(&mut self) -> Option<Feed<Vec<u8>>> {
        let reader = self.current.as_mut()?;
        match reader.next() {
            Some(Ok(Line { location, bytes })) => Some(Feed::Item(location, bytes)),
            Some(Err(err)) => {
                if let Some(too_long) = too_long(&err) {
                    // The line was read past, not kept; the file goes on after it.
                    let why = Rejection::new(too_long.to_string(), None);
                    return Some(Feed::Reject(too_long.location.clone(), why));
                }
                // A read error mid-file names the file, so the reject says where.
                let name = reader.source().to_owned();
                self.current = None;
                Some(read_error(name, err))
            }
            None => {
                self.current = None;
                None
            }
        }
    }

    /// A line of an input that is not JSON lines becomes a reject, its reason said once.
    fn refuse(&mut self, feed: Feed<Vec<u8>>) -> Feed<Vec<u8>> {
        match (&self.refused, feed) {
            (Some(why), Feed::Item(location, bytes)) => {
                let original = Original::Line(String::from_utf8_lossy(&bytes).into_owned());
                let mut rejection = Rejection::new(why.clone(), Some(original));
                rejection.again = std::mem::replace(&mut self.said, true);
                Feed::Reject(location, rejection)
            }
            (_, feed) => feed,
        }
    }

    fn open(&self, name: &str) -> io::Result<Reader<Box<dyn io::BufRead>>> {
        if name == "-" {
            let stdin = gunzip_if_gzip(BufReader::with_capacity(256 * 1024, io::stdin()))?;
            return Ok(Reader::new(stdin, STDIN).max_line(self.max_line));
        }
        let file = File::open(name)?;
        let reader = gunzip_if_gzip(BufReader::with_capacity(256 * 1024, file))?;
        Ok(Reader::new(reader, Arc::<str>::from(name)).max_line(self.max_line))
    }
}

/// JSON lines as they come, or inflated when they come gzipped (told by the magic bytes, not
/// the name: `records.jsonl.gz`, `curl … | folio-filter`). Concatenated gzip members are read
/// one after another, as `zcat` does; lines are then bounded by `--max-record-bytes` as any.
pub(crate) fn gunzip_if_gzip<R: io::BufRead + 'static>(
    mut reader: R,
) -> io::Result<Box<dyn io::BufRead>> {
    if reader.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        let inflated = flate2::bufread::MultiGzDecoder::new(reader);
        return Ok(Box::new(BufReader::with_capacity(256 * 1024, inflated)));
    }
    Ok(Box::new(reader))
}

impl Iterator for LineFeed {
    type Item = Feed<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(feed) = self.ahead.pop_front() {
                return Some(self.refuse(feed));
            }
            if let Some(feed) = self.next_of_current() {
                return Some(self.refuse(feed));
            }
            let name = self.inputs.next()?;
            match self.open(&name) {
                Ok(reader) => {
                    self.current = Some(reader);
                    self.look_ahead();
                }
                Err(err) => return Some(read_error(name, err)),
            }
        }
    }
}

pub(crate) fn too_long(err: &io::Error) -> Option<&jsonl::LineTooLong> {
    err.get_ref()?.downcast_ref::<jsonl::LineTooLong>()
}

pub(crate) fn read_error<P>(name: String, err: io::Error) -> Feed<P> {
    let location = Location::file(if name == "-" {
        STDIN.to_owned()
    } else {
        name.clone()
    });
    Feed::Reject(
        location,
        Rejection::new(format!("cannot read: {err}"), Some(Original::Path(name))),
    )
}

//! Writing files under `--out-dir` safely: nothing lands outside the folder (relative names
//! from `naming` only, and no symlink inside the folder is followed), a name used twice in a
//! run gets `-2`, `-3`…, and each file is written to a temporary file beside it and renamed
//! into place, so an interrupted run never leaves half an article. A program that catches
//! SIGINT or SIGTERM calls [`abandon_temporary_files`] before it exits, so that no temporary
//! file is left either.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset};
use folio_model::identity::Inputs;
use folio_model::Keyword;
use unicode_normalization::UnicodeNormalization;

use crate::naming;

/// The temporary file being written and renamed now, if any. It is held locked for the whole
/// write, so that [`abandon_temporary_files`] waits for a file to be whole or gone.
static WRITING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Set once [`abandon_temporary_files`] is called: no new file starts after it, even if the
/// writer takes the lock again before the caller gets it.
static ABANDONED: AtomicBool = AtomicBool::new(false);

/// Removes the temporary file being written, if any, once its write is over, and keeps any
/// other from starting while the returned guard lives: hold it until the process exits.
/// Only whole files are left in the output folder.
pub fn abandon_temporary_files() -> MutexGuard<'static, Option<PathBuf>> {
    ABANDONED.store(true, Ordering::SeqCst);
    let mut writing = WRITING.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(temp) = writing.take() {
        // Gone already (renamed into place, or never created): nothing is left behind.
        let _ = fs::remove_file(temp);
    }
    writing
}

/// What to do when a file of the same name is already there from an earlier run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    Never,
    Always,
    /// Only when the record's date is later than the file's modification time.
    IfNewer,
}

impl Keyword for Overwrite {
    const ALL: &'static [Self] = &[Overwrite::Always, Overwrite::Never, Overwrite::IfNewer];

    fn name(self) -> &'static str {
        match self {
            Overwrite::Never => "never",
            Overwrite::Always => "always",
            Overwrite::IfNewer => "if-newer",
        }
    }
}

impl std::str::FromStr for Overwrite {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        Overwrite::from_name(text)
            .ok_or_else(|| format!("unknown value {text:?} (expected {})", Overwrite::names()))
    }
}

/// What happened to one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Wrote(String),
    Kept(String),
    /// The file there is one of the run's inputs: nothing was written, and the run must stop.
    IsAnInput(String),
}

/// The output folder of one run.
pub struct OutDir {
    root: PathBuf,
    overwrite: Overwrite,
    /// Names given out in this run, composed (NFC) and lower-cased: file systems that
    /// ignore case or normalisation (macOS, Windows) see `A` and `a`, or `Café` composed and
    /// decomposed, as one file.
    used: HashSet<String>,
    temp_counter: u64,
    /// What the run reads: never replaced.
    inputs: Inputs,
}

impl OutDir {
    /// Creates the folder if needed.
    pub fn open(root: &Path, overwrite: Overwrite) -> Result<OutDir, String> {
        fs::create_dir_all(root).map_err(|e| format!("--out-dir {}: {e}", root.display()))?;
        Ok(OutDir {
            root: root.to_owned(),
            overwrite,
            used: HashSet::new(),
            temp_counter: 0,
            inputs: Inputs::default(),
        })
    }

    /// The run's inputs, which no file written may replace, whatever `--overwrite` says.
    pub fn protect(&mut self, inputs: Inputs) {
        self.inputs = inputs;
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Keeps `name` for a file written later (the index), so no article takes it.
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(folded(name));
    }

    /// `name`, or `name-2`, `name-3`… (before the extension, within the length limit of a
    /// name) when it was given out already.
    pub fn unique(&mut self, name: &str) -> String {
        if self.used.insert(folded(name)) {
            return name.to_owned();
        }
        let (dir, file) = name.rsplit_once('/').map_or(("", name), |(d, f)| (d, f));
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        (2u64..)
            .map(|n| format!("{prefix}{}", naming::with_suffix(file, &format!("-{n}"))))
            .find(|candidate| self.used.insert(folded(candidate)))
            .unwrap_or_else(|| name.to_owned())
    }

    /// Writes `bytes` to `name` (relative, `/`-separated, from `naming`), following the
    /// overwrite policy. The file's modification time is set to `date` when there is one.
    pub fn write(
        &mut self,
        name: &str,
        bytes: &[u8],
        date: Option<DateTime<FixedOffset>>,
    ) -> Result<Outcome, String> {
        let target = self
            .prepare(name)
            .map_err(|e| format!("{}: {e}", self.root.join(name).display()))?;
        if let Some(existing) = existing_file(&target)? {
            if self.inputs.holds(&target) {
                return Ok(Outcome::IsAnInput(format!(
                    "{}: is also an input; writing it would destroy it",
                    target.display()
                )));
            }
            if !self.replaces(&existing, date) {
                return Ok(Outcome::Kept(name.to_owned()));
            }
        }
        self.write_atomically(&target, bytes, date)
            .map_err(|e| format!("{}: {e}", target.display()))?;
        Ok(Outcome::Wrote(name.to_owned()))
    }

    /// Writes a file the run owns (index, feed) whatever `--overwrite` says.
    pub fn write_fresh(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        let policy = std::mem::replace(&mut self.overwrite, Overwrite::Always);
        let result = match self.write(name, bytes, None) {
            Ok(Outcome::IsAnInput(why)) => Err(why),
            other => other.map(drop),
        };
        self.overwrite = policy;
        result
    }

    /// Creates the folders of `name` inside the root, refusing any symlink on the way.
    fn prepare(&self, name: &str) -> io::Result<PathBuf> {
        let mut path = self.root.clone();
        let components: Vec<&str> = name.split('/').collect();
        for (n, component) in components.iter().enumerate() {
            if component.is_empty() || *component == "." || *component == ".." {
                return Err(io::Error::other("not a plain relative name"));
            }
            path.push(component);
            if n + 1 == components.len() {
                break;
            }
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => return Err(refused_link()),
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => return Err(io::Error::other("a file stands where a folder is needed")),
                Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&path)?,
                Err(e) => return Err(e),
            }
        }
        Ok(path)
    }

    fn replaces(&self, existing: &fs::Metadata, date: Option<DateTime<FixedOffset>>) -> bool {
        match self.overwrite {
            Overwrite::Always => true,
            Overwrite::Never => false,
            Overwrite::IfNewer => match (date, existing.modified()) {
                (Some(date), Ok(modified)) => SystemTime::from(date) > modified,
                _ => false,
            },
        }
    }

    fn write_atomically(
        &mut self,
        target: &Path,
        bytes: &[u8],
        date: Option<DateTime<FixedOffset>>,
    ) -> io::Result<()> {
        self.temp_counter += 1;
        let file_name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file");
        let temp = target.with_file_name(format!(
            ".{file_name}.{}-{}.tmp",
            std::process::id(),
            self.temp_counter
        ));
        let mut writing = WRITING.lock().unwrap_or_else(PoisonError::into_inner);
        if ABANDONED.load(Ordering::SeqCst) {
            // The process is exiting (see `abandon_temporary_files`): start nothing more.
            drop(writing);
            loop {
                std::thread::park();
            }
        }
        *writing = Some(temp.clone());
        let result = write_new(&temp, bytes, date).and_then(|()| fs::rename(&temp, target));
        if result.is_err() {
            // The temporary file is ours; a failure to remove it changes nothing more.
            let _ = fs::remove_file(&temp);
        }
        *writing = None;
        result
    }
}

/// A name as a file system that ignores case and Unicode normalisation compares it.
fn folded(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase()
}

/// The file already at `target`: `None` when there is none; an error for a symlink or folder.
fn existing_file(target: &Path) -> Result<Option<fs::Metadata>, String> {
    match fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => {
            Err(format!("{}: {}", target.display(), refused_link()))
        }
        Ok(meta) if meta.is_dir() => Err(format!("{}: is a folder", target.display())),
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", target.display())),
    }
}

fn refused_link() -> io::Error {
    io::Error::other("is a symbolic link; refusing to follow it out of --out-dir")
}

/// Writes a new file (never an existing one, never through a symlink) and flushes it to disk.
fn write_new(path: &Path, bytes: &[u8], date: Option<DateTime<FixedOffset>>) -> io::Result<()> {
    let mut file: File = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    if let Some(date) = date {
        file.set_modified(SystemTime::from(date))?;
    }
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_get_suffixes_case_insensitively() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = OutDir::open(dir.path(), Overwrite::Always).unwrap();
        out.reserve("index.html");
        assert_eq!(out.unique("a.md"), "a.md");
        assert_eq!(out.unique("A.md"), "A-2.md");
        assert_eq!(out.unique("a.md"), "a-3.md");
        assert_eq!(out.unique("index.html"), "index-2.html");
        assert_eq!(out.unique("x/y"), "x/y");
        assert_eq!(out.unique("x/y"), "x/y-2");
    }

    #[test]
    fn composed_and_decomposed_names_collide_and_suffixes_keep_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = OutDir::open(dir.path(), Overwrite::Always).unwrap();
        assert_eq!(out.unique("caf\u{e9}.md"), "caf\u{e9}.md");
        assert_eq!(out.unique("cafe\u{301}.md"), "cafe\u{301}-2.md");
        let long = format!("{}.md", "长".repeat(66));
        assert_eq!(out.unique(&long), long);
        let second = out.unique(&long);
        assert!(second.len() <= naming::MAX_COMPONENT, "{}", second.len());
        assert!(second.ends_with("-2.md"), "{second}");
    }

    #[test]
    fn symlinks_inside_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("f.md"), dir.path().join("f.md")).unwrap();
        let mut out = OutDir::open(dir.path(), Overwrite::Always).unwrap();
        assert!(out
            .write("link/a.md", b"x", None)
            .unwrap_err()
            .contains("symbolic link"));
        assert!(out
            .write("f.md", b"x", None)
            .unwrap_err()
            .contains("symbolic link"));
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
    }

    #[test]
    fn overwrite_policies() {
        let dir = tempfile::tempdir().unwrap();
        let old = DateTime::parse_from_rfc3339("2001-01-01T00:00:00+00:00").ok();
        let new = DateTime::parse_from_rfc3339("2030-01-01T00:00:00+00:00").ok();
        let mut out = OutDir::open(dir.path(), Overwrite::Never).unwrap();
        assert_eq!(
            out.write("a.md", b"1", old).unwrap(),
            Outcome::Wrote("a.md".into())
        );
        assert_eq!(
            out.write("a.md", b"2", new).unwrap(),
            Outcome::Kept("a.md".into())
        );
        let mut out = OutDir::open(dir.path(), Overwrite::IfNewer).unwrap();
        assert_eq!(
            out.write("a.md", b"3", old).unwrap(),
            Outcome::Kept("a.md".into())
        );
        assert_eq!(
            out.write("a.md", b"4", None).unwrap(),
            Outcome::Kept("a.md".into())
        );
        assert_eq!(
            out.write("a.md", b"5", new).unwrap(),
            Outcome::Wrote("a.md".into())
        );
        assert_eq!(fs::read(dir.path().join("a.md")).unwrap(), b"5");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }
}

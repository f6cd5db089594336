//! Whether two names are one file, so that no output is opened over an input: a rejects file
//! or an `--out-dir` file that is also read would be emptied or replaced before it is read.
//! Names cannot tell (`./a`, `a`, a link, a hard link); the device and inode can.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// A file's identity: its device and inode (its canonical path where those are not known).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId {
    #[cfg(unix)]
    device_inode: (u64, u64),
    #[cfg(not(unix))]
    canonical: PathBuf,
}

impl FileId {
    /// The identity of the file `path` names (following links); `None` when there is none.
    pub fn of(path: &Path) -> Option<FileId> {
        let metadata = fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId {
                device_inode: (metadata.dev(), metadata.ino()),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            Some(FileId {
                canonical: fs::canonicalize(path).ok()?,
            })
        }
    }

    /// The identity of the file on standard input, when it is a regular file (`< file`).
    pub fn of_stdin() -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            use std::os::unix::fs::MetadataExt;
            let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
            let metadata = fs::File::from(fd).metadata().ok()?;
            metadata.is_file().then(|| FileId {
                device_inode: (metadata.dev(), metadata.ino()),
            })
        }
        #[cfg(not(unix))]
        {
            None
        }
    }
}

/// The files a run reads, by identity, and the folders it walks: what no output may be.
#[derive(Debug, Default)]
pub struct Inputs {
    files: HashSet<FileId>,
    folders: Vec<PathBuf>,
}

impl Inputs {
    /// `names` as the tools take them: paths, `-` for stdin; stdin is read when `names` is
    /// empty too. Names that do not exist (yet) are left out: nothing is there to destroy.
    pub fn of(names: &[String]) -> Inputs {
        let mut inputs = Inputs::default();
        if names.is_empty() || names.iter().any(|name| name == "-") {
            inputs.files.extend(FileId::of_stdin());
        }
        for name in names.iter().filter(|name| *name != "-") {
            inputs.add(Path::new(name));
        }
        inputs
    }

    /// One more input path: a file, or a folder whose files are all read.
    pub fn add(&mut self, path: &Path) {
        if path.is_dir() {
            self.folders.extend(fs::canonicalize(path).ok());
        } else {
            self.files.extend(FileId::of(path));
        }
    }

    /// Whether `path` names an input, or a place inside a folder that is read, which it
    /// would become once written.
    pub fn holds(&self, path: &Path) -> bool {
        if FileId::of(path).is_some_and(|id| self.files.contains(&id)) {
            return true;
        }
        if self.folders.is_empty() {
            return false;
        }
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        fs::canonicalize(parent)
            .is_ok_and(|parent| self.folders.iter().any(|folder| parent.starts_with(folder)))
    }

    /// Whether `id` is one of the input files.
    pub fn contains(&self, id: &FileId) -> bool {
        self.files.contains(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_under_two_names_is_one_input() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("records.jsonl");
        fs::write(&file, "{}\n").unwrap();
        let linked = dir.path().join("linked.jsonl");
        fs::hard_link(&file, &linked).unwrap();
        let inputs = Inputs::of(&[file.display().to_string()]);
        assert!(inputs.holds(&linked));
        assert!(inputs.holds(&dir.path().join(".").join("records.jsonl")));
        assert!(!inputs.holds(&dir.path().join("other.jsonl")));
    }

    #[test]
    fn a_new_file_inside_a_walked_folder_is_an_input() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("posts")).unwrap();
        let inputs = Inputs::of(&[dir.path().join("posts").display().to_string()]);
        assert!(inputs.holds(&dir.path().join("posts").join("rejects.jsonl")));
        assert!(!inputs.holds(&dir.path().join("rejects.jsonl")));
    }
}

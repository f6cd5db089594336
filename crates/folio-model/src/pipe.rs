//! Wider pipes between the stages of a pipeline, and standard output written directly.
//!
//! A Linux pipe holds 64 KiB by default. A whole-page record is often larger, so the writing
//! stage blocks until the reading stage has taken its previous record in full, and the two
//! processes of `folio-parse | folio-clean` take turns instead of running side by side.
//! Raising the pipe to 1 MiB (the most an unprivileged process may ask for) lets them overlap.

/// The size asked for; the kernel refuses more than `/proc/sys/fs/pipe-max-size`.
#[cfg(target_os = "linux")]
const PIPE_BYTES: libc::c_int = 1 << 20;

/// Widens standard input and standard output when they are pipes; anything else (a file, a
/// terminal) or a refusal is left as it is, since a narrow pipe is only slower.
pub(crate) fn widen_standard_pipes() {
    #[cfg(target_os = "linux")]
    for fd in [libc::STDIN_FILENO, libc::STDOUT_FILENO] {
        // SAFETY: fstat and fcntl on a descriptor number only read or change kernel state for
        // that descriptor; `stat` is a plain C struct that fstat fills in.
        unsafe {
            let mut stat: libc::stat = std::mem::zeroed();
            if libc::fstat(fd, &mut stat) == 0 && stat.st_mode & libc::S_IFMT == libc::S_IFIFO {
                libc::fcntl(fd, libc::F_SETPIPE_SZ, PIPE_BYTES);
            }
        }
    }
}

/// Whether standard output is a pipe (into another program), told by `fstat`; false where
/// that cannot be told.
pub(crate) fn stdout_is_a_pipe() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: fstat only reads the kernel's state of descriptor 1 into `stat`, a plain C
        // struct.
        unsafe {
            let mut stat: libc::stat = std::mem::zeroed();
            libc::fstat(libc::STDOUT_FILENO, &mut stat) == 0
                && stat.st_mode & libc::S_IFMT == libc::S_IFIFO
        }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Whether the process was started with standard output closed (`tool >&-`). Rust's runtime
/// opens `/dev/null` in place of a closed standard descriptor before `main`, so a tool would
/// write its whole output into nothing and exit 0; the descriptor is looked at before that,
/// from the ELF initialisers, which the loader runs ahead of the runtime.
#[cfg(target_os = "linux")]
static STDOUT_CLOSED_AT_START: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static NOTE_CLOSED_STDOUT: extern "C" fn() = {
    extern "C" fn note_closed_stdout() {
        // SAFETY: F_GETFD only asks whether descriptor 1 is open; it changes nothing.
        if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
            STDOUT_CLOSED_AT_START.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    note_closed_stdout
};

/// Whether standard output was closed when the process started (see above); always false
/// where that cannot be told.
pub(crate) fn stdout_closed_at_start() -> bool {
    #[cfg(target_os = "linux")]
    {
        STDOUT_CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Standard output for a writer that does its own buffering.
///
/// std's `Stdout` is line-buffered: it searches every write for its last newline, which is a
/// pass over every byte a stage writes. On Unix the driver writes to a duplicate of the
/// descriptor instead, straight to the kernel.
pub(crate) enum StdoutSink {
    #[cfg(unix)]
    Direct(std::fs::File),
    Std(std::io::Stdout),
    /// Standard output was closed at start: every write fails as it would have.
    Closed,
}

impl StdoutSink {
    pub(crate) fn new() -> StdoutSink {
        if stdout_closed_at_start() {
            return StdoutSink::Closed;
        }
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
                return StdoutSink::Direct(std::fs::File::from(fd));
            }
        }
        StdoutSink::Std(std::io::stdout())
    }
}

impl std::io::Write for StdoutSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            #[cfg(unix)]
            StdoutSink::Direct(file) => file.write(buf),
            StdoutSink::Std(stdout) => stdout.write(buf),
            StdoutSink::Closed => Err(closed()),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            #[cfg(unix)]
            StdoutSink::Direct(file) => file.write_all(buf),
            StdoutSink::Std(stdout) => stdout.write_all(buf),
            StdoutSink::Closed => Err(closed()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            #[cfg(unix)]
            StdoutSink::Direct(file) => file.flush(),
            StdoutSink::Std(stdout) => stdout.flush(),
            StdoutSink::Closed => Ok(()),
        }
    }
}

fn closed() -> std::io::Error {
    std::io::Error::other("standard output is closed")
}

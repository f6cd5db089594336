//! The exit-code table shared by every tool (docs/model.md, "Exit status").

use std::process::ExitCode;

/// How a run ended. The numbers are part of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Every record was fine (records dropped on purpose by folio-filter included).
    Ok = 0,
    /// Some input was rejected as bad; everything else was written.
    Rejected = 1,
    /// Usage or configuration error, or output that could not be written.
    Usage = 2,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_documented_ones() {
        assert_eq!(Exit::Ok.code(), 0);
        assert_eq!(Exit::Rejected.code(), 1);
        assert_eq!(Exit::Usage.code(), 2);
        assert!(Exit::Usage > Exit::Rejected);
    }
}

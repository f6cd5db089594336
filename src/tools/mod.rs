//! Each binary's command line and `main`: its clap definition, its [`Page`](crate::Page) (the
//! `--rejects` help, examples and exit statuses of `--help` and the man page), and the run it
//! starts. They live in the library, not in src/bin/, so that each binary is one call.

pub mod clean;
pub mod filter;
pub mod folio;
pub mod parse;
pub mod render;

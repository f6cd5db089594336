//! folio-parse: crawled posts, whole web pages and crawler JSON lines to JSON-lines records,
//! the first stage of every folio pipeline.

use std::process::ExitCode;

fn main() -> ExitCode {
    folio::tools::parse::main()
}

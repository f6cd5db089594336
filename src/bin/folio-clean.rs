//! folio-clean: turns each record's body HTML into the article alone — blocks, text, credits,
//! language — between folio-parse and folio-filter in the pipeline.

use std::process::ExitCode;

fn main() -> ExitCode {
    folio::tools::clean::main()
}

//! folio-filter: keeps or drops records (predicates, dedup, quality) between folio-clean and
//! folio-render, and never changes a kept one.

use std::process::ExitCode;

fn main() -> ExitCode {
    folio::tools::filter::main()
}

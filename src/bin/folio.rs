//! folio: the tools in one process. `folio run` is `folio-parse | folio-clean | folio-filter |
//! folio-render` with each page parsed once and no JSON between the stages; same output bytes.

use std::process::ExitCode;

fn main() -> ExitCode {
    folio::tools::folio::main()
}

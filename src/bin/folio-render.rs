//! folio-render: the end of the pipeline; records to Markdown, text, HTML, JSON, CSV/TSV,
//! templates or an Atom feed, on stdout or one file per record under a folder; or one page
//! that reports on them all.

use std::process::ExitCode;

fn main() -> ExitCode {
    folio::tools::render::main()
}

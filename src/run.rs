//! `folio run`: the pipeline `folio-parse | folio-clean | folio-filter | folio-render` in one
//! process, through the four libraries. Each whole page is parsed once (for its metadata and
//! its article), records are not written and read between stages, and the output is the
//! pipe's, byte for byte: every stage gets exactly what it would have read from the one
//! before (a test holds the two equal).

use std::io;

use folio_model::driver::{Driver, Notes, Output, Rejection, Tool};
use folio_model::{jsonl, Exit, Location};
use folio_render::{Rendered, Renderer, Sink};

/// The stages stamped in `stages`, as the separate tools stamp them.
const PARSE: Tool = crate::tool!("folio-parse");
const CLEAN: Tool = crate::tool!("folio-clean");

/// What a run does beyond parsing: each stage is left out when `None`.
pub struct Stages {
    pub parse: folio_parse::Options,
    pub clean: Option<folio_clean::Options>,
    pub filter: Option<folio_filter::Options>,
    pub render: Option<folio_render::Options>,
}

/// One input, through every per-record stage (the parallel part).
struct Worked {
    /// The record as the pipe would write it after the last per-record stage.
    line: Vec<u8>,
    judged: Option<folio_filter::Judged>,
    rendered: Option<Result<Rendered, String>>,
}

/// Runs the stages over `inputs` and gives the exit status, as the last tool of the pipe
/// would (a reject in any stage counts).
pub fn run(driver: &Driver, inputs: folio_parse::Inputs, stages: Stages) -> Exit {
    let parser = folio_parse::Parser::new(stages.parse);
    let cleaner = match stages.clean.map(folio_clean::Cleaner::new) {
        Some(Ok(cleaner)) => Some(cleaner),
        Some(Err(err)) => return driver.fatal(err),
        None => None,
    };
    let filter = match stages.filter.map(folio_filter::Filter::new).transpose() {
        Ok(filter) => filter,
        Err(err) => return driver.fatal(err),
    };
    let (renderer, mut sink) = match stages
        .render
        .map(|options| Renderer::new(options).and_then(|r| Sink::new(&r).map(|s| (r, s))))
    {
        Some(Ok((renderer, sink))) => (Some(renderer), Some(sink)),
        Some(Err(err)) => return driver.fatal(err),
        None => (None, None),
    };
    let mut selector = filter.as_ref().map(folio_filter::Filter::selector);

    let work =
        |doc: folio_parse::Document, notes: &mut Notes| -> Result<Option<Worked>, Rejection> {
            let reject = |why: String| Rejection::new(why, doc.original());
            let Some((mut record, page)) = parser
                .parse_document_with_page(&doc, notes)
                .map_err(|err| reject(err.why))?
            else {
                return Ok(None);
            };
            PARSE.stamp(&mut record);
            if let Some(cleaner) = &cleaner {
                record = cleaner
                    .clean_with_page(record, page.as_ref(), notes)
                    .map_err(reject)?;
                CLEAN.stamp(&mut record);
            }
            let line = jsonl::encode(&record);
            // Rendered here, in parallel, even if the filter drops the record afterwards.
            let rendered = renderer.as_ref().map(|renderer| renderer.render(&record));
            let judged = match &filter {
                Some(filter) => Some(filter.judge(line.clone(), notes)?),
                None => None,
            };
            Ok(Some(Worked {
                line,
                judged,
                rendered,
            }))
        };
    let write = |worked: Option<Worked>, at: &Location, out: &mut Output| -> io::Result<()> {
        let Some(worked) = worked else {
            return Ok(());
        };
        if let (Some(selector), Some(judged)) = (&mut selector, &worked.judged) {
            if !selector.keep(judged, at, out)? {
                return Ok(());
            }
        }
        match (worked.rendered, &mut sink) {
            (Some(Ok(rendered)), Some(sink)) => sink.deliver(rendered, at, out)?,
            (Some(Err(why)), _) => out.reject(at, &Rejection::new(why, None))?,
            _ => out.write_line(&worked.line)?,
        }
        Ok(())
    };
    let status = driver.run(inputs, work, write);
    match sink.map(|sink| sink.finish(&mut io::stdout().lock())) {
        Some(Err(err)) if err.kind() != io::ErrorKind::BrokenPipe => driver.fatal(err),
        _ => status,
    }
}

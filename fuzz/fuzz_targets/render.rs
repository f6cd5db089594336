//! Every renderer of folio-render (each `--to` format, each front-matter flavour, a template,
//! stdout and `--out-dir` forms, the file name) on a record read from the input as one JSON
//! line, and the report page on it.
#![no_main]

use std::sync::OnceLock;

use folio_model::jsonl;
use folio_render::report::{page, Facts, Tally};
use folio_render::{Flavour, Format, HugoFormat, Options, Renderer};
use libfuzzer_sys::fuzz_target;

const TEMPLATE: &str = include_str!("../../tests/fixtures/folio-render/post.md.j2");

fn renderers() -> &'static [Renderer] {
    static RENDERERS: OnceLock<Vec<Renderer>> = OnceLock::new();
    RENDERERS.get_or_init(|| {
        let with = |format, front_matter, hugo_format, out_dir: bool| Options {
            format,
            front_matter,
            hugo_format,
            out_dir: out_dir.then(|| "out".into()),
            ..Options::default()
        };
        let mut all = vec![
            with(Format::Markdown, Flavour::Hexo, HugoFormat::Toml, false),
            with(Format::Markdown, Flavour::Hugo, HugoFormat::Toml, false),
            with(Format::Markdown, Flavour::Hugo, HugoFormat::Yaml, false),
            with(Format::Markdown, Flavour::Jekyll, HugoFormat::Toml, false),
            with(Format::Markdown, Flavour::None, HugoFormat::Toml, true),
            with(Format::Text, Flavour::Hexo, HugoFormat::Toml, false),
            with(Format::Html, Flavour::Hexo, HugoFormat::Toml, false),
            with(Format::Html, Flavour::Hexo, HugoFormat::Toml, true),
            with(Format::Json, Flavour::Hexo, HugoFormat::Toml, true),
            with(Format::Jsonl, Flavour::Hexo, HugoFormat::Toml, false),
            with(Format::Csv, Flavour::Hexo, HugoFormat::Toml, false),
            with(Format::Tsv, Flavour::Hexo, HugoFormat::Toml, false),
            with(Format::Atom, Flavour::Hexo, HugoFormat::Toml, false),
            with(Format::Report, Flavour::Hexo, HugoFormat::Toml, false),
        ];
        all.push(Options {
            template: Some(("post.md.j2".into(), TEMPLATE.into())),
            out_dir: Some("out".into()),
            name: "{date:%Y/%m}/{slug}-{id}.{ext}".into(),
            ..Options::default()
        });
        all.into_iter()
            .map(|options| Renderer::new(options).expect("valid options"))
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(record) = jsonl::parse_record(data) else {
        return;
    };
    for renderer in renderers() {
        let _ = renderer.render(&record);
    }
    let mut tally = Tally::new(None);
    tally.add(Facts::of(&record));
    let _ = page::page("report", &tally);
});

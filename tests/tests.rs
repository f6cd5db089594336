//! End-to-end tests: the real binaries, run on fixtures, good input and bad.

mod util;

mod clean;
mod cli;
mod contract;
mod docs;
mod filter;
mod foreign;
mod hostile;
mod pages;
mod pages_clean;
mod parse;
mod pipeline;
mod render;
mod report;
mod warc;

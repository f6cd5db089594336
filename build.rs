//! Links the binaries as fixed-address executables on Linux (glibc). A position-independent
//! one has some 74,000 pointers in its tables (html5ever's entity and name tables, whatlang's
//! profiles, the rule lists) that the loader rebases at every start, page by page: a third to
//! a half of a small run's start-up (docs/performance.md, "Start-up"). The tools are started
//! once per shard, or once per call from another program, so that start is paid often.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

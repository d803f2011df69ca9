//! Tidiness the project promises: every Rust module opens with a `//!` line saying what it owns.

use std::path::Path;

fn visit(dir: &Path, missing: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if name != "target" && !name.starts_with('.') {
                visit(&p, missing);
            }
        } else if name.ends_with(".rs") {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            if !text.trim_start().starts_with("//!") {
                missing.push(p.display().to_string());
            }
        }
    }
}

#[test]
fn every_module_says_what_it_owns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for dir in [
        "src",
        "bot-core",
        "config",
        "discord-adapter",
        "matrix-adapter",
        "tests",
    ] {
        visit(&root.join(dir), &mut missing);
    }
    assert!(
        missing.is_empty(),
        "modules without a `//!` first line:\n{}",
        missing.join("\n")
    );
}

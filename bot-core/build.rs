//! Lists the message files (`locales/<language>/*.ftl`) so the core ships them in its binary:
//! a file added to a language's folder is picked up without naming it anywhere.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for lang in std::fs::read_dir(&root).expect("bot-core/locales") {
        let lang = lang.expect("a locales entry").path();
        if !lang.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&lang).expect("a language folder") {
            let file = file.expect("a message file").path();
            if file.extension().and_then(|e| e.to_str()) == Some("ftl") {
                files.push(file);
            }
        }
    }
    files.sort();
    let mut out = String::from("/// (language code, file name, contents) of every message file.\n");
    out.push_str("pub(crate) static FILES: &[(&str, &str, &str)] = &[\n");
    for f in &files {
        let lang = f
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str());
        let name = f.file_name().and_then(|n| n.to_str());
        writeln!(
            out,
            "    ({:?}, {:?}, include_str!({:?})),",
            lang.unwrap_or_default(),
            name.unwrap_or_default(),
            f.display().to_string()
        )
        .expect("writing to a string");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("locales.rs");
    std::fs::write(dest, out).expect("writing the message file list");
}

//! The domain's modules build on each other one way: no module imports, directly or through
//! others, a module that imports it. Read from the sources, so a new circle fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which sibling modules each domain module names (`use super::x`, `super::x::…`,
/// `crate::domain::x`).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("the domain folder") {
        let path = entry.expect("a directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let text = std::fs::read_to_string(&path).expect("a readable module");
        files.insert(name.to_string(), text);
    }
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(name, text)| {
            let mut named = BTreeSet::new();
            for prefix in ["super::", "crate::domain::"] {
                for (i, _) in text.match_indices(prefix) {
                    let rest = &text[i + prefix.len()..];
                    let word: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                        .collect();
                    if modules.contains(&word) && &word != name {
                        named.insert(word);
                    }
                }
            }
            (name.clone(), named)
        })
        .collect()
}

/// A path of imports from `from` back to `from`, if there is one.
fn circle_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().cloned().unwrap_or_default();
        for next in graph.get(&last).into_iter().flatten() {
            if next == from {
                let mut circle = path.clone();
                circle.push(next.clone());
                return Some(circle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn no_domain_module_imports_one_that_imports_it() {
    let graph = imports();
    assert!(graph.contains_key("place") && graph.contains_key("round"));
    let circles: Vec<String> = graph
        .keys()
        .filter_map(|m| circle_through(&graph, m))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn a_circle_is_found() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        circle_through(&graph, "a"),
        Some(vec!["a".to_string(), "b".to_string(), "a".to_string()])
    );
    graph.insert("b".to_string(), BTreeSet::new());
    assert_eq!(circle_through(&graph, "a"), None);
}

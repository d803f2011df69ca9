//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `word`, if it is close enough to be a likely typo. Case, `_` and `-`
/// are ignored when comparing (`applicationId` suggests `application_id`).
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = normalise(word);
    candidates
        .iter()
        .filter_map(|c| {
            let candidate = normalise(c);
            let distance = edit_distance(&word, &candidate);
            let allowed = (word.len().max(candidate.len()) / 3).max(1);
            (distance <= allowed).then_some((distance, *c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn normalise(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Levenshtein distance.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_close_names_only() {
        let bot = ["prefix", "data_dir"];
        assert_eq!(closest("prefx", &bot), Some("prefix"));
        assert_eq!(closest("datadir", &bot), Some("data_dir"));
        assert_eq!(closest("promt", &bot), None);
        let discord = ["application_id", "guild_ids", "admin_role"];
        assert_eq!(closest("applicationId", &discord), Some("application_id"));
        assert_eq!(closest("guilds", &discord), Some("guild_ids"));
        assert_eq!(closest("colour", &discord), None);
    }
}

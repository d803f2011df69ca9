//! "Did you mean …?": the closest known name to a misspelt one, by strsim's Levenshtein distance.

/// The candidate closest to `word`, if it is close enough to be a likely typo. Case, `_` and `-`
/// are ignored when comparing (`applicationId` suggests `application_id`).
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = normalise(word);
    candidates
        .iter()
        .filter_map(|c| {
            let candidate = normalise(c);
            let distance = strsim::levenshtein(&word, &candidate);
            let allowed = (word.chars().count().max(candidate.chars().count()) / 3).max(1);
            (distance <= allowed).then_some((distance, *c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
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

//! Durations in settings (`database.lease`): read by humantime, in whole numbers, with our
//! bounds and plain-English reasons.

use std::time::Duration;

use crate::validate::show;
use crate::{MAX_LEASE, MIN_LEASE};

/// Units offered when a duration's unit is misspelt: humantime's names for the units a
/// duration here is written in.
const DURATION_UNITS: &[&str] = &[
    "ms", "s", "m", "h", "msec", "millis", "sec", "secs", "second", "seconds", "min", "mins",
    "minute", "minutes", "hr", "hrs", "hour", "hours",
];

/// Spellings of milliseconds that were always read here but that humantime does not know; each
/// is read as `ms`.
const MORE_MILLISECONDS: &[&str] = &["msecs", "millisecond", "milliseconds"];

/// A human duration, read by humantime: whole numbers with units, such as `10s`, `1500ms`, `1m`,
/// `1m30s` or `1m 30s` (units in any case: `1M` is a minute, as it always was here, not
/// humantime's month). Too large values saturate (range checks report them). Humantime's
/// errors become a short reason in plain English.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    use humantime::DurationError;

    let mut text = text.trim().to_string();
    // humantime reads `1.5s`; a setting here is written in whole numbers.
    if text.contains(['.', ',']) {
        return Err("use whole numbers, such as `1500ms` instead of `1.5s`".into());
    }
    loop {
        // Lowercasing ASCII keeps byte offsets, so humantime's offsets point into `text`.
        return match humantime::parse_duration(&text.to_ascii_lowercase()) {
            Ok(duration) => Ok(duration),
            Err(DurationError::Empty) => Err("it is empty".into()),
            Err(DurationError::NumberOverflow) => Ok(Duration::from_millis(u64::MAX)),
            Err(DurationError::UnknownUnit { unit, value, .. }) if unit.is_empty() => Err(format!(
                "the unit after `{value}` is missing; write `{value}s` for seconds"
            )),
            Err(DurationError::UnknownUnit {
                unit, start, end, ..
            }) if MORE_MILLISECONDS.contains(&unit.as_str()) => {
                text.replace_range(start..end, "ms");
                continue;
            }
            Err(DurationError::UnknownUnit { start, end, .. }) => {
                let unit = &text[start..end];
                let hint = crate::suggest::closest(unit, DURATION_UNITS)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                Err(format!(
                    "`{}` is not a unit of time (use ms, s, m or h){hint}",
                    show(unit)
                ))
            }
            Err(DurationError::NumberExpected(at) | DurationError::InvalidCharacter(at)) => {
                let rest = &text[at..];
                Err(if rest.starts_with('-') {
                    "it is negative".into()
                } else {
                    format!("`{}` does not start with a number", show(rest))
                })
            }
        };
    }
}

/// `database.lease`: a duration from [`MIN_LEASE`] to [`MAX_LEASE`].
pub(crate) fn parse_lease(text: &str) -> Result<Duration, String> {
    let lease = parse_duration(text)?;
    if lease < MIN_LEASE {
        Err(format!(
            "it is shorter than {}: other processes would take over from a live one that is \
             only a little slow",
            humantime::format_duration(MIN_LEASE)
        ))
    } else if lease > MAX_LEASE {
        Err(format!(
            "it is longer than {}: meetings would wait that long after a process stops",
            humantime::format_duration(MAX_LEASE)
        ))
    } else {
        Ok(lease)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let ms = |t: &str| parse_duration(t).map(|d| d.as_millis());
        assert_eq!(ms("10s"), Ok(10_000));
        assert_eq!(ms("1500ms"), Ok(1500));
        assert_eq!(ms("1m"), Ok(60_000));
        assert_eq!(ms(" 1m30s "), Ok(90_000));
        assert_eq!(ms("1m 30s"), Ok(90_000));
        assert_eq!(ms("2 seconds"), Ok(2000));
        assert_eq!(ms("1H"), Ok(3_600_000));
        // Any case means the same unit: `M` is a minute here, not humantime's month.
        assert_eq!(ms("1M"), Ok(60_000));
        assert_eq!(ms("1min 30secs"), Ok(90_000));
        // Long forms of milliseconds that humantime does not know are still read.
        assert_eq!(ms("1500 Milliseconds"), Ok(1500));
        assert_eq!(ms("1s 1millisecond 2msecs"), Ok(1003));
        assert_eq!(ms("0s"), Ok(0));
        assert_eq!(ms("99999999999999999999999h"), Ok(u64::MAX.into()));
        for (bad, reason) in [
            ("", "it is empty"),
            (
                "10",
                "the unit after `10` is missing; write `10s` for seconds",
            ),
            ("1.5s", "use whole numbers"),
            ("-5s", "it is negative"),
            ("s", "`s` does not start with a number"),
            ("10 secnds", "did you mean `seconds`?"),
            (
                "10 fortnights",
                "`fortnights` is not a unit of time (use ms, s, m or h)",
            ),
            ("1m30", "the unit after `30` is missing"),
            ("1,5s", "use whole numbers"),
            ("10S!", "`!` does not start with a number"),
            ("10 Secnds", "`Secnds` is not a unit of time"),
        ] {
            let err = parse_duration(bad).unwrap_err();
            assert!(err.contains(reason), "{bad:?}: {err}");
        }
    }

    #[test]
    fn leases() {
        assert_eq!(parse_lease("1s"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_lease("10m"), Ok(Duration::from_secs(600)));
        assert!(parse_lease("999ms")
            .unwrap_err()
            .starts_with("it is shorter than 1s"));
        assert!(parse_lease("10m1ms")
            .unwrap_err()
            .starts_with("it is longer than 10m"));
    }
}

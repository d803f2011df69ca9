//! Calendar arithmetic for schedules, pure: the WHEN forms (simple words or 5-field cron), time
//! zones, the next start of a recurring meeting (DST-correct through croner + chrono-tz), and dates.

use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use std::str::FromStr;

use super::ids::Timestamp;
use super::lang::Lang;
use super::text::{say, Span};
use super::typed::{as_typed, quoted, syntax};
use crate::say;

/// A parsed WHEN: what the admin typed (normalised) and the 5-field cron it means.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct When {
    pub text: String,
    pub cron: String,
}

const DAYS: [(&str, &str); 7] = [
    ("sun", "0"),
    ("mon", "1"),
    ("tue", "2"),
    ("wed", "3"),
    ("thu", "4"),
    ("fri", "5"),
    ("sat", "6"),
];

/// The forms that work, as the error messages offer them (each as typed).
fn examples() -> Span {
    say!(
        "calendar-examples",
        weekly = as_typed("weekly tue 19:00"),
        weekly_days = as_typed("weekly mon,thu 18:30"),
        daily = as_typed("daily 08:00"),
        monthly = as_typed("monthly 2nd tue 19:00"),
        cron = as_typed("0 19 * * 2")
    )
}

fn day(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    let w = w.get(..3).unwrap_or(&w).to_string();
    DAYS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n)
}

fn clock(word: &str) -> Result<(u32, u32), Span> {
    let not_a_time = || say!("calendar-not-a-time", typed = quoted(word, 40));
    let (h, m) = word.split_once(':').ok_or_else(not_a_time)?;
    let h: u32 = h.parse().map_err(|_| not_a_time())?;
    let m: u32 = m.parse().map_err(|_| not_a_time())?;
    if h > 23 || m > 59 || word.len() > 5 {
        return Err(say!("calendar-not-a-time-of-day", typed = quoted(word, 40)));
    }
    Ok((h, m))
}

/// Reads a time of day like `20:30` (hour, minute); what is wrong, in the bot's words.
pub fn parse_clock(raw: &str) -> Result<(u32, u32), Span> {
    clock(raw.trim())
}

/// The first instant strictly after `after` at which the zone's clocks show `hour:minute`
/// (DST-correct, like a schedule's start).
pub fn next_clock(hour: u32, minute: u32, tz: &str, after: Timestamp) -> Option<Timestamp> {
    next_start(&format!("{minute} {hour} * * *"), tz, after)
}

/// Parses a WHEN: a simple form or a standard 5-field cron expression. What is wrong is said in
/// the bot's words (`calendar.ftl`), the member's input in them as member text.
pub fn parse_when(raw: &str) -> Result<When, Span> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let text = words.join(" ");
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let unknown = || {
        let form_second = lower
            .get(1)
            .is_some_and(|w| ["daily", "weekly", "monthly"].contains(&w.as_str()));
        if words.len() > 5 || form_second {
            say!(
                "calendar-unknown-name",
                typed = quoted(&text, 60),
                examples = examples()
            )
        } else {
            say!(
                "calendar-unknown",
                typed = quoted(&text, 60),
                examples = examples()
            )
        }
    };
    // Words after a simple form's time that are neither a zone nor a duration.
    let extra = |form_len: usize| {
        say!(
            "calendar-extra",
            typed = quoted(&words[form_len..].join(" "), 40),
            zone = as_typed("Europe/Berlin"),
            duration = as_typed("90m")
        )
    };
    let not_weekday = |d: &str, days: &str| {
        say!(
            "calendar-not-weekday",
            typed = quoted(d, 40),
            days = syntax(days)
        )
    };
    let cron = match lower.first().map(String::as_str) {
        None => return Err(say!("calendar-missing", examples = examples())),
        Some("daily") => match &lower[1..] {
            [t] => {
                let (h, m) = clock(t)?;
                format!("{m} {h} * * *")
            }
            [_, ..] if lower.len() > 2 && clock(&lower[1]).is_ok() => return Err(extra(2)),
            _ => {
                return Err(say!(
                    "calendar-write-like",
                    form = as_typed("daily HH:MM"),
                    example = as_typed("daily 08:00")
                ))
            }
        },
        Some("weekly") => match &lower[1..] {
            [days, t] => {
                let (h, m) = clock(t)?;
                let mut nums = Vec::new();
                for d in days.split(',') {
                    nums.push(
                        day(d)
                            .ok_or_else(|| not_weekday(d, "mon, tue, wed, thu, fri, sat, sun"))?,
                    );
                }
                format!("{m} {h} * * {}", nums.join(","))
            }
            [_, t, ..] if clock(t).is_ok() => return Err(extra(3)),
            _ => {
                return Err(say!(
                    "calendar-write-like-or",
                    form = as_typed("weekly DAYS HH:MM"),
                    example = as_typed("weekly tue 19:00"),
                    other = as_typed("weekly mon,thu 18:30")
                ))
            }
        },
        Some("monthly") => match &lower[1..] {
            [nth, d, t] => {
                let (h, m) = clock(t)?;
                let dn = day(d).ok_or_else(|| not_weekday(d, "mon … sun"))?;
                let n = match nth.as_str() {
                    "1st" | "first" => "1",
                    "2nd" | "second" => "2",
                    "3rd" | "third" => "3",
                    "4th" | "fourth" => "4",
                    "5th" | "fifth" => "5",
                    "last" => "L",
                    _ => {
                        let mut items = Vec::new();
                        for (i, w) in ["1st", "2nd", "3rd", "4th", "5th"].iter().enumerate() {
                            if i > 0 {
                                items.push(say::t(", "));
                            }
                            items.push(syntax(w));
                        }
                        return Err(say!(
                            "calendar-nth",
                            typed = quoted(nth, 40),
                            choices = say!("parse-either", items = items, last = syntax("last"))
                        ));
                    }
                };
                format!("{m} {h} * * {dn}#{n}")
            }
            [dom, t] => {
                let (h, m) = clock(t)?;
                let n: u32 = dom
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .parse()
                    .ok()
                    .filter(|n| (1..=31).contains(n))
                    .ok_or_else(|| {
                        say!(
                            "calendar-not-day-of-month",
                            typed = quoted(dom, 40),
                            example = as_typed("2nd tue")
                        )
                    })?;
                format!("{m} {h} {n} * *")
            }
            [_, _, t, ..] if clock(t).is_ok() => return Err(extra(4)),
            _ => {
                return Err(say!(
                    "calendar-write-either",
                    form = as_typed("monthly 2nd tue 19:00"),
                    other = as_typed("monthly 15 19:00")
                ))
            }
        },
        Some(_) => {
            if words.len() != 5 {
                return Err(unknown());
            }
            // An empty item in a list (`1,`, `,5`) would be a field that never matches, which
            // the never-happens check below could only find by walking years of minutes.
            if let Some(w) = words.iter().find(|w| w.split(',').any(str::is_empty)) {
                return Err(say!(
                    "calendar-empty-item",
                    typed = quoted(w, 40),
                    example = as_typed("1,15")
                ));
            }
            text.clone()
        }
    };
    let parsed = croner::Cron::from_str(&cron).map_err(|_| unknown())?;
    // A schedule that never fires (e.g. 30 February) is a mistake worth saying now.
    let probe = Utc.timestamp_millis_opt(0).single().expect("epoch");
    if parsed.find_next_occurrence(&probe, false).is_err() {
        return Err(say!(
            "calendar-never",
            typed = quoted(&text, 40),
            examples = examples()
        ));
    }
    Ok(When { text, cron })
}

/// Parses an IANA time zone name, case-insensitively (`Europe/Berlin`, `america/new_york`, `UTC`).
pub fn parse_zone(raw: &str) -> Result<String, Span> {
    Tz::from_str_insensitive(raw.trim())
        .map(|tz| tz.name().to_string())
        .map_err(|_| {
            say!(
                "calendar-not-a-zone",
                typed = quoted(raw, 40),
                zone = as_typed("Europe/Berlin"),
                other = as_typed("America/New_York")
            )
        })
}

fn zone(name: &str) -> Tz {
    Tz::from_str(name).unwrap_or(Tz::UTC)
}

/// The first start strictly after `after`, in the zone's local time (DST-correct: a start in a
/// spring-forward gap moves to just after the gap; an ambiguous autumn time happens once).
pub fn next_start(cron: &str, tz: &str, after: Timestamp) -> Option<Timestamp> {
    let cron = croner::Cron::from_str(cron).ok()?;
    let local = Utc
        .timestamp_millis_opt(after.0)
        .single()?
        .with_timezone(&zone(tz));
    let next = cron.find_next_occurrence(&local, false).ok()?;
    Some(Timestamp(next.timestamp_millis()))
}

/// An instant in a zone's local time, by a chrono format (empty when out of range).
fn format_in(at: Timestamp, tz: &str, format: &str) -> String {
    Utc.timestamp_millis_opt(at.0)
        .single()
        .map(|t| t.with_timezone(&zone(tz)).format(format).to_string())
        .unwrap_or_default()
}

/// The local calendar date of an instant in a zone, as `YYYY-MM-DD`.
pub fn local_date(at: Timestamp, tz: &str) -> String {
    format_in(at, tz, "%Y-%m-%d")
}

/// The local clock time of an instant in a zone, as `HH:MM:SS`.
pub fn local_time(at: Timestamp, tz: &str) -> String {
    format_in(at, tz, "%H:%M:%S")
}

/// A scheduled meeting's date and time in its zone, in `lang` (`date-zoned` in `calendar.ftl`):
/// `Tue 3 Mar 2026, 19:00 CET (Europe/Berlin)`, `mar 3 mar 2026, 19:00 CET (Europe/Berlin)`.
/// Empty when out of range.
pub fn format_zoned(at: Timestamp, tz: &str, lang: Lang) -> String {
    zoned_words(at, tz)
        .map(|span| match span {
            Span::Say(s) => crate::i18n::text(lang, &s),
            _ => String::new(),
        })
        .unwrap_or_default()
}

/// The words of [`format_zoned`]: the weekday and month select their names, the numbers and
/// the zone's abbreviation are placed as they are.
fn zoned_words(at: Timestamp, tz: &str) -> Option<Span> {
    use chrono::Datelike;
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let local = Utc
        .timestamp_millis_opt(at.0)
        .single()?
        .with_timezone(&zone(tz));
    let abbreviation = local.format("%Z").to_string();
    let weekday = WEEKDAYS[local.weekday().num_days_from_monday() as usize];
    let month = MONTHS[local.month0() as usize];
    let day = local.day();
    let year = say::t(local.year().to_string());
    let time = say::t(local.format("%H:%M").to_string());
    // `UTC (UTC)` says nothing twice; `CET (Europe/Berlin)` says where.
    Some(if abbreviation == tz {
        say!(
            "date-zoned",
            weekday = weekday,
            day = day,
            month = month,
            year = year,
            time = time,
            zone = say::t(abbreviation)
        )
    } else {
        say!(
            "date-zoned-where",
            weekday = weekday,
            day = day,
            month = month,
            year = year,
            time = time,
            zone = say::t(abbreviation),
            tz = say::t(tz)
        )
    })
}

/// A clock time in a zone, with the zone's abbreviation: `19:02:00 UTC`, `20:02:00 CET`,
/// `00:32:00 IST` (an unknown zone is UTC).
pub fn format_clock(at: Timestamp, tz: &str) -> String {
    format_in(at, tz, "%H:%M:%S %Z")
}

/// The date `days` before `date` (`YYYY-MM-DD`).
/// The local date of an instant in a zone, as a day number (days since 1970-01-01): four bytes
/// where a date must be kept per member.
pub fn local_day(at: Timestamp, tz: &str) -> i32 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    chrono::NaiveDate::from_str(&local_date(at, tz))
        .map(|d| (d - epoch).num_days() as i32)
        .unwrap_or(0)
}

/// A day number ([`local_day`]) as `YYYY-MM-DD`.
pub fn day_text(day: i32) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    epoch
        .checked_add_signed(chrono::Duration::days(day.into()))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub fn date_minus_days(date: &str, days: u32) -> String {
    chrono::NaiveDate::from_str(date)
        .ok()
        .and_then(|d| d.checked_sub_days(chrono::Days::new(days as u64)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_day_is_the_zone_s_date_as_a_number() {
        // 23:30 in New York on 1 March is already 2 March in UTC.
        let late = at("2026-03-02T04:30:00Z");
        assert_eq!(day_text(local_day(late, "UTC")), "2026-03-02");
        assert_eq!(day_text(local_day(late, "America/New_York")), "2026-03-01");
        assert_eq!(
            local_day(late, "UTC") - local_day(late, "America/New_York"),
            1
        );
        assert_eq!(day_text(0), "1970-01-01");
    }

    fn at(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    #[test]
    fn simple_forms_become_cron() {
        assert_eq!(parse_when("daily 08:00").unwrap().cron, "0 8 * * *");
        assert_eq!(parse_when("Weekly Tue 19:00").unwrap().cron, "0 19 * * 2");
        assert_eq!(
            parse_when("weekly mon,thu 18:30").unwrap().cron,
            "30 18 * * 1,4"
        );
        assert_eq!(
            parse_when("monthly 2nd tue 19:00").unwrap().cron,
            "0 19 * * 2#2"
        );
        assert_eq!(
            parse_when("monthly last fri 18:00").unwrap().cron,
            "0 18 * * 5#L"
        );
        assert_eq!(parse_when("monthly 15 19:00").unwrap().cron, "0 19 15 * *");
        assert_eq!(parse_when("0 19 * * 2").unwrap().cron, "0 19 * * 2");
    }

    /// What is wrong, as an English reader reads it.
    fn why<T: std::fmt::Debug>(r: Result<T, Span>) -> String {
        crate::render::plain(&super::super::text::Message::line(vec![r.unwrap_err()]))
    }

    #[test]
    fn bad_whens_say_what_works() {
        assert!(why(parse_when("weekly tuesday 25:00")).contains("time of day"));
        assert!(why(parse_when("weekly funday 19:00")).contains("not a weekday"));
        assert_eq!(
            why(parse_when("every tuesday")),
            "“every tuesday” is not a schedule I understand; try `weekly tue 19:00`, \
             `weekly mon,thu 18:30`, `daily 08:00`, `monthly 2nd tue 19:00`, or a cron \
             expression like `0 19 * * 2`"
        );
        assert!(why(parse_when("0 19 * *")).contains("cron expression"));
        assert!(why(parse_when("0 0 30 2 *")).contains("never happens"));
        assert!(parse_when("0 19 * * 9").is_err());
        // Found by fuzzing (its time bound is checked in tests/fuzz_parsers.rs, outside the
        // pure domain): an empty list item made the never-happens check walk for seconds.
        assert!(why(parse_when(", * 2, * 2")).contains("empty item in a list"));
        assert!(parse_when("0 19,, * * *").is_err());
        assert_eq!(
            why(parse_when("weekly tue 19:00 Mars/Olympus")),
            "“Mars/Olympus” after the time is neither a time zone (like `Europe/Berlin`) nor a \
             duration (like `90m`)"
        );
        assert_eq!(
            why(parse_when("monthly sixth tue 19:00")),
            "“sixth” should be 1st, 2nd, 3rd, 4th, 5th or last"
        );
        // Member input is member text, never the bot's words.
        match parse_when("weekly <b>x</b> 19:00").unwrap_err() {
            Span::Say(s) => assert!(
                s.args
                    .iter()
                    .any(|(_, a)| matches!(a, crate::domain::Arg::Span(Span::User(_)))),
                "{s:?}"
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            why(parse_clock("25:00")),
            "“25:00” is not a time of day (00:00 to 23:59)"
        );
    }

    #[test]
    fn clock_times_say_their_zone() {
        let at = Timestamp(1_700_000_000_000); // 2023-11-14 22:13:20 UTC
        assert_eq!(format_clock(at, "UTC"), "22:13:20 UTC");
        assert_eq!(format_clock(at, "Europe/Berlin"), "23:13:20 CET");
        assert_eq!(format_clock(at, "Asia/Kolkata"), "03:43:20 IST");
        assert_eq!(format_clock(at, "Mars/Olympus"), "22:13:20 UTC");
        // Summer time has its own name.
        assert_eq!(
            format_clock(Timestamp(1_690_000_000_000), "Europe/Berlin"),
            "06:26:40 CEST"
        );
    }

    #[test]
    fn zones() {
        assert_eq!(parse_zone("europe/berlin").unwrap(), "Europe/Berlin");
        assert_eq!(parse_zone("UTC").unwrap(), "UTC");
        assert_eq!(
            why(parse_zone("Mars/Olympus")),
            "“Mars/Olympus” is not a time zone name like `Europe/Berlin` or `America/New_York`"
        );
    }

    #[test]
    fn berlin_evening_stays_local_across_both_transitions() {
        // 2026: CEST begins Sun 29 Mar, ends Sun 25 Oct.
        let cron = "0 19 * * 2";
        assert_eq!(
            next_start(cron, "Europe/Berlin", at("2026-03-20T00:00:00Z")),
            Some(at("2026-03-24T18:00:00Z"))
        );
        assert_eq!(
            next_start(cron, "Europe/Berlin", at("2026-03-25T00:00:00Z")),
            Some(at("2026-03-31T17:00:00Z"))
        );
        assert_eq!(
            next_start(cron, "Europe/Berlin", at("2026-10-21T00:00:00Z")),
            Some(at("2026-10-27T18:00:00Z"))
        );
    }

    #[test]
    fn a_start_in_the_spring_gap_happens_once_just_after_it() {
        // 02:30 does not exist in Berlin on 29 Mar 2026 (02:00 -> 03:00).
        let s = next_start("30 2 * * *", "Europe/Berlin", at("2026-03-28T12:00:00Z")).unwrap();
        assert_eq!(local_date(s, "Europe/Berlin"), "2026-03-29");
        let again = next_start("30 2 * * *", "Europe/Berlin", s).unwrap();
        assert_eq!(
            local_date(again, "Europe/Berlin"),
            "2026-03-30",
            "fires once on the gap day"
        );
    }

    #[test]
    fn an_ambiguous_autumn_time_happens_once() {
        // 02:30 happens twice in Berlin on 25 Oct 2026.
        let s = next_start("30 2 * * *", "Europe/Berlin", at("2026-10-24T12:00:00Z")).unwrap();
        let again = next_start("30 2 * * *", "Europe/Berlin", s).unwrap();
        assert_eq!(local_date(s, "Europe/Berlin"), "2026-10-25");
        assert_eq!(local_date(again, "Europe/Berlin"), "2026-10-26");
    }

    #[test]
    fn dates_and_formatting() {
        assert_eq!(
            local_date(at("2026-03-02T23:30:00Z"), "Europe/Berlin"),
            "2026-03-03"
        );
        assert_eq!(date_minus_days("2026-03-03", 30), "2026-02-01");
        let evening = at("2026-03-03T18:00:00Z");
        assert_eq!(
            format_zoned(evening, "Europe/Berlin", Lang::En),
            "Tue 3 Mar 2026, 19:00 CET (Europe/Berlin)"
        );
        assert_eq!(
            format_zoned(evening, "UTC", Lang::En),
            "Tue 3 Mar 2026, 18:00 UTC"
        );
        assert_eq!(
            format_zoned(evening, "Europe/Berlin", Lang::De),
            "Di., 3. März 2026, 19:00 CET (Europe/Berlin)"
        );
        assert_eq!(
            format_zoned(evening, "UTC", Lang::Es),
            "mar, 3 de marzo de 2026, 18:00 UTC"
        );
        assert_eq!(
            format_zoned(at("2026-08-01T10:00:00Z"), "UTC", Lang::Fr),
            "sam. 1er août 2026, 10:00 UTC"
        );
        assert_eq!(
            format_zoned(at("2026-12-27T10:00:00Z"), "UTC", Lang::PtBr),
            "dom, 27 de dezembro de 2026, 10:00 UTC"
        );
    }
}

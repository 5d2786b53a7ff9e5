//! French for users: dates and times as people write and read them ("20/01/2026",
//! "mardi 20 janvier 2026", "14 h 30"), lengths of time ("25:00", "1 h 05", "20 min"),
//! parsing what they type, and plurals.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Lowercase without accents, to match what people type ("lefevre" finds "Lefèvre").
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'ç' => 'c',
            '’' => '\'',
            c => c,
        })
        .collect()
}

/// "lundi", "mardi"…
pub fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// "mardi 20 janvier 2026" ("1er" for the first of the month).
pub fn date_long(date: NaiveDate) -> String {
    let day = match date.day() {
        1 => "1er".to_string(),
        d => d.to_string(),
    };
    format!(
        "{} {day} {} {}",
        weekday(date.weekday()),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// "20/01/2026".
pub fn date_short(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// "14 h 30", "9 h".
pub fn time(time: NaiveTime) -> String {
    match time.minute() {
        0 => format!("{} h", time.hour()),
        m => hours(time.hour().into(), m.into(), ' '),
    }
}

/// A time as the forms show it for editing: "14h05".
pub fn time_typed(time: NaiveTime) -> String {
    time.format("%Hh%M").to_string()
}

/// A timer: "12:30" left, "1:02:05" past an hour, "+2:15" overrun (negative `seconds`).
pub fn countdown(seconds: i64) -> String {
    let sign = if seconds < 0 { "+" } else { "" };
    let s = seconds.unsigned_abs();
    if s >= 3600 {
        format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{sign}{}:{:02}", s / 60, s % 60)
    }
}

/// How long since something started, in hours and minutes: "0 h 05", "2 h 30" (none if
/// negative).
pub fn elapsed(minutes: i64) -> String {
    let minutes = minutes.max(0).unsigned_abs();
    hours(minutes / 60, minutes % 60, ' ')
}

/// A length of time: "20 min", "1 h", "1 h 45".
pub fn duration(minutes: u32) -> String {
    duration_spaced(minutes, ' ')
}

/// A length of time with `space` between numbers and units (a non-breaking one in documents).
pub fn duration_spaced(minutes: u32, space: char) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}{space}min"),
        (h, 0) => format!("{h}{space}h"),
        (h, m) => hours(h.into(), m.into(), space),
    }
}

/// "1 h 05".
fn hours(h: u64, m: u64, space: char) -> String {
    format!("{h}{space}h{space}{m:02}")
}

/// A date typed by a user: "20/01/2026", "1/3/27", "01/03/2027", "1 mars 2027", "1er mars"
/// (also "20-01-2026", "20.01.2026", "2026-01-20"). A two-digit year is in the 2000s; a date
/// without a year is the next one to come after `today`… unless no `today` is given, in which
/// case the year is required.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    parse_date_from(text, None)
}

/// [`parse_date`], with the day it is typed on, for dates written without their year.
pub fn parse_date_from(text: &str, today: Option<NaiveDate>) -> Result<NaiveDate, String> {
    let text = text.trim();
    let expected = || {
        format!(
            "date « {text} » non reconnue : écrivez-la jj/mm/aaaa (20/01/2026, 1/3/27) ou en toutes lettres (1 mars 2027)"
        )
    };
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.' | ','))
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    // A weekday in front ("mardi 8 décembre 2026") says nothing more.
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !WEEKDAYS.iter().any(|d| fold(d) == *w))
        .collect();
    let number = |w: &str| -> Option<u32> {
        let w = w.strip_suffix("er").unwrap_or(w);
        w.parse().ok()
    };
    // A month's name, or the start of only one ("janv", "sept", "déc").
    let month_named = |w: &str| {
        let names: Vec<String> = MONTHS.iter().map(|m| fold(m)).collect();
        if let Some(i) = names.iter().position(|m| m == w) {
            return Some(i as u32 + 1);
        }
        let starts: Vec<usize> = (0..12)
            .filter(|&i| w.len() >= 3 && names[i].starts_with(w))
            .collect();
        match starts[..] {
            [i] => Some(i as u32 + 1),
            _ => None,
        }
    };
    let (year, month, day, year_digits) = match words.as_slice() {
        [a, b, c] if a.len() == 4 => (number(a), number(b), number(c), 4),
        [a, b, c] => (
            number(c),
            number(b).or_else(|| month_named(b)),
            number(a),
            c.len(),
        ),
        [a, b] => match (today, number(a), number(b).or_else(|| month_named(b))) {
            (Some(today), Some(day), Some(month)) => {
                let this = NaiveDate::from_ymd_opt(today.year(), month, day);
                let year = match this {
                    Some(d) if d < today => today.year() + 1,
                    _ => today.year(),
                };
                (Some(year as u32), Some(month), Some(day), 4)
            }
            _ => return Err(expected()),
        },
        _ => return Err(expected()),
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(expected());
    };
    let year = match year_digits {
        2 => 2000 + year,
        4 => year,
        _ => return Err(expected()),
    };
    if !(1..=12).contains(&month) {
        return Err(format!("date « {text} » : il n'y a pas de mois {month}"));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| {
        format!(
            "date « {text} » : le {day} {} {year} n'existe pas",
            MONTHS[month as usize - 1]
        )
    })
}

/// A time typed by a user: "14h30", "14:30", "14 h", "9h05".
pub fn parse_time(text: &str) -> Result<NaiveTime, String> {
    let cleaned: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let expected = || {
        format!(
            "heure « {} » non reconnue : écrivez-la par exemple 14h30 ou 14:30",
            text.trim()
        )
    };
    let (h, m) = cleaned
        .split_once(['h', ':'])
        .map(|(h, m)| {
            (
                h.to_string(),
                if m.is_empty() {
                    "0".to_string()
                } else {
                    m.to_string()
                },
            )
        })
        .ok_or_else(expected)?;
    let (h, m) = (
        h.parse::<u32>().map_err(|_| expected())?,
        m.parse::<u32>().map_err(|_| expected())?,
    );
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(expected)
}

/// "1 réunion", "2 réunions", "aucune réunion" is left to callers.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n <= 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn long_dates_read_as_in_french() {
        assert_eq!(date_long(day(2026, 11, 30)), "lundi 30 novembre 2026");
        assert_eq!(date_long(day(2026, 1, 1)), "jeudi 1er janvier 2026");
        assert_eq!(date_long(day(2025, 8, 15)), "vendredi 15 août 2025");
        assert_eq!(date_short(day(2026, 1, 5)), "05/01/2026");
    }

    #[test]
    fn typed_dates_are_understood_in_common_forms() {
        for text in [
            "20/01/2026",
            " 20/1/2026 ",
            "20-01-2026",
            "20.01.2026",
            "2026-01-20",
            "20/1/26",
            "20 janvier 2026",
            "20 Janvier 2026",
            "mardi 20 janvier 2026",
            "20 janv. 2026",
            "20 janv 26",
        ] {
            assert_eq!(parse_date(text), Ok(day(2026, 1, 20)), "{text}");
        }
        for text in ["1/3/27", "01/03/2027", "1 mars 2027", "1er mars 2027"] {
            assert_eq!(parse_date(text), Ok(day(2027, 3, 1)), "{text}");
        }
        assert_eq!(parse_date("8 déc 2026"), Ok(day(2026, 12, 8)));
        assert_eq!(parse_date("8 decembre 2026"), Ok(day(2026, 12, 8)));
        // Without its year: the next such day.
        let today = Some(day(2026, 12, 2));
        assert_eq!(parse_date_from("1 mars", today), Ok(day(2027, 3, 1)));
        assert_eq!(parse_date_from("15/12", today), Ok(day(2026, 12, 15)));
        assert_eq!(parse_date_from("2 décembre", today), Ok(day(2026, 12, 2)));
    }

    #[test]
    fn bad_dates_are_refused_with_a_french_reason() {
        assert_eq!(
            parse_date("31/02/2026").unwrap_err(),
            "date « 31/02/2026 » : le 31 février 2026 n'existe pas"
        );
        assert!(
            parse_date("20/13/2026")
                .unwrap_err()
                .contains("pas de mois 13")
        );
        for bad in [
            "",
            "demain",
            "20/01",
            "2026/01",
            "1/2/3",
            "1 ju 2027",
            "1 ma 2027",
            "1 fooo 2027",
        ] {
            assert!(parse_date(bad).unwrap_err().contains("jj/mm/aaaa"), "{bad}");
        }
    }

    #[test]
    fn times_are_typed_and_shown_the_french_way() {
        let t = NaiveTime::from_hms_opt(14, 30, 0).unwrap();
        for text in ["14h30", "14:30", "14 h 30", "14H30"] {
            assert_eq!(parse_time(text), Ok(t), "{text}");
        }
        assert_eq!(
            parse_time("9h"),
            Ok(NaiveTime::from_hms_opt(9, 0, 0).unwrap())
        );
        assert!(parse_time("25h").is_err());
        assert!(parse_time("midi").unwrap_err().contains("14h30"));
        assert_eq!(time(t), "14 h 30");
        assert_eq!(time(NaiveTime::from_hms_opt(9, 0, 0).unwrap()), "9 h");
    }

    #[test]
    fn lengths_of_time_read_the_french_way() {
        assert_eq!(countdown(750), "12:30");
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(1500), "25:00");
        assert_eq!(countdown(-135), "+2:15");
        assert_eq!(countdown(3725), "1:02:05");
        assert_eq!(countdown(-3600), "+1:00:00");
        assert_eq!(elapsed(5), "0 h 05");
        assert_eq!(elapsed(150), "2 h 30");
        assert_eq!(elapsed(-3), "0 h 00");
        assert_eq!(duration(20), "20 min");
        assert_eq!(duration(60), "1 h");
        assert_eq!(duration(105), "1 h 45");
        assert_eq!(duration(0), "0 min");
        assert_eq!(duration_spaced(65, '\u{a0}'), "1\u{a0}h\u{a0}05");
        let five_past = NaiveTime::from_hms_opt(14, 5, 0).unwrap();
        assert_eq!(time(five_past), "14 h 05");
        assert_eq!(time_typed(five_past), "14h05");
        assert_eq!(time(NaiveTime::from_hms_opt(9, 0, 0).unwrap()), "9 h");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "réunion", "réunions"), "1 réunion");
        assert_eq!(count(0, "réunion", "réunions"), "0 réunion");
        assert_eq!(count(3, "objectif", "objectifs"), "3 objectifs");
    }
}

//! French for users: dates and times as people write and read them ("20/01/2026",
//! "mardi 20 janvier 2026", "14 h 30"), parsing what they type, and plurals.

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
        m => format!("{} h {m:02}", time.hour()),
    }
}

/// A date typed by a user: "20/01/2026" (also "20-01-2026", "20.01.2026", "2026-01-20").
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let expected =
        || format!("date « {text} » non reconnue : écrivez-la jj/mm/aaaa, par exemple 20/01/2026");
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| expected())?;
    let [a, b, c] = numbers[..] else {
        return Err(expected());
    };
    let (year, month, day) = if parts[0].trim().len() == 4 {
        (a, b, c)
    } else if parts[2].trim().len() == 4 {
        (c, b, a)
    } else {
        return Err(expected());
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
        ] {
            assert_eq!(parse_date(text), Ok(day(2026, 1, 20)), "{text}");
        }
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
        for bad in ["", "demain", "20/01", "20/01/26", "2026/01", "1/2/3"] {
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
    fn counts_agree_in_number() {
        assert_eq!(count(1, "réunion", "réunions"), "1 réunion");
        assert_eq!(count(0, "réunion", "réunions"), "0 réunion");
        assert_eq!(count(3, "objectif", "objectifs"), "3 objectifs");
    }
}

//! The Danish working-day calendar: public holidays (from the date of Easter) and counting working days
//! for agenda dispatch deadlines, consultation reply deadlines and countdowns.
//!
//! A *working day* is Monday to Friday and not one of the days below. The list follows Danish state
//! practice for deadlines, which is wider than the statutory holidays ("helligdage"):
//!
//! | Day | Date |
//! |---|---|
//! | Nytårsdag | 1 January |
//! | Skærtorsdag | Easter Sunday − 3 |
//! | Langfredag | Easter Sunday − 2 |
//! | Påskedag | Easter Sunday |
//! | 2. påskedag | Easter Sunday + 1 |
//! | Store bededag | Easter Sunday + 26 (the fourth Friday after Easter), **only up to and including 2023**; abolished as a public holiday from 2024 |
//! | Kristi himmelfartsdag | Easter Sunday + 39 |
//! | Pinsedag | Easter Sunday + 49 |
//! | 2. pinsedag | Easter Sunday + 50 |
//! | Grundlovsdag | 5 June |
//! | Juleaftensdag | 24 December |
//! | Juledag | 25 December |
//! | 2. juledag | 26 December |
//! | Nytårsaftensdag | 31 December |
//!
//! Grundlovsdag, juleaftensdag and nytårsaftensdag are not statutory holidays, but state institutions
//! close on them (by agreement, or from noon), so a deadline is never put on them and they are not counted
//! as working days. This is a deliberate choice: it makes deadlines one day more generous, never tighter.
//! Pinsedag and påskedag always fall on a Sunday; they are listed so that [`is_holiday`] names them.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday of a year in the Gregorian calendar (the anonymous Gregorian computus, also known as
/// the Meeus/Jones/Butcher algorithm). `None` only for years chrono cannot represent.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The last year in which Store bededag was a public holiday (it was abolished from 2024).
pub const LAST_STORE_BEDEDAG: i32 = 2023;

/// The Danish name of the holiday or non-working day `d` is, or `None` for an ordinary day
/// (weekends are not holidays as such; see [`is_working_day`]).
pub fn is_holiday(d: NaiveDate) -> Option<&'static str> {
    match (d.month(), d.day()) {
        (1, 1) => return Some("Nytårsdag"),
        (6, 5) => return Some("Grundlovsdag"),
        (12, 24) => return Some("Juleaftensdag"),
        (12, 25) => return Some("Juledag"),
        (12, 26) => return Some("2. juledag"),
        (12, 31) => return Some("Nytårsaftensdag"),
        // Movable holidays lie between 19 March (skærtorsdag at the earliest) and 14 June
        // (2. pinsedag at the latest); skip computing Easter outside that window.
        (m, _) if !(3..=6).contains(&m) => return None,
        _ => {}
    }
    let easter = easter_sunday(d.year())?;
    match (d - easter).num_days() {
        -3 => Some("Skærtorsdag"),
        -2 => Some("Langfredag"),
        0 => Some("Påskedag"),
        1 => Some("2. påskedag"),
        26 if d.year() <= LAST_STORE_BEDEDAG => Some("Store bededag"),
        39 => Some("Kristi himmelfartsdag"),
        49 => Some("Pinsedag"),
        50 => Some("2. pinsedag"),
        _ => None,
    }
}

/// All holidays and non-working days of a year (see the module documentation), in date order,
/// with their Danish names. Includes those that fall on a weekend.
pub fn holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return vec![];
    };
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter_map(|d| is_holiday(d).map(|name| (d, name)))
        .collect()
}

/// Whether `d` is a working day: Monday to Friday and not a holiday or non-working day.
pub fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && is_holiday(d).is_none()
}

/// The date `n` working days before `d`, not counting `d` itself: the last day an agenda may go out
/// when it must be sent `n` working days before the meeting on `d`.
///
/// A meeting on Thursday 2026-12-03 with a five-working-day rule gives Thursday 2026-11-26.
/// The result is always a working day when `n > 0`; `n == 0` gives `d` unchanged.
pub fn working_days_before(d: NaiveDate, n: u32) -> NaiveDate {
    step_working_days(d, n, -1)
}

/// The date `n` working days after `d`, not counting `d` itself: the reply deadline of a consultation
/// sent on `d` with `n` working days to reply.
///
/// Sent on Monday 2026-03-30 with five working days, the deadline is Thursday 2026-04-09 (Easter
/// takes out skærtorsdag, langfredag and 2. påskedag). The result is always a working day when `n > 0`;
/// `n == 0` gives `d` unchanged.
pub fn working_days_after(d: NaiveDate, n: u32) -> NaiveDate {
    step_working_days(d, n, 1)
}

fn step_working_days(d: NaiveDate, n: u32, dir: i64) -> NaiveDate {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        match day.checked_add_signed(Duration::days(dir)) {
            Some(next) => day = next,
            // The edge of chrono's range: nothing sensible lies beyond it.
            None => return day,
        }
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// The number of working days from `a` to `b`: the working days in `(a, b]` (the later day counts, the
/// earlier does not), negative when `b` is before `a`. Use it for countdowns: with `a` today and `b`
/// a deadline, it is the number of working days left including the deadline day itself, 0 on the
/// deadline day, and negative once it has passed.
///
/// It is the inverse of [`working_days_after`]: `working_days_between(d, working_days_after(d, n)) == n`,
/// and of [`working_days_before`] whenever `d` is a working day.
pub fn working_days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let total = (hi - lo).num_days();
    // Whole weeks contribute five weekdays each; only holidays and the remainder need a look.
    let weeks = total / 7;
    let mut count = weeks * 5;
    let mut day = lo + Duration::days(weeks * 7);
    while day < hi {
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
        if is_working_day(day) {
            count += 1;
        }
    }
    // Subtract the holidays on weekdays inside the whole weeks, i.e. in (lo, lo + 7 * weeks].
    let week_end = lo + Duration::days(weeks * 7);
    for year in lo.year()..=week_end.year() {
        for (h, _) in holidays(year) {
            if h > lo && h <= week_end && !matches!(h.weekday(), Weekday::Sat | Weekday::Sun) {
                count -= 1;
            }
        }
    }
    sign * count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        let known = [
            (1818, 3, 22), // the earliest possible date
            (1943, 4, 25), // the latest possible date
            (2000, 4, 23),
            (2008, 3, 23),
            (2019, 4, 21),
            (2020, 4, 12),
            (2021, 4, 4),
            (2022, 4, 17),
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ];
        for (y, m, day) in known {
            assert_eq!(easter_sunday(y), Some(d(y, m, day)), "Easter {y}");
        }
    }

    #[test]
    fn holidays_of_2026() {
        let names: Vec<(NaiveDate, &str)> = holidays(2026);
        assert_eq!(
            names,
            vec![
                (d(2026, 1, 1), "Nytårsdag"),
                (d(2026, 4, 2), "Skærtorsdag"),
                (d(2026, 4, 3), "Langfredag"),
                (d(2026, 4, 5), "Påskedag"),
                (d(2026, 4, 6), "2. påskedag"),
                (d(2026, 5, 14), "Kristi himmelfartsdag"),
                (d(2026, 5, 24), "Pinsedag"),
                (d(2026, 5, 25), "2. pinsedag"),
                (d(2026, 6, 5), "Grundlovsdag"),
                (d(2026, 12, 24), "Juleaftensdag"),
                (d(2026, 12, 25), "Juledag"),
                (d(2026, 12, 26), "2. juledag"),
                (d(2026, 12, 31), "Nytårsaftensdag"),
            ]
        );
    }

    #[test]
    fn store_bededag_until_2023_only() {
        assert_eq!(is_holiday(d(2023, 5, 5)), Some("Store bededag"));
        assert!(!is_working_day(d(2023, 5, 5)));
        assert_eq!(is_holiday(d(2022, 5, 13)), Some("Store bededag"));
        // 2024: Easter 31 March, the fourth Friday after is 26 April, now an ordinary Friday.
        assert_eq!(is_holiday(d(2024, 4, 26)), None);
        assert!(is_working_day(d(2024, 4, 26)));
        // 2025: Easter 20 April, 16 May.
        assert_eq!(is_holiday(d(2025, 5, 16)), None);
        assert!(is_working_day(d(2025, 5, 16)));
        // Dispatch deadline across it: meeting Tuesday 2023-05-09, two working days before skips Friday 5 May.
        assert_eq!(working_days_before(d(2023, 5, 9), 2), d(2023, 5, 4));
        // ... and in 2025 it does not: meeting Tuesday 2025-05-20, two days before is Friday 16 May.
        assert_eq!(working_days_before(d(2025, 5, 20), 2), d(2025, 5, 16));
    }

    #[test]
    fn working_days() {
        assert!(is_working_day(d(2026, 12, 3)));
        assert!(!is_working_day(d(2026, 12, 5)), "Saturday");
        assert!(!is_working_day(d(2026, 12, 6)), "Sunday");
        assert!(
            !is_working_day(d(2026, 6, 5)),
            "Grundlovsdag, a Friday in 2026"
        );
        assert!(!is_working_day(d(2025, 12, 24)));
        assert!(!is_working_day(d(2025, 12, 31)));
        assert!(is_working_day(d(2025, 12, 30)));
        assert_eq!(is_holiday(d(2026, 3, 17)), None);
    }

    #[test]
    fn dispatch_deadline_plain_week() {
        assert_eq!(working_days_before(d(2026, 12, 3), 5), d(2026, 11, 26));
        assert_eq!(working_days_before(d(2026, 12, 3), 0), d(2026, 12, 3));
        assert_eq!(working_days_before(d(2026, 12, 3), 1), d(2026, 12, 2));
        // Monday meeting, one working day before is the Friday.
        assert_eq!(working_days_before(d(2026, 11, 30), 1), d(2026, 11, 27));
    }

    #[test]
    fn dispatch_deadline_across_easter_2026() {
        // Meeting Thursday 2026-04-09: back over Wed 8, Tue 7 (1, 2), 2. påskedag, Easter, Sat,
        // langfredag, skærtorsdag skipped, Wed 1, Tue 31 Mar, Mon 30 Mar (3, 4, 5).
        assert_eq!(working_days_before(d(2026, 4, 9), 5), d(2026, 3, 30));
        // Meeting Tuesday 2026-04-07: Fri 3 Apr is langfredag, so one day before is Wed 1 Apr.
        assert_eq!(working_days_before(d(2026, 4, 7), 1), d(2026, 4, 1));
    }

    #[test]
    fn dispatch_deadline_across_christmas_and_new_year() {
        // Meeting Tuesday 2026-01-06: Mon 5, Fri 2 (1 Jan is nytårsdag, 31 Dec nytårsaftensdag),
        // Tue 30, Mon 29 Dec; then 26, 25 and 24 Dec are off, so the fifth is Tue 23 Dec.
        assert_eq!(working_days_before(d(2026, 1, 6), 4), d(2025, 12, 29));
        assert_eq!(working_days_before(d(2026, 1, 6), 5), d(2025, 12, 23));
    }

    #[test]
    fn dispatch_deadline_across_grundlovsdag() {
        // 2025: 5 June is a Thursday and 9 June 2. pinsedag. Meeting Tuesday 2025-06-10: Fri 6 (1), Wed 4 (2).
        assert_eq!(working_days_before(d(2025, 6, 10), 2), d(2025, 6, 4));
        // 2026: 5 June is a Friday. Meeting Monday 2026-06-08: Thu 4 (1).
        assert_eq!(working_days_before(d(2026, 6, 8), 1), d(2026, 6, 4));
    }

    #[test]
    fn reply_deadline_after_sending() {
        // Sent Monday 2026-03-30, five working days: 31 Mar, 1, 7, 8, 9 Apr (Easter in between).
        assert_eq!(working_days_after(d(2026, 3, 30), 5), d(2026, 4, 9));
        assert_eq!(working_days_after(d(2026, 11, 23), 5), d(2026, 11, 30));
        // Sent on a Saturday counts from Monday.
        assert_eq!(working_days_after(d(2026, 11, 21), 1), d(2026, 11, 23));
        assert_eq!(working_days_after(d(2026, 11, 21), 0), d(2026, 11, 21));
        // Across Christmas: sent Monday 2026-12-21: 22, 23, 28, 29, 30 (24–27 and 31 are off).
        assert_eq!(working_days_after(d(2026, 12, 21), 5), d(2026, 12, 30));
        assert_eq!(working_days_after(d(2026, 12, 21), 6), d(2027, 1, 4));
    }

    #[test]
    fn days_between_for_countdowns() {
        assert_eq!(working_days_between(d(2026, 11, 26), d(2026, 12, 3)), 5);
        assert_eq!(working_days_between(d(2026, 12, 3), d(2026, 11, 26)), -5);
        assert_eq!(working_days_between(d(2026, 12, 3), d(2026, 12, 3)), 0);
        // From Saturday to Monday: one day left (the Monday).
        assert_eq!(working_days_between(d(2026, 11, 21), d(2026, 11, 23)), 1);
        // Across Easter and over several weeks, compared with a day-by-day count.
        let a = d(2026, 3, 1);
        for len in 0..120 {
            let b = a + Duration::days(len);
            let naive = a
                .iter_days()
                .skip(1)
                .take_while(|x| *x <= b)
                .filter(|x| is_working_day(*x))
                .count();
            assert_eq!(working_days_between(a, b), naive as i64, "{a} .. {b}");
        }
        // Across the turn of the year.
        assert_eq!(working_days_between(d(2025, 12, 19), d(2026, 1, 5)), 6);
    }

    #[test]
    fn before_after_and_between_agree() {
        let start = d(2025, 12, 1);
        for offset in 0..200 {
            let day = start + Duration::days(offset);
            for n in [1, 3, 5, 10] {
                assert_eq!(
                    working_days_between(day, working_days_after(day, n)),
                    i64::from(n),
                    "{day} + {n}"
                );
                if is_working_day(day) {
                    assert_eq!(
                        working_days_between(working_days_before(day, n), day),
                        i64::from(n),
                        "{day} - {n}"
                    );
                }
            }
        }
    }
}

//! Agenda timing: when each item starts (meeting start plus the minutes allotted to the items before it)
//! and by how much the items run past the meeting's end.

use chrono::{NaiveTime, Timelike};

use crate::model::Meeting;

const DAY_MINUTES: i64 = 24 * 60;

fn minutes_of_day(t: NaiveTime) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

/// The start time of every item, in agenda order: the meeting's start plus the `minutes_allotted` of
/// the items before it. `None` for every item when the meeting has no start time, and for an item
/// that would start at or after midnight.
pub fn item_start_times(m: &Meeting) -> Vec<Option<NaiveTime>> {
    let Some(start) = m.start else {
        return vec![None; m.items.len()];
    };
    let mut at = minutes_of_day(start);
    let mut out = Vec::with_capacity(m.items.len());
    for item in &m.items {
        out.push(time_at(at, start.second()));
        at += i64::from(item.minutes_allotted);
    }
    out
}

fn time_at(minutes: i64, second: u32) -> Option<NaiveTime> {
    if !(0..DAY_MINUTES).contains(&minutes) {
        return None;
    }
    NaiveTime::from_hms_opt(
        u32::try_from(minutes / 60).ok()?,
        u32::try_from(minutes % 60).ok()?,
        second,
    )
}

/// The total minutes allotted to all items.
pub fn total_minutes(m: &Meeting) -> i64 {
    m.items.iter().map(|i| i64::from(i.minutes_allotted)).sum()
}

/// When the last item is planned to end (start plus all allotted minutes), if the meeting has a start
/// and that time falls on the same day.
pub fn planned_end(m: &Meeting) -> Option<NaiveTime> {
    let start = m.start?;
    time_at(minutes_of_day(start) + total_minutes(m), start.second())
}

/// By how many minutes the items, run back to back from the start, go past the meeting's end.
/// `Some(n)` with `n > 0` only when they do; `None` when they fit or the start or end is not set.
pub fn overrun_minutes(m: &Meeting) -> Option<i64> {
    let (start, end) = (m.start?, m.end?);
    let over = minutes_of_day(start) + total_minutes(m) - minutes_of_day(end);
    (over > 0).then_some(over)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgendaItem, ItemKind};
    use chrono::NaiveDate;

    fn meeting(minutes: &[u32]) -> Meeting {
        let mut m = Meeting::new("m", "psg", NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
        for (i, min) in minutes.iter().enumerate() {
            let mut it = AgendaItem::new(&format!("Punkt {i}"), ItemKind::Decision);
            it.minutes_allotted = *min;
            m.items.push(it);
        }
        m
    }

    fn t(h: u32, mi: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, mi, 0).unwrap()
    }

    #[test]
    fn start_times_accumulate() {
        let mut m = meeting(&[5, 30, 45, 10]);
        assert_eq!(item_start_times(&m), vec![None; 4]);
        m.start = Some(t(9, 30));
        assert_eq!(
            item_start_times(&m),
            vec![
                Some(t(9, 30)),
                Some(t(9, 35)),
                Some(t(10, 5)),
                Some(t(10, 50))
            ]
        );
        assert_eq!(planned_end(&m), Some(t(11, 0)));
    }

    #[test]
    fn past_midnight_is_none() {
        let mut m = meeting(&[60, 60, 0]);
        m.start = Some(t(23, 0));
        assert_eq!(item_start_times(&m), vec![Some(t(23, 0)), None, None]);
    }

    #[test]
    fn overrun() {
        let mut m = meeting(&[60, 90]);
        assert_eq!(overrun_minutes(&m), None);
        m.start = Some(t(9, 30));
        m.end = Some(t(12, 0));
        assert_eq!(overrun_minutes(&m), None);
        m.items[1].minutes_allotted = 100;
        assert_eq!(overrun_minutes(&m), Some(10));
    }
}

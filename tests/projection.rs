//! The projection, as `copilnum present` and F5 draw it, for each kind of step and the
//! end-of-meeting summary, at 80x24 and on a 1920x1080 projector terminal (240x67).

use chrono::NaiveDate;
use copilnum::app::keymap::Command;
use copilnum::catalog::Catalog;
use copilnum::model::{Decision, Outcome, Presence};
use copilnum::present::Presenter;
use copilnum::sample;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(80, 24), (240, 67)];

/// The sample's upcoming meeting during the meeting, with some of it filled in.
fn presenter(meeting: usize) -> Presenter {
    let s = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    let (id, mut m) = s.meetings[meeting].clone();
    m.started_at = Some(m.date.and_hms_opt(14, 2, 0).unwrap());
    m.ended_at = None;
    let wall = m.date.and_hms_opt(14, 40, 0).unwrap();
    if meeting == 1 {
        m.evaluations[0].outcome = Some(Outcome::Achieved);
        m.evaluations[1].outcome = Some(Outcome::PartiallyAchieved);
        m.evaluations[2].outcome = Some(Outcome::Postponed);
        m.agenda[0].decisions.push(Decision {
            text: "Le formulaire de pannes est généralisé à toutes les écoles.".into(),
        });
        m.agenda[0].notes = "NOTES PRIVÉES DE LA SECRÉTAIRE".into();
        m.speaker = Some(s.committee.members[1].id);
        m.attendance.push(copilnum::model::Attendance {
            member: s.committee.members[1].id,
            presence: Presence::Present,
            statement: "ERUN, j'accompagne les écoles dans leurs projets.".into(),
            arrived_at: None,
        });
    }
    Presenter::new(s.committee, Catalog::builtin(), id, m, wall)
}

fn render(p: &Presenter, width: u16, height: u16) -> Terminal<TestBackend> {
    let footer = p.footer();
    let view = p.view(footer.clone());
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| copilnum::ui::projection::render(&view, f, f.area()))
        .unwrap();
    terminal
}

fn snapshot(name: &str, p: &Presenter) {
    for (w, h) in SIZES {
        let terminal = render(p, w, h);
        let text = terminal.backend().to_string();
        assert!(
            !text.contains("NOTES PRIVÉES"),
            "{name}: raw notes are never projected"
        );
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

fn at_step(meeting: usize, step: usize) -> Presenter {
    let mut p = presenter(meeting);
    p.meeting.current_step = step;
    p
}

#[test]
fn review_step() {
    snapshot("projection_review", &at_step(1, 0));
}

#[test]
fn round_table_step() {
    snapshot("projection_round_table", &at_step(1, 1));
}

#[test]
fn priority_axis_step() {
    let p = presenter(0);
    snapshot("projection_axis", &p);
}

#[test]
fn discussion_step_with_a_running_timer() {
    let mut p = at_step(0, 2);
    p.meeting.agenda[2].items[0].spent_seconds = 600;
    p.meeting.timer_started_at = Some(p.wall - chrono::TimeDelta::seconds(560));
    snapshot("projection_discussion", &p);
}

#[test]
fn objectives_step() {
    let mut p = at_step(1, 6);
    let past = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()).meetings[0]
        .1
        .clone();
    p.meeting.objectives = past.objectives.clone();
    snapshot("projection_objectives", &p);
}

#[test]
fn next_meeting_step() {
    let mut p = at_step(1, 7);
    p.meeting.next_meeting = Some(copilnum::model::NextMeeting {
        date: NaiveDate::from_ymd_opt(2027, 3, 16).unwrap(),
        time: chrono::NaiveTime::from_hms_opt(17, 30, 0),
        place: "École Jules-Ferry".into(),
    });
    snapshot("projection_next", &p);
}

#[test]
fn end_of_meeting_summary() {
    let mut p = presenter(0);
    p.meeting.summary = true;
    snapshot("projection_summary", &p);
}

#[test]
fn a_summary_longer_than_the_screen_scrolls_to_its_last_line() {
    let mut p = presenter(0);
    p.meeting.summary = true;
    let footer = p.footer();
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let (limit, page) = copilnum::ui::projection::scroll_limits(&p.view(footer.clone()), area);
    assert!(limit > 0, "the sample's summary does not fit 80x24");
    let top = render(&p, 80, 24).backend().to_string();
    assert!(top.contains("▼ suite"), "{top}");
    assert!(!top.contains("Prochaine réunion"), "{top}");
    p.scroll.fit(limit, page);
    for _ in 0..5 {
        p.command(Command::PageDown);
    }
    assert_eq!(p.scroll.offset, limit);
    let end = render(&p, 80, 24);
    let text = end.backend().to_string();
    assert!(text.contains("Prochaine réunion"), "{text}");
    assert!(text.contains("▲ fin du texte"), "{text}");
    insta::assert_snapshot!("projection_summary_scrolled_80x24", end.backend());
    // On the projector everything fits, and nothing says otherwise.
    let wall = ratatui::layout::Rect::new(0, 0, 240, 67);
    assert_eq!(
        copilnum::ui::projection::scroll_limits(&p.view(footer.clone()), wall).0,
        0
    );
    let big = render(&p, 240, 67).backend().to_string();
    assert!(
        big.contains("Prochaine réunion") && !big.contains("▼"),
        "{big}"
    );
}

#[test]
fn the_projector_scrolls_back_to_the_top_when_the_facilitator_moves() {
    let mut p = at_step(0, 0);
    p.scroll.fit(20, 10);
    p.command(Command::PageDown);
    assert_eq!(p.scroll.offset, 9);
    let mut moved = p.meeting.clone();
    moved.current_step = 1;
    p.meeting_read(Ok(moved.clone()));
    assert_eq!(p.scroll.offset, 0);
    p.command(Command::PageDown);
    p.meeting_read(Ok(moved));
    assert_eq!(
        p.scroll.offset, 9,
        "a new save of the same step keeps the place"
    );
    p.command(Command::NextStep);
    assert_eq!(
        p.scroll.offset, 0,
        "browsing to another step starts at its top"
    );
}

#[test]
fn a_briefly_unreadable_file_keeps_the_view_with_a_notice() {
    let mut p = at_step(1, 0);
    p.meeting_read(Err("truncated".into()));
    snapshot("projection_notice", &p);
}

#[test]
fn the_countdown_is_green_then_amber_then_red() {
    let mut p = at_step(1, 0);
    let colour_of_countdown = |p: &Presenter| {
        let terminal = render(p, 240, 67);
        let buffer = terminal.backend().buffer();
        // The big countdown is drawn at the right end of the title rows.
        (2..12)
            .flat_map(|y| (200..240).map(move |x| (x, y)))
            .map(|(x, y)| &buffer[(x, y)])
            .find(|c| c.symbol() != " ")
            .map(|c| c.fg)
    };
    p.meeting.agenda[0].spent_seconds = 60;
    assert_eq!(colour_of_countdown(&p), Some(Color::LightGreen));
    p.meeting.agenda[0].spent_seconds = 25 * 60 - 90;
    assert_eq!(colour_of_countdown(&p), Some(Color::Yellow));
    p.meeting.agenda[0].spent_seconds = 25 * 60 + 30;
    assert_eq!(colour_of_countdown(&p), Some(Color::LightRed));
}

#[test]
fn the_projection_never_panics_at_any_size() {
    let mut ps: Vec<Presenter> = (0..8).map(|s| at_step(1, s)).collect();
    let mut summary = presenter(0);
    summary.meeting.summary = true;
    ps.push(summary);
    for p in &ps {
        for w in (0..=250).step_by(31) {
            for h in (0..=70).step_by(11) {
                render(p, w, h);
            }
        }
    }
}

#[test]
fn a_follow_up_axis_step_shows_the_axis_in_force() {
    let mut p = at_step(1, 2);
    let past = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()).meetings[0].clone();
    p.earlier_axis = Some((past.0.date, past.1.priority_axis.clone().unwrap()));
    snapshot("projection_axis_in_force", &p);
    let text = render(&p, 240, 67).backend().to_string();
    assert!(
        text.contains("Axe de travail prioritaire en cours, fixé le"),
        "{text}"
    );
    assert!(text.contains("Jean-Baptiste Lefèvre"));
}

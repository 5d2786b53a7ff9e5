//! Home's "à faire": the next meeting, a warning when the committee has not met for twelve
//! months, and the objectives past their due date and not evaluated yet.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{ellipsis, theme};
use crate::app::App;
use crate::app::todo::{next_meeting, overdue, silent_since};
use crate::fr;

/// Lines the box takes, at most `room`: borders, the next meeting, the warning, up to eight
/// objectives and a line saying how many more.
pub fn height(app: &App, room: u16) -> u16 {
    let today = app.clock.today();
    let late = app
        .history
        .current
        .as_ref()
        .map_or(0, |h| overdue(&h.derived().ledger, today).len());
    let warning = u16::from(silent_since(&app.session.meetings, today).is_some());
    const MOST: usize = 8;
    let late_lines = if late > MOST { MOST + 1 } else { late } as u16;
    (3 + warning + late_lines).min(room)
}

/// Draws the box.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if area.height < 3 {
        return;
    }
    let today = app.clock.today();
    let meetings = &app.session.meetings;
    let width = area.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    lines.push(match next_meeting(meetings, today) {
        Some(m) => {
            let days = (m.date() - today).num_days();
            let when = match days {
                0 => "aujourd'hui".to_string(),
                1 => "demain".to_string(),
                n => format!("dans {n} jours"),
            };
            let at = m
                .time
                .map(|t| format!(" à {}", fr::time(t)))
                .unwrap_or_default();
            let when = format!("{}{at} ({when})", fr::date_long(m.date()));
            let keys = " · F2 : ordre du jour · F3 : invités";
            let head = "Prochaine réunion : ";
            let room = width.saturating_sub(head.chars().count());
            let text = if when.chars().count() + keys.chars().count() <= room {
                format!("{when}{keys}")
            } else {
                ellipsis(&when, room)
            };
            Line::from(vec![Span::styled(head, theme::title()), Span::raw(text)])
        }
        None => Line::styled(
            "Aucune réunion prévue : Ctrl+N pour préparer la prochaine.",
            theme::secondary(),
        ),
    });
    if let Some(last) = silent_since(meetings, today) {
        lines.push(Line::styled(
            ellipsis(
                &format!(
                    "⚠ Aucune réunion tenue depuis le {} : le COPIL-Num se réunit au moins une fois par an.",
                    fr::date_short(last)
                ),
                width,
            ),
            theme::error(),
        ));
    }
    let history = app.history.current.as_ref();
    let late = history
        .map(|h| overdue(&h.derived().ledger, today))
        .unwrap_or_default();
    let room = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len());
    let shown = if late.len() > room {
        room.saturating_sub(1)
    } else {
        room
    };
    let committee = &app.session.committee;
    for record in late.iter().take(shown) {
        let o = record.objective;
        let owner = committee
            .member(o.owner)
            .map_or_else(|| format!("membre n° {}", o.owner.0), |m| m.name.clone());
        let head = format!("échéance {} : ", fr::date_short(o.due));
        let rest = format!("{} — {owner}", o.statement);
        lines.push(Line::from(vec![
            Span::styled(head.clone(), theme::error()),
            Span::raw(ellipsis(&rest, width.saturating_sub(head.chars().count()))),
        ]));
    }
    if late.len() > shown {
        lines.push(Line::styled(
            format!(
                "… et {} : F4, les années (filtre « à évaluer » ou « en cours »)",
                fr::count(late.len() - shown, "autre", "autres")
            ),
            theme::secondary(),
        ));
    }
    let title = match (history, late.len()) {
        (None, _) => " À faire · lecture des réunions… ".to_string(),
        (Some(_), 0) => " À faire ".to_string(),
        (Some(_), n) => format!(
            " À faire · {} ",
            fr::count(
                n,
                "objectif en retard, pas encore évalué",
                "objectifs en retard, pas encore évalués"
            )
        ),
    };
    let block = Block::bordered()
        .title(super::fit::title(&title, area.width))
        .border_style(theme::border());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

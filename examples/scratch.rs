use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use std::time::Instant;
fn main() {
    for (mode, name) in [
        (WrapMode::None, "none"),
        (WrapMode::WordOrGlyph, "wordorglyph"),
    ] {
        for len in [100usize, 10_000, 100_000] {
            let line: String = (0..len)
                .map(|i| if i % 7 == 6 { ' ' } else { 'a' })
                .collect();
            let mut ta = TextArea::new(vec![line]);
            ta.set_wrap_mode(mode);
            // set the area by rendering once
            let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 46, 7));
            use ratatui::widgets::Widget;
            (&ta).render(buf.area, &mut buf);
            ta.move_cursor(CursorMove::Bottom);
            ta.move_cursor(CursorMove::End);
            let n = 200;
            let t = Instant::now();
            for _ in 0..n {
                ta.insert_char('x');
            }
            let per = t.elapsed() / n;
            let t = Instant::now();
            for _ in 0..n {
                (&ta).render(buf.area, &mut buf);
            }
            println!(
                "{name} len {len}: insert {:?}, render {:?}",
                per,
                t.elapsed() / n
            );
        }
    }
}

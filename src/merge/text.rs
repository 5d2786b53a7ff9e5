//! Three-way merge of free text, line by line (diffy), and of lists whose elements have no
//! identity (decisions, details), element by element. Lines changed on both sides keep both
//! texts between French markers; no line of either side is ever dropped.

use diffy::{ConflictStyle, MergeOptions};

/// First line of a conflict block in merged notes: what this computer had.
pub const CONFLICT_OURS: &str = "━━ CONFLIT : texte tapé sur cet ordinateur ━━";
/// Middle line: what the other version had.
pub const CONFLICT_THEIRS: &str = "━━ CONFLIT : texte de la version modifiée ailleurs ━━";
/// Last line of a conflict block.
pub const CONFLICT_END: &str = "━━ FIN DU CONFLIT ━━";

/// One region of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Region<T> {
    /// Agreed: unchanged, changed on one side only, or changed the same way on both.
    Clean(Vec<T>),
    /// Changed differently on both sides: ours, then theirs.
    Conflict(Vec<T>, Vec<T>),
}

/// How a text merge went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMerge {
    /// The merged text.
    pub text: String,
    /// How many regions were changed differently on both sides (kept with both texts).
    pub conflicts: usize,
}

/// Merges `ours` and `theirs`, two versions of `base`, line by line. Where both changed the
/// same lines differently, both versions are kept between [`CONFLICT_OURS`],
/// [`CONFLICT_THEIRS`] and [`CONFLICT_END`].
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> TextMerge {
    if ours == theirs || base == theirs {
        return TextMerge {
            text: ours.to_string(),
            conflicts: 0,
        };
    }
    if base == ours {
        return TextMerge {
            text: theirs.to_string(),
            conflicts: 0,
        };
    }
    let lines = |text: &str| text.split('\n').map(str::to_string).collect::<Vec<_>>();
    let regions = merge_lines(&lines(base), &lines(ours), &lines(theirs));
    let mut out: Vec<String> = Vec::new();
    let mut conflicts = 0;
    for region in regions {
        match region {
            Region::Clean(lines) => out.extend(lines),
            Region::Conflict(ours, theirs) => {
                conflicts += 1;
                out.push(CONFLICT_OURS.to_string());
                out.extend(ours);
                out.push(CONFLICT_THEIRS.to_string());
                out.extend(theirs);
                out.push(CONFLICT_END.to_string());
            }
        }
    }
    TextMerge {
        text: out.join("\n"),
        conflicts,
    }
}

/// Merges two versions of a list of lines (each without its line end) into regions. Where
/// both sides only added lines at the same place (no line of the base changed), both
/// additions are kept, ours first, without a conflict: nothing there to choose between.
pub fn merge_lines(base: &[String], ours: &[String], theirs: &[String]) -> Vec<Region<String>> {
    if ours == theirs || base == theirs {
        return vec![Region::Clean(ours.to_vec())];
    }
    if base == ours {
        return vec![Region::Clean(theirs.to_vec())];
    }
    // Markers longer than any run of marker characters in the texts cannot be mistaken for a
    // line of the texts when the result is read back.
    let longest = [base, ours, theirs]
        .iter()
        .flat_map(|lines| lines.iter())
        .map(|line| longest_run(line))
        .max()
        .unwrap_or(0);
    let width = longest.max(6) + 1;
    let joined = |lines: &[String]| {
        let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    };
    let mut options = MergeOptions::new();
    options
        .set_conflict_style(ConflictStyle::Diff3)
        .set_conflict_marker_length(width);
    let merged = match options.merge(&joined(base), &joined(ours), &joined(theirs)) {
        Ok(text) | Err(text) => text,
    };
    read_regions(&merged, width)
}

/// The longest run of `<`, `=` or `>` at the start of a line.
fn longest_run(line: &str) -> usize {
    ['<', '=', '>', '|']
        .iter()
        .map(|&c| line.chars().take_while(|&x| x == c).count())
        .max()
        .unwrap_or(0)
}

/// Reads diffy's output (every line ended by `\n`, markers of `width` characters, diff3
/// style) back into regions.
fn read_regions(merged: &str, width: usize) -> Vec<Region<String>> {
    let start = format!("{} ours", "<".repeat(width));
    let original = format!("{} original", "|".repeat(width));
    let middle = "=".repeat(width);
    let end = format!("{} theirs", ">".repeat(width));
    #[derive(PartialEq)]
    enum Part {
        Clean,
        Ours,
        Base,
        Theirs,
    }
    let mut regions = Vec::new();
    let mut part = Part::Clean;
    let (mut clean, mut ours, mut base, mut theirs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    if merged.is_empty() {
        return vec![Region::Clean(Vec::new())];
    }
    let body = merged.strip_suffix('\n').unwrap_or(merged);
    for line in body.split('\n') {
        match part {
            Part::Clean if line == start => part = Part::Ours,
            Part::Ours if line == original => part = Part::Base,
            Part::Ours | Part::Base if line == middle => part = Part::Theirs,
            Part::Theirs if line == end => {
                part = Part::Clean;
                let (o, b, t) = (
                    std::mem::take(&mut ours),
                    std::mem::take(&mut base),
                    std::mem::take(&mut theirs),
                );
                if b.is_empty() {
                    // Only additions on both sides: both kept, ours first.
                    let mut extra = t;
                    for line in &o {
                        if let Some(at) = extra.iter().position(|x| x == line) {
                            extra.remove(at);
                        }
                    }
                    clean.extend(o);
                    clean.extend(extra);
                } else {
                    if !clean.is_empty() {
                        regions.push(Region::Clean(std::mem::take(&mut clean)));
                    }
                    regions.push(Region::Conflict(o, t));
                }
            }
            Part::Clean => clean.push(line.to_string()),
            Part::Ours => ours.push(line.to_string()),
            Part::Base => base.push(line.to_string()),
            Part::Theirs => theirs.push(line.to_string()),
        }
    }
    if !clean.is_empty() || regions.is_empty() {
        regions.push(Region::Clean(clean));
    }
    regions
}

/// Merges three versions of a list whose elements have no identity of their own, element by
/// element; where both sides changed the same place differently, ours come first, then those
/// of theirs that ours do not already hold. Returns the list and the number of such places.
pub fn merge_list<T>(base: &[T], ours: &[T], theirs: &[T]) -> (Vec<T>, usize)
where
    T: Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned,
{
    if ours == theirs || base == theirs {
        return (ours.to_vec(), 0);
    }
    if base == ours {
        return (theirs.to_vec(), 0);
    }
    // Each element becomes one line (RON escapes line breaks), so the line merge applies.
    let encode = |list: &[T]| -> Option<Vec<String>> {
        list.iter().map(|x| ron::to_string(x).ok()).collect()
    };
    let (Some(b), Some(o), Some(t)) = (encode(base), encode(ours), encode(theirs)) else {
        return (ours.to_vec(), 1);
    };
    let decode = |line: &String| ron::from_str::<T>(line).ok();
    let mut out: Vec<T> = Vec::new();
    let mut conflicts = 0;
    for region in merge_lines(&b, &o, &t) {
        match region {
            Region::Clean(lines) => out.extend(lines.iter().filter_map(decode)),
            Region::Conflict(ours, theirs) => {
                conflicts += 1;
                let ours: Vec<T> = ours.iter().filter_map(decode).collect();
                let extra: Vec<T> = theirs
                    .iter()
                    .filter_map(decode)
                    .filter(|x| !ours.contains(x))
                    .collect();
                out.extend(ours);
                out.extend(extra);
            }
        }
    }
    (out, conflicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_on_different_lines_both_arrive() {
        let base = "un\ndeux\ntrois\nquatre";
        let ours = "un\ndeux (ici)\ntrois\nquatre";
        let theirs = "un\ndeux\ntrois\nquatre (ailleurs)\ncinq";
        let merged = merge_text(base, ours, theirs);
        assert_eq!(
            merged.text,
            "un\ndeux (ici)\ntrois\nquatre (ailleurs)\ncinq"
        );
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn the_same_line_changed_on_both_sides_keeps_both_between_french_markers() {
        let merged = merge_text("a\nb\nc", "a\nB ici\nc", "a\nB ailleurs\nc");
        assert_eq!(merged.conflicts, 1);
        assert_eq!(
            merged.text,
            format!("a\n{CONFLICT_OURS}\nB ici\n{CONFLICT_THEIRS}\nB ailleurs\n{CONFLICT_END}\nc")
        );
    }

    #[test]
    fn text_that_looks_like_markers_is_kept_as_text() {
        let base = "<<<<<<< ours\n=======\nx";
        let ours = "<<<<<<< ours\n=======\nx\nici";
        let theirs = "ailleurs\n<<<<<<< ours\n=======\nx";
        let merged = merge_text(base, ours, theirs);
        assert_eq!(merged.text, "ailleurs\n<<<<<<< ours\n=======\nx\nici");
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn additions_at_the_same_place_on_both_sides_are_both_kept_without_conflict() {
        let merged = merge_text("a\nz", "a\nici\nz", "a\nailleurs\nici\nz");
        assert_eq!(merged.text, "a\nici\nailleurs\nz");
        assert_eq!(merged.conflicts, 0);
        let merged = merge_text("a", "a\nici", "a\nailleurs");
        assert_eq!(merged.text, "a\nici\nailleurs");
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn empty_and_missing_final_line_ends_survive() {
        assert_eq!(merge_text("", "x", "").text, "x");
        assert_eq!(merge_text("a\n", "a\n", "a\nb").text, "a\nb");
        assert_eq!(
            merge_text("a", "a\n", "b").text,
            format!("{CONFLICT_OURS}\na\n\n{CONFLICT_THEIRS}\nb\n{CONFLICT_END}")
        );
    }

    #[test]
    fn lists_merge_element_by_element() {
        let base = vec!["a".to_string(), "b".to_string()];
        let ours = vec!["a".to_string(), "b".to_string(), "ici".to_string()];
        let theirs = vec![
            "ailleurs\nsur deux lignes".to_string(),
            "a".to_string(),
            "b".to_string(),
        ];
        let (merged, conflicts) = merge_list(&base, &ours, &theirs);
        assert_eq!(merged, ["ailleurs\nsur deux lignes", "a", "b", "ici"]);
        assert_eq!(conflicts, 0);
        let (merged, conflicts) = merge_list(
            &base,
            &["a".to_string()],
            &["a".to_string(), "B".to_string()],
        );
        assert_eq!(merged, ["a", "B"]);
        assert_eq!(conflicts, 1);
    }
}

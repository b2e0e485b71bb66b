//! Mode cues: the words of an event's sentence that tell its PLOVER mode when its trigger does
//! not ("wounded two soldiers in a bomb attack": ASSAULT `explosives`; "killed the deputy
//! chief": ASSAULT `assassinate`). The cue words live in the pattern file (`[[mode_cue]]`).

use sitrep_ontology::EventType;

use crate::patterns::ModeCue;
use crate::roles::View;

/// The cue that sets the mode of an event of type `etype` triggered at token `head` in the
/// sentence of tokens `s0..s1`, and the tokens that carry it (`start..end`). An event that has a mode only
/// takes a strong cue. Strong cues beat plain ones; then the cue nearest the trigger wins, then
/// the one first in the file.
pub(crate) fn find<'c>(
    view: &View,
    cues: &'c [ModeCue],
    etype: EventType,
    head: usize,
    (s0, s1): (usize, usize),
    has_mode: bool,
) -> Option<(&'c ModeCue, (usize, usize))> {
    let mut best: Option<(bool, usize, &ModeCue, (usize, usize))> = None;
    for c in cues.iter().filter(|c| c.etype == etype) {
        if has_mode && !c.strong {
            continue;
        }
        if !c.triggers.is_empty() && !c.triggers.iter().any(|t| view.is_form_of(head, t)) {
            continue;
        }
        // a phrase of the cue at tokens `k..k + len`, inside the sentence
        let at = |p: &[String], k: usize| {
            k >= s0
                && k + p.len() <= s1
                && p.iter().enumerate().all(|(i, w)| view.is_form_of(k + i, w))
        };
        let found = if c.victim {
            // the phrase ends at the object's head ("the police chief")
            victims(view, head).find_map(|v| {
                c.words
                    .iter()
                    .find(|p| v + 1 >= p.len() && at(p, v + 1 - p.len()))
                    .map(|p| (0, (v + 1 - p.len(), v + 1)))
            })
        } else {
            (s0..s1)
                .filter_map(|k| c.words.iter().find(|p| at(p, k)).map(|p| (k, k + p.len())))
                .filter(|&(k, end)| !(k..end).contains(&head))
                .map(|(k, end)| (k.abs_diff(head), (k, end)))
                .min()
        };
        let Some((dist, tok)) = found else { continue };
        let better = match best {
            None => true,
            Some((strong, d, _, _)) => (c.strong && !strong) || (c.strong == strong && dist < d),
        };
        if better {
            best = Some((c.strong, dist, c, tok));
        }
    }
    best.map(|(_, _, c, tok)| (c, tok))
}

/// The heads of the trigger's objects: its direct object, or the subject of its passive
/// ("the governor was killed").
fn victims<'v>(view: &'v View, head: usize) -> impl Iterator<Item = usize> + 'v {
    view.deps
        .children(head)
        .iter()
        .map(|&c| c as usize)
        .filter(move |&c| matches!(view.deps.rel(c), "obj" | "nsubj:pass"))
}

//! Edits of a submission shared by what-if, marginal and plan: setting an
//! answer's level, new innovation ids, an affair's code.

use crate::model::rubric::CompiledRubric;
use crate::model::submission::{Answer, Submission};
use crate::model::values::Level;
use crate::scoring::matrix::AffairRef;

/// Set an answer's level, keeping its evidence. A measurement is dropped
/// (it would override the level) and so is a verifier's decision (a new
/// claim has not been verified); level 0 removes the answer.
pub(crate) fn set_answer(
    answers: &mut std::collections::BTreeMap<String, Answer>,
    code: &str,
    level: u8,
) {
    if level == 0 {
        answers.remove(code);
        return;
    }
    match answers.get_mut(code) {
        Some(Answer::Detailed(d)) => {
            d.level = Some(Level(level));
            d.value = None;
            d.category = None;
            d.basis = None;
            d.verification = None;
        }
        _ => {
            answers.insert(code.to_string(), Answer::Level(Level(level)));
        }
    }
}

/// Ids for new innovations: `baru-1`, `baru-2`, ... skipping taken ones.
pub(crate) fn new_ids(sub: &Submission, k: usize) -> Vec<String> {
    let taken: std::collections::HashSet<&str> =
        sub.innovations.iter().map(|i| i.id.as_str()).collect();
    let mut out = Vec::with_capacity(k);
    let mut c = 0;
    while out.len() < k {
        c += 1;
        let id = format!("baru-{c}");
        if !taken.contains(id.as_str()) {
            out.push(id);
        }
    }
    out
}

/// The affair code an [`AffairRef`] stands for.
pub(crate) fn affair_code(rubric: &CompiledRubric, a: &AffairRef) -> Option<String> {
    match a {
        AffairRef::None => None,
        AffairRef::Known(i) => Some(rubric.rubric().affairs[*i].code.clone()),
        AffairRef::Other(s) => Some(s.clone()),
    }
}

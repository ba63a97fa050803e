//! Rubric inheritance. A rubric document may say `"extends": "<embedded
//! id>"` and give only what differs: the base's resolved document is
//! patched with the rest of the document as a JSON merge patch (RFC 7396:
//! objects merge key by key, `null` removes a key, anything else, arrays
//! included, replaces). Only embedded methodologies can be extended, so a
//! rubric never reaches for a file.

use serde_json::Value;

use super::compile::parse_value;
use crate::error::RubricError;
use crate::model::sources;

/// How deep `extends` may chain (a rubric extending one that extends
/// another ...); deeper chains and cycles are errors.
pub const MAX_EXTENDS_DEPTH: u8 = 4;

/// The resolved document of an embedded methodology.
pub(crate) fn resolved(id: &str, depth: u8) -> Result<Value, RubricError> {
    let text = sources::source(id).ok_or_else(|| RubricError::UnknownMethodology {
        id: id.to_string(),
        known: sources::known(),
    })?;
    resolve_extends(parse_value(text)?, depth)
}

/// Apply a document's `extends`, if any: the base's resolved document
/// merge-patched with the rest of this one.
pub(crate) fn resolve_extends(mut doc: Value, depth: u8) -> Result<Value, RubricError> {
    let Some(obj) = doc.as_object_mut() else {
        return Ok(doc);
    };
    let Some(base) = obj.remove("extends") else {
        return Ok(doc);
    };
    let Value::String(base) = base else {
        return Err(RubricError::Invalid {
            path: "extends".into(),
            message: "expected the id of an embedded methodology".into(),
        });
    };
    if depth >= MAX_EXTENDS_DEPTH {
        return Err(RubricError::Invalid {
            path: "extends".into(),
            message: format!(
                "\"{base}\": rubrics extend one another at most {MAX_EXTENDS_DEPTH} deep (or form a cycle)"
            ),
        });
    }
    let mut out = resolved(&base, depth + 1).map_err(|e| match e {
        RubricError::UnknownMethodology { id, known } => RubricError::Invalid {
            path: "extends".into(),
            message: format!("unknown methodology \"{id}\" (embedded: {known})"),
        },
        other => other,
    })?;
    merge_patch(&mut out, doc);
    Ok(out)
}

/// RFC 7396 JSON merge patch.
fn merge_patch(target: &mut Value, patch: Value) {
    match patch {
        Value::Object(fields) => {
            if !target.is_object() {
                *target = Value::Object(Default::default());
            }
            if let Value::Object(t) = target {
                for (k, v) in fields {
                    if v.is_null() {
                        t.remove(&k);
                    } else {
                        merge_patch(t.entry(k).or_insert(Value::Null), v);
                    }
                }
            }
        }
        other => *target = other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        // The examples of RFC 7396, section 3.
        let mut t = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch(&mut t, json!({"a": "z", "c": {"f": null}}));
        assert_eq!(t, json!({"a": "z", "c": {"d": "e"}}));
        let mut t = json!({"a": [1, 2]});
        merge_patch(&mut t, json!({"a": [3]}));
        assert_eq!(t, json!({"a": [3]}));
        let mut t = json!(["a"]);
        merge_patch(&mut t, json!({"a": "b"}));
        assert_eq!(t, json!({"a": "b"}));
    }

    #[test]
    fn extends_rejects_unknown_base_non_string_and_deep_chains() {
        let e = resolve_extends(json!({"extends": "iid-1999"}), 0).unwrap_err();
        assert_eq!(e.path(), "extends");
        assert!(e.to_string().contains("iid-1999"), "{e}");
        let e = resolve_extends(json!({"extends": 2026}), 0).unwrap_err();
        assert_eq!(e.path(), "extends");
        let e = resolve_extends(json!({"extends": "iid-2026"}), MAX_EXTENDS_DEPTH).unwrap_err();
        assert!(e.to_string().contains("at most"), "{e}");
    }
}

//! The change format of what-if and of editors (`docs/whatif-plan.md`): a
//! JSON list applied in order, parsed with the path of each bad field
//! (`changes[2].level`). See [`crate::analysis::whatif`] for applying it.

use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::model::submission::{Innovation, Level};

/// Largest number of changes in one what-if.
pub const MAX_CHANGES: usize = 100_000;

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// Set an answer's level (0 removes it): a region row, or a row of
    /// the innovation named.
    Set {
        #[serde(skip_serializing_if = "Option::is_none")]
        innovation: Option<String>,
        indicator: String,
        level: Level,
    },
    /// Report one more innovation (interchange format). Without an `id`,
    /// the engine names it `baru-1`, `baru-2`, ...: the first not taken
    /// when the change applies.
    // In Rust, an empty `id` stands for one left out (see the module docs).
    AddInnovation {
        #[serde(serialize_with = "serialize_new_innovation")]
        #[cfg_attr(feature = "schema", schemars(schema_with = "new_innovation_schema"))]
        innovation: Innovation,
    },
    /// Drop an innovation.
    RemoveInnovation { id: String },
    /// Change an innovation's affair (null removes it).
    SetAffair {
        innovation: String,
        urusan: Option<String>,
    },
}

/// An added innovation as JSON: without `id` when the engine assigns it.
fn serialize_new_innovation<S: serde::Serializer>(
    innovation: &Innovation,
    s: S,
) -> Result<S::Ok, S::Error> {
    if !innovation.id.is_empty() {
        return innovation.serialize(s);
    }
    let mut value = serde_json::to_value(innovation).map_err(serde::ser::Error::custom)?;
    if let Some(fields) = value.as_object_mut() {
        fields.remove("id");
    }
    value.serialize(s)
}

/// The schema of an added innovation: an innovation whose `id` is optional.
#[cfg(feature = "schema")]
fn new_innovation_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let mut schema = <Innovation as schemars::JsonSchema>::json_schema(g);
    if let Some(serde_json::Value::Array(required)) = schema.get_mut("required") {
        required.retain(|field| field != "id");
        if required.is_empty() {
            schema.remove("required");
        }
    }
    if let Some(serde_json::Value::Object(properties)) = schema.get_mut("properties") {
        if let Some(serde_json::Value::Object(id)) = properties.get_mut("id") {
            id.insert(
                "description".into(),
                "Unique within the submission; left out, the engine assigns the first `baru-N` not taken."
                    .into(),
            );
        }
    }
    schema
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetArgs {
    #[allow(dead_code)]
    op: String,
    #[serde(default)]
    innovation: Option<String>,
    indicator: String,
    level: Level,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddArgs {
    #[allow(dead_code)]
    op: String,
    #[serde(deserialize_with = "crate::model::json::object")]
    innovation: Innovation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemoveArgs {
    #[allow(dead_code)]
    op: String,
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AffairArgs {
    #[allow(dead_code)]
    op: String,
    innovation: String,
    urusan: Option<String>,
}

/// A change's arguments, read from their text in one path-tracking pass
/// (`model::json::read_tracked`), which instantiates the same text reader
/// of innovations and answers as a submission's: a second, value-based
/// one would add about 10 KB to the gzipped `.wasm`.
fn args<T: serde::de::DeserializeOwned>(v: serde_json::Value, at: &str) -> Result<T, InputError> {
    crate::model::json::read_tracked(&v.to_string(), at)
}

/// Parse a list of changes from JSON text; paths start with `changes`.
pub fn parse_changes(text: &str) -> Result<Vec<Change>, InputError> {
    let value: serde_json::Value = crate::model::json::read_tracked(text, "changes")?;
    changes_from_value(value)
}

/// Read a list of changes from a JSON value; paths start with `changes`.
pub fn changes_from_value(value: serde_json::Value) -> Result<Vec<Change>, InputError> {
    let serde_json::Value::Array(list) = value else {
        return Err(InputError::Json {
            path: "changes".into(),
            message: "expected a list of changes".into(),
        });
    };
    if list.len() > MAX_CHANGES {
        return Err(InputError::TooLarge {
            path: "changes".into(),
            actual: list.len(),
            limit: MAX_CHANGES,
        });
    }
    list.into_iter()
        .enumerate()
        .map(|(i, v)| {
            let at = format!("changes[{i}]");
            let op = v.get("op").and_then(|o| o.as_str()).map(str::to_string);
            match op.as_deref() {
                Some("set") => {
                    let a: SetArgs = args(v, &at)?;
                    Ok(Change::Set {
                        innovation: a.innovation,
                        indicator: a.indicator,
                        level: a.level,
                    })
                }
                Some("add_innovation") => {
                    let mut v = v;
                    // An `id` left out is the engine's to assign: an empty
                    // id stands for it, so an explicit empty id is refused here.
                    if let Some(inv) = v.get_mut("innovation").and_then(|i| i.as_object_mut()) {
                        match inv.get("id") {
                            None => {
                                inv.insert("id".into(), "".into());
                            }
                            Some(serde_json::Value::String(id)) if id.is_empty() => {
                                return Err(empty_id(format!("{at}.innovation.id")));
                            }
                            Some(_) => {}
                        }
                    }
                    let a: AddArgs = args(v, &at)?;
                    Ok(Change::AddInnovation {
                        innovation: a.innovation,
                    })
                }
                Some("remove_innovation") => {
                    let a: RemoveArgs = args(v, &at)?;
                    Ok(Change::RemoveInnovation { id: a.id })
                }
                Some("set_affair") => {
                    let a: AffairArgs = args(v, &at)?;
                    Ok(Change::SetAffair {
                        innovation: a.innovation,
                        urusan: a.urusan,
                    })
                }
                _ => Err(InputError::Json {
                    path: format!("{at}.op"),
                    message: "expected \"set\", \"add_innovation\", \"remove_innovation\" or \"set_affair\"".into(),
                }),
            }
        })
        .collect()
}

pub(crate) fn empty_id(path: String) -> InputError {
    InputError::Invalid {
        path,
        message: "innovation id must not be empty".into(),
    }
}

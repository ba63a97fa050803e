//! Reading JSON documents. One rule for every document of the format
//! (submissions, plan options, costs, changes, call options; rubrics follow
//! the same rule in their own error layer):
//!
//! - a UTF-8 byte-order mark at the very start is skipped;
//! - after the document only whitespace may follow: a second document, a
//!   stray character or a NUL is an error at `$`, never silently ignored;
//! - a bad field is named by its JSON path, below `prefix` when the
//!   document sits inside another (`costs.region.2a`).

use serde::de::DeserializeOwned;

use crate::error::{join_path, render_path, InputError};

/// The schema of a decimal the format reads from a string (`"0.2"`, exact)
/// or a JSON number (read by its shortest decimal form).
#[cfg(feature = "schema")]
pub struct DecimalInput;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DecimalInput {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DecimalInput".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "number"],
            "description": "a decimal: a string keeps it exact (\"0.2\"), a number is read by its shortest decimal form"
        })
    }
}

/// A JSON value in which no object gives a key twice. serde_json's `Value`
/// keeps the last silently, which would let a call document carry
/// `"spd": {"1": 3, "1": 1}` where the submission read alone is an error.
#[derive(Debug)]
pub struct Unique(pub serde_json::Value);

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, SeqAccess, Visitor};
        use serde_json::Value;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_i64<E>(self, x: i64) -> Result<Value, E> {
                Ok(x.into())
            }
            fn visit_u64<E>(self, x: u64) -> Result<Value, E> {
                Ok(x.into())
            }
            fn visit_f64<E>(self, x: f64) -> Result<Value, E> {
                Ok(serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number))
            }
            fn visit_str<E>(self, s: &str) -> Result<Value, E> {
                Ok(s.into())
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(Unique(x)) = seq.next_element()? {
                    items.push(x);
                }
                Ok(Value::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut m = serde_json::Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    if m.contains_key(&key) {
                        return Err(A::Error::custom(format_args!("duplicate key `{key}`")));
                    }
                    let Unique(x) = map.next_value()?;
                    m.insert(key, x);
                }
                Ok(Value::Object(m))
            }
        }
        d.deserialize_any(V).map(Unique)
    }
}

/// A field that must be a JSON object (`deserialize_with`): serde's derive
/// would also read a struct from a list of its fields in order, which the
/// format does not allow.
pub fn object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::de::{value::MapAccessDeserializer, MapAccess, Visitor};
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(V(std::marker::PhantomData))
}

/// `T` read only from a JSON object (see [`object`]).
#[derive(Debug)]
pub struct Object<T>(pub T);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d).map(Object)
    }
}

/// A list whose items must be objects (`deserialize_with`).
pub fn objects<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Vec::<Object<T>>::deserialize(d).map(|v| v.into_iter().map(|o| o.0).collect())
}

/// An object or null (`deserialize_with`, on an `Option` field).
pub fn optional_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Option::<Object<T>>::deserialize(d).map(|o| o.map(|o| o.0))
}

/// Skip a leading byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Read one JSON document of type `T` from `text`.
pub fn read<T: DeserializeOwned>(text: &str, prefix: &str) -> Result<T, InputError> {
    let text = strip_bom(text);
    // Tracking the path of every field costs an allocation per key (about
    // half the time of reading a submission): read without it, and again
    // with it only to name the field of an error.
    let de = &mut serde_json::Deserializer::from_str(text);
    let Ok(value) = T::deserialize(&mut *de) else {
        let de = &mut serde_json::Deserializer::from_str(text);
        let e = match serde_path_to_error::deserialize::<_, T>(de) {
            Err(e) => e,
            // Unreachable for a deterministic `Deserialize`; report it plainly.
            Ok(_) => return Err(json_error(prefix, "the document could not be read")),
        };
        return Err(InputError::Json {
            path: join_path(prefix, &render_path(e.path())),
            message: e.inner().to_string(),
        });
    };
    de.end().map_err(|e| trailing(prefix, e))?;
    Ok(value)
}

/// Read a document of type `T` from an already parsed JSON value, naming
/// a bad field by its path below `prefix`. Documents read rarely (award
/// definitions, call options) go through here: one `Deserialize`
/// instantiation instead of two keeps the `.wasm` small.
pub fn from_value<T: DeserializeOwned>(
    value: serde_json::Value,
    prefix: &str,
) -> Result<T, InputError> {
    serde_path_to_error::deserialize(value).map_err(|e| InputError::Json {
        path: join_path(prefix, &render_path(e.path())),
        message: e.inner().to_string(),
    })
}

/// [`read`] in one pass that tracks the path of every field: for small
/// documents read rarely (a change's arguments), where one instantiation
/// of the reader instead of two keeps the `.wasm` small.
pub fn read_tracked<T: DeserializeOwned>(text: &str, prefix: &str) -> Result<T, InputError> {
    let de = &mut serde_json::Deserializer::from_str(strip_bom(text));
    let value = serde_path_to_error::deserialize(&mut *de).map_err(|e| InputError::Json {
        path: join_path(prefix, &render_path(e.path())),
        message: e.inner().to_string(),
    })?;
    de.end().map_err(|e| trailing(prefix, e))?;
    Ok(value)
}

/// [`read`] through a JSON value ([`from_value`]).
pub fn read_via_value<T: DeserializeOwned>(text: &str, prefix: &str) -> Result<T, InputError> {
    from_value(read_tracked::<serde_json::Value>(text, prefix)?, prefix)
}

fn json_error(prefix: &str, message: &str) -> InputError {
    InputError::Json {
        path: join_path(prefix, "$"),
        message: message.into(),
    }
}

fn trailing(prefix: &str, e: serde_json::Error) -> InputError {
    InputError::Json {
        path: join_path(prefix, "$"),
        message: format!(
            "content after the end of the document at line {} column {}: one JSON document expected",
            e.line(),
            e.column()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn one_document_only() {
        assert!(read::<Value>("{\"a\": 1}  \n", "").is_ok());
        assert!(read::<Value>("\u{feff}{\"a\": 1}", "").is_ok());
        for bad in [
            "{}x",
            "{}\u{0}",
            "{}{}",
            "{\"spd\":{\"1\":3}}{\"spd\":{\"1\":1}}",
            "[] []",
        ] {
            let e = read::<Value>(bad, "").unwrap_err();
            assert_eq!((e.code(), e.path()), ("input_json", "$"), "{bad:?}");
        }
        let e = read::<Value>("{} 1", "costs").unwrap_err();
        assert_eq!(e.path(), "costs");
    }

    /// The one-pass reader answers as the two-pass one: the same values,
    /// the same error paths and messages, the same rule after the document.
    #[test]
    fn tracked_reader_answers_as_the_two_pass_one() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            id: String,
            levels: std::collections::BTreeMap<String, u8>,
        }
        for text in [
            "{\"id\": \"a\", \"levels\": {\"1\": 2}}",
            "\u{feff}{\"id\": \"a\", \"levels\": {}}",
            "{\"id\": \"a\", \"levels\": {\"1\": 300}}",
            "{\"id\": \"a\", \"levels\": {\"2a\": \"x\"}}",
            "{\"id\": 1, \"levels\": {}}",
            "{\"id\": \"a\", \"levels\": {}, \"other\": 1}",
            "{\"id\": \"a\", \"levels\": {}} 1",
            "{\"id\": \"a\", \"levels\": {\"1\": 1",
        ] {
            let (a, b) = (
                read::<Doc>(text, "changes[3]"),
                read_tracked::<Doc>(text, "changes[3]"),
            );
            match (a, b) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
                (Err(a), Err(b)) => {
                    assert_eq!(
                        (a.path(), a.to_string()),
                        (b.path(), b.to_string()),
                        "{text:?}"
                    )
                }
                (a, b) => panic!("{text:?}: {a:?} against {b:?}"),
            }
        }
        let e = read_tracked::<Doc>("{\"id\": \"a\", \"levels\": {\"2a\": \"x\"}}", "changes[3]");
        assert_eq!(e.unwrap_err().path(), "changes[3].levels.2a");
    }
}

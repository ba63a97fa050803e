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

/// [`read`] through a JSON value ([`from_value`]).
pub fn read_via_value<T: DeserializeOwned>(text: &str, prefix: &str) -> Result<T, InputError> {
    from_value(read::<serde_json::Value>(text, prefix)?, prefix)
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
}

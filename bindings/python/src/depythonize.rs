//! Python objects read as a serde data format, so that a dict submission
//! becomes the core's [`Submission`] through the core's own `Deserialize`
//! implementation (every check, every message), without a detour through
//! JSON text. Paths of bad fields come from `serde_path_to_error`, as for
//! JSON text.
//!
//! Python values map as JSON values would: dict (keys text, or ints taken
//! as their decimal text), list and tuple, str, int, float (finite only),
//! bool, None. Anything else (numpy scalars and arrays, `Decimal`, other
//! mappings) is first converted by `iid._convert._default`, the same
//! function the package uses everywhere.

use std::fmt;

use iid::{InputError, Submission};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A conversion error (message only; `serde_path_to_error` adds the path).
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
}

/// Parse a Python object as a submission, naming the path of a bad field.
pub fn submission(obj: &Bound<'_, PyAny>) -> Result<Submission, InputError> {
    // Tracking the path of every field costs an allocation per key: read
    // without it, and again with it only to locate an error.
    if let Ok(sub) = Submission::deserialize(PyDe(obj)) {
        return Ok(sub);
    }
    serde_path_to_error::deserialize(PyDe(obj)).map_err(|e| {
        let full = e.path().to_string();
        // A key that is not text has no name: the path stops at its map.
        let path = full.strip_suffix(".?").unwrap_or(&full);
        InputError::Json {
            path: if path.is_empty() || path == "." || path == "?" {
                "$".into()
            } else {
                path.to_string()
            },
            message: e.into_inner().0,
        }
    })
}

static DEFAULT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `iid._convert._default(obj)`: the JSON form of a value JSON has no
/// type for.
fn convert<'py>(obj: &Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>, DeError> {
    let py = obj.py();
    let type_name = || {
        obj.get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "value".into())
    };
    let f = DEFAULT
        .import(py, "iid._convert", "_default")
        .map_err(|e| DeError(e.to_string()))?;
    f.call1((obj,)).map_err(|_| {
        DeError(format!(
            "a {} is not a JSON value (expected a number, text, a list or an object)",
            type_name()
        ))
    })
}

fn text<'a>(s: &'a Bound<'_, PyString>) -> Result<&'a str, DeError> {
    s.to_str()
        .map_err(|_| DeError("text is not valid Unicode (lone surrogate)".into()))
}

/// One Python value.
struct PyDe<'a, 'py>(&'a Bound<'py, PyAny>);

impl<'de> de::Deserializer<'de> for PyDe<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let o = self.0;
        // Exact types first (a pointer comparison each): levels are ints,
        // codes are str, containers are dicts.
        if o.is_exact_instance_of::<PyInt>() {
            if let Ok(x) = o.extract::<i64>() {
                return if x >= 0 {
                    v.visit_u64(x as u64)
                } else {
                    v.visit_i64(x)
                };
            }
        } else if o.is_exact_instance_of::<PyString>() {
            if let Ok(s) = o.cast::<PyString>() {
                return v.visit_str(text(s)?);
            }
        }
        if let Ok(d) = o.cast::<PyDict>() {
            return v.visit_map(DictAccess {
                iter: d.iter(),
                value: None,
            });
        }
        if let Ok(s) = o.cast::<PyString>() {
            return v.visit_str(text(s)?);
        }
        if o.is_none() {
            return v.visit_unit();
        }
        if let Ok(b) = o.cast::<PyBool>() {
            return v.visit_bool(b.is_true());
        }
        if let Ok(i) = o.cast::<PyInt>() {
            if let Ok(x) = i.extract::<u64>() {
                return v.visit_u64(x);
            }
            if let Ok(x) = i.extract::<i64>() {
                return v.visit_i64(x);
            }
            // As a JSON parser reads a huge integer: a float.
            let f: f64 = i.extract().unwrap_or(f64::INFINITY);
            return v.visit_f64(f);
        }
        if let Ok(f) = o.cast::<PyFloat>() {
            let x = f.value();
            if !x.is_finite() {
                return Err(DeError(format!(
                    "{} is not a JSON number: leave the indicator out (unanswered) or give a level",
                    if x.is_nan() {
                        "nan".to_string()
                    } else {
                        x.to_string()
                    }
                )));
            }
            return v.visit_f64(x);
        }
        if let Ok(l) = o.cast::<PyList>() {
            return v.visit_seq(ListAccess { list: l, next: 0 });
        }
        if let Ok(t) = o.cast::<PyTuple>() {
            return v.visit_seq(TupleAccess { tuple: t, next: 0 });
        }
        let converted = convert(o)?;
        PyDe(&converted).deserialize_any(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if self.0.is_none() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self.0.cast::<PyString>() {
            // Unit variants are spelled as text, as in JSON.
            Ok(s) => v.visit_enum(text(s)?.into_deserializer()),
            Err(_) => self.deserialize_any(EnumAsAny { name, variants, v }),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        // An ignored value is not walked (no recursion into arbitrary depth).
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier
    }
}

/// A non-text value where an enum is expected: reported by the enum's
/// visitor as an invalid type.
struct EnumAsAny<V> {
    name: &'static str,
    variants: &'static [&'static str],
    v: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for EnumAsAny<V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "one of {:?} ({})", self.variants, self.name)
    }
    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &self))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
    }
    fn visit_u64<E: de::Error>(self, x: u64) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Unsigned(x), &self))
    }
    fn visit_i64<E: de::Error>(self, x: i64) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Signed(x), &self))
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Float(x), &self))
    }
    fn visit_bool<E: de::Error>(self, x: bool) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Bool(x), &self))
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Unit, &self))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        self.v.visit_enum(s.into_deserializer())
    }
}

/// A dict key: text, or an int taken as its decimal text.
struct KeyDe<'a, 'py>(&'a Bound<'py, PyAny>);

impl<'de> de::Deserializer<'de> for KeyDe<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if let Ok(s) = self.0.cast::<PyString>() {
            return v.visit_str(text(s)?);
        }
        if self.0.cast::<PyBool>().is_err() {
            if let Ok(i) = self.0.cast::<PyInt>() {
                return v.visit_string(i.to_string());
            }
        }
        let shown = self
            .0
            .repr()
            .map(|r| r.to_string())
            .unwrap_or_else(|_| "?".into());
        let type_name = self
            .0
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        Err(DeError(format!("key {shown} is a {type_name}, not text")))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct DictAccess<'py> {
    iter: pyo3::types::iter::BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
}

impl<'de> MapAccess<'de> for DictAccess<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            None => Ok(None),
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(KeyDe(&k)).map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(v) => seed.deserialize(PyDe(&v)),
            None => Err(DeError("a value without its key".into())),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct ListAccess<'a, 'py> {
    list: &'a Bound<'py, PyList>,
    next: usize,
}

impl<'de> SeqAccess<'de> for ListAccess<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.next >= self.list.len() {
            return Ok(None);
        }
        let item = self
            .list
            .get_item(self.next)
            .map_err(|e| DeError(e.to_string()))?;
        self.next += 1;
        seed.deserialize(PyDe(&item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.list.len().saturating_sub(self.next))
    }
}

struct TupleAccess<'a, 'py> {
    tuple: &'a Bound<'py, PyTuple>,
    next: usize,
}

impl<'de> SeqAccess<'de> for TupleAccess<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.next >= self.tuple.len() {
            return Ok(None);
        }
        let item = self
            .tuple
            .get_item(self.next)
            .map_err(|e| DeError(e.to_string()))?;
        self.next += 1;
        seed.deserialize(PyDe(&item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.tuple.len().saturating_sub(self.next))
    }
}

//! Python values as a serde format, for the core's quick path
//! ([`iid::table::read_headline`]): a plain submission dict read straight
//! into its headline row. Only JSON's types are read; on anything else the
//! core falls back to the full path (`pythonize`, naming the field), which
//! under abi3 reads each int through Python arithmetic (280 ms against
//! about 30 ms for the national dicts' 735,000 levels).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{ffi, Borrowed};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// Any failure: the core then takes the full path, which names it.
type Unread = de::value::Error;

fn unread(why: &str) -> Unread {
    de::Error::custom(why)
}

/// One Python value.
pub struct Obj<'a, 'py>(pub &'a Bound<'py, PyAny>);

fn text<'a>(s: &'a Bound<'_, PyString>) -> Result<&'a str, Unread> {
    s.to_str().map_err(|_| unread("not valid Unicode"))
}

impl<'de> de::Deserializer<'de> for Obj<'_, '_> {
    type Error = Unread;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unread> {
        let o = self.0;
        // Codes are exact str, levels exact ints: those first, by a pointer
        // comparison each.
        if let Ok(s) = o.cast_exact::<PyString>() {
            return v.visit_str(text(s)?);
        }
        if o.is_exact_instance_of::<PyInt>()
            || (o.is_instance_of::<PyInt>() && !o.is_instance_of::<PyBool>())
        {
            return match o.extract::<i64>() {
                Ok(x) if x >= 0 => v.visit_u64(x as u64),
                Ok(x) => v.visit_i64(x),
                Err(_) => Err(unread("a large integer")),
            };
        }
        if let Ok(s) = o.cast::<PyString>() {
            return v.visit_str(text(s)?);
        }
        if let Ok(d) = o.cast::<PyDict>() {
            return v.visit_map(Dict {
                dict: d.as_borrowed(),
                pos: 0,
                value: None,
            });
        }
        if let Ok(l) = o.cast::<PyList>() {
            return v.visit_seq(Seq(l.iter()));
        }
        if let Ok(f) = o.cast::<PyFloat>() {
            return v.visit_f64(f.value());
        }
        if o.is_none() {
            return v.visit_unit();
        }
        if let Ok(b) = o.cast::<PyBool>() {
            return v.visit_bool(b.is_true());
        }
        if let Ok(t) = o.cast::<PyTuple>() {
            return v.visit_seq(Seq(t.iter()));
        }
        Err(unread("not a JSON value"))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unread> {
        if self.0.is_none() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Unread> {
        let s = self.0.cast::<PyString>().map_err(|_| unread("not text"))?;
        v.visit_enum(text(s)?.into_deserializer())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Unread> {
        // An ignored value is not walked (no recursion into any depth).
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier
    }
}

/// A dict's items borrowed with `PyDict_Next`: pyo3's iterator takes and drops
/// a reference per key and value and checks the size per step (a tenth of the time).
struct Dict<'a, 'py> {
    dict: Borrowed<'a, 'py, PyDict>,
    pos: ffi::Py_ssize_t,
    value: Option<Borrowed<'a, 'py, PyAny>>,
}

impl<'de> MapAccess<'de> for Dict<'_, '_> {
    type Error = Unread;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unread> {
        let (mut k, mut v) = (std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: the GIL is held and no Python code runs while the dict is
        // read (type checks, reads of str, int and float values): it cannot
        // change, so its keys and values live, borrowed from it, as it does.
        let (k, v) = unsafe {
            if ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut k, &mut v) == 0 {
                return Ok(None);
            }
            let py = self.dict.py();
            (Borrowed::from_ptr(py, k), Borrowed::from_ptr(py, v))
        };
        self.value = Some(v);
        seed.deserialize(Obj(&k)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unread> {
        match self.value.take() {
            Some(v) => seed.deserialize(Obj(&v)),
            None => Err(unread("a value without its key")),
        }
    }
}

/// A list's or a tuple's items.
struct Seq<I>(I);

impl<'de, 'py, I: Iterator<Item = Bound<'py, PyAny>>> SeqAccess<'de> for Seq<I> {
    type Error = Unread;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Unread> {
        match self.0.next() {
            None => Ok(None),
            Some(item) => seed.deserialize(Obj(&item)).map(Some),
        }
    }
}

//! The fast reader of records: a record read straight from the JSON text, field by field (no
//! intermediate `Value`), so that a wrong field is named along with the value found and the
//! form expected.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::RecordError;
use crate::record::{record_fields, Record, RECORD_FORMAT};

/// Makes [`read_known`], the reader's match over the known fields, from [`record_fields`].
macro_rules! define_reader {
    ($(
        $(#[$attr:meta])*
        $name:ident: $ty:ty => read::$read:ident, write::$write:ident;
    )*) => {
        /// Reads the known field `key` into `rec`; false when `key` is not a known field.
        fn read_known<'de, A: MapAccess<'de>>(
            rec: &mut Record,
            key: &str,
            map: &mut A,
            error: &mut Option<RecordError>,
            html_json: &mut Option<&mut Option<&'de str>>,
        ) -> Result<bool, A::Error> {
            match key {
                $(stringify!($name) => rec.$name = read::$read(map, key, error, html_json)?,)*
                _ => return Ok(false),
            }
            Ok(true)
        }
    };
}

record_fields!(define_reader);

/// Reads a record straight from the JSON text, field by field (no intermediate `Value`), so
/// that a wrong field is named along with the value found and the form expected.
///
/// The details of a failure that is not broken JSON are left in `error` as a [`RecordError`].
pub(crate) struct RecordSeed<'a, 'de> {
    pub error: &'a mut Option<RecordError>,
    /// When given, receives the `html` member's JSON text as the input wrote it.
    pub html_json: Option<&'a mut Option<&'de str>>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, 'de> {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Record, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl RecordSeed<'_, '_> {
    fn fail<E: de::Error>(self, error: RecordError) -> E {
        let message = error.to_string();
        *self.error = Some(error);
        E::custom(message)
    }

    fn not_an_object<E: de::Error>(self, found: &'static str) -> Result<Record, E> {
        Err(self.fail(RecordError::NotAnObject { found }))
    }
}

/// Reads one known field's value, naming the field when it has the wrong form.
fn field<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
    error: &mut Option<RecordError>,
) -> Result<Option<T>, A::Error> {
    // A null known field counts as absent: omitted and null mean the same to readers.
    // The error itself goes on unchanged, so that the caller can tell a value of the wrong
    // form (the detail applies) from broken JSON (it does not).
    map.next_value::<Option<T>>().inspect_err(|err| {
        *error = Some(RecordError::Field {
            field: key.to_owned(),
            why: without_position(err.to_string()),
        });
    })
}

/// Reads `html` as its JSON text, then decodes that text; the text is left in `slot`. A
/// failure here is reported again by a plain reading of the line (see
/// [`crate::jsonl::parse_record_keeping_html`]), so its message does not matter.
fn html_keeping_json<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
    error: &mut Option<RecordError>,
    slot: &mut Option<&'de str>,
) -> Result<Option<String>, A::Error> {
    let Some(json) = field::<&'de RawValue, A>(map, key, error)? else {
        return Ok(None);
    };
    let html = match crate::unescape::json_string(json.get()) {
        Some(html) => html,
        None => serde_json::from_str::<String>(json.get()).map_err(de::Error::custom)?,
    };
    *slot = Some(json.get());
    Ok(Some(html))
}

/// How the reader takes each kind of known field (see [`record_fields`]).
mod read {
    use serde::de::MapAccess;
    use serde::Deserialize;

    use super::{field, html_keeping_json};
    use crate::error::RecordError;

    /// A field that may be absent: null or omitted is `None`.
    pub(super) fn optional<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
        map: &mut A,
        key: &str,
        error: &mut Option<RecordError>,
        _: &mut Option<&mut Option<&'de str>>,
    ) -> Result<Option<T>, A::Error> {
        field(map, key, error)
    }

    /// A list: null or omitted is empty.
    pub(super) fn or_default<'de, T: Deserialize<'de> + Default, A: MapAccess<'de>>(
        map: &mut A,
        key: &str,
        error: &mut Option<RecordError>,
        _: &mut Option<&mut Option<&'de str>>,
    ) -> Result<T, A::Error> {
        Ok(field(map, key, error)?.unwrap_or_default())
    }

    /// `html`, its JSON text kept when the caller asks for it.
    pub(super) fn html<'de, A: MapAccess<'de>>(
        map: &mut A,
        key: &str,
        error: &mut Option<RecordError>,
        html_json: &mut Option<&mut Option<&'de str>>,
    ) -> Result<Option<String>, A::Error> {
        match html_json.as_deref_mut() {
            Some(slot) => html_keeping_json(map, key, error, slot),
            None => field(map, key, error),
        }
    }
}

/// serde_json ends its messages with the position in the line; the record's line is already
/// named by the caller, and the field name says where in it.
fn without_position(message: String) -> String {
    if let Some(at) = message.rfind(" at line ") {
        let tail = &message[at + " at line ".len()..];
        let numbers: Vec<&str> = tail.split(" column ").collect();
        if numbers.len() == 2
            && numbers
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            return message[..at].to_owned();
        }
    }
    message
}

impl<'de> Visitor<'de> for RecordSeed<'_, 'de> {
    type Value = Record;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Record, A::Error> {
        let mut rec = Record::default();
        let mut html_json = self.html_json.take();
        let error = &mut *self.error;
        while let Some(key) = map.next_key::<String>()? {
            if !read_known(&mut rec, &key, &mut map, error, &mut html_json)? {
                let value = map.next_value::<Value>()?;
                rec.extra.insert(key, value);
            }
        }
        if let Some(newer) = rec.stages.iter().find(|s| s.format > RECORD_FORMAT) {
            let newer = RecordError::NewerFormat {
                tool: newer.tool.clone(),
                found: newer.format,
                supported: RECORD_FORMAT,
            };
            return Err(self.fail(newer));
        }
        Ok(rec)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Record, A::Error> {
        self.not_an_object("an array")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Record, E> {
        self.not_an_object("a string")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Record, E> {
        self.not_an_object("a boolean")
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Record, E> {
        self.not_an_object("a number")
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Record, E> {
        self.not_an_object("a number")
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Record, E> {
        self.not_an_object("a number")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Record, E> {
        self.not_an_object("null")
    }
}

/// For library callers (`serde_json::from_str::<Record>`, `from_value`): a failure names the
/// field, as [`crate::jsonl::parse_record`]'s do.
impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut error = None;
        RecordSeed {
            error: &mut error,
            html_json: None,
        }
        .deserialize(deserializer)
        .map_err(|err| match error {
            Some(RecordError::Field { field, why }) => {
                de::Error::custom(format!("\"{field}\": {why}"))
            }
            _ => err,
        })
    }
}

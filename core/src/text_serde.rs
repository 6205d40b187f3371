//! The saved form of the identifier types (MAC, phone number, email, model, hardware and
//! firmware versions): a string, read back through the type's own parser. A document therefore
//! holds nothing the parser would refuse, and a tampered value is refused with the parser's
//! finding (issue 14: loading admits no state the rules forbid).

/// Implements `Serialize` as the text `|value| expr` gives and `Deserialize` through `parse`,
/// a `fn(&str) -> Result<Type, impl Display>`.
macro_rules! serde_as_text {
    ($type:ty, |$value:ident| $text:expr, $parse:path) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                let $value = self;
                serializer.collect_str(&$text)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> std::result::Result<$type, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use serde_as_text;

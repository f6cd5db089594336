//! Options whose value is one of a few words (`--to markdown`, `--overwrite if-newer`): each
//! such type lists its words once, here, and the command line takes them from it for parsing,
//! `--help`, error messages and shell completions alike.

/// A type whose values are named by a closed set of words.
pub trait Keyword: Sized + Copy + 'static {
    /// Every value a user may name, in the order help and completions list them.
    const ALL: &'static [Self];

    /// The word that names this value.
    fn name(self) -> &'static str;

    /// Other words accepted for this value (`md` for `markdown`); not offered in completions.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }

    /// The value named by `word` (its name or an alias).
    fn from_name(word: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.name() == word || value.aliases().contains(&word))
    }

    /// The names as a sentence lists them: `a, b or c`.
    fn names() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|value| value.name()).collect();
        or_list(&names)
    }
}

/// Words as a sentence lists them: `a, b or c`.
pub fn or_list<S: AsRef<str>>(words: &[S]) -> String {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => words.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::Keyword;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Colour {
        Red,
        Green,
        Blue,
    }

    impl Keyword for Colour {
        const ALL: &'static [Self] = &[Colour::Red, Colour::Green, Colour::Blue];
        fn name(self) -> &'static str {
            match self {
                Colour::Red => "red",
                Colour::Green => "green",
                Colour::Blue => "blue",
            }
        }
        fn aliases(self) -> &'static [&'static str] {
            match self {
                Colour::Red => &["r"],
                _ => &[],
            }
        }
    }

    #[test]
    fn names_and_aliases_name_values() {
        assert_eq!(Colour::from_name("green"), Some(Colour::Green));
        assert_eq!(Colour::from_name("r"), Some(Colour::Red));
        assert_eq!(Colour::from_name("Red"), None);
        assert_eq!(Colour::names(), "red, green or blue");
    }
}

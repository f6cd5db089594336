//! folio-parse (being written).

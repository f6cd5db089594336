//! folio-filter (being written).

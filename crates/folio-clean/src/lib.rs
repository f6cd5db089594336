//! folio-clean (being written).

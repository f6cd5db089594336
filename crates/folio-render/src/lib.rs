//! folio-render (being written).

//! copilnum: run the meetings of a COPIL-Num (comité de pilotage du numérique éducatif) from a
//! terminal — the committee's data and catalogues, a store that never loses a byte, and the
//! command line. The binary in `main.rs` only calls [`cli::main`].

pub mod app;
pub mod catalog;
pub mod cli;
pub mod codec;
pub mod commands;
pub mod export;
pub mod fr;
pub mod frames;
pub mod heap;
pub mod inbox;
pub mod logging;
pub mod merge;
pub mod model;
pub mod output;
pub mod present;
pub mod sample;
pub mod search;
pub mod store;
pub mod terminal;
pub mod tui;
pub mod ui;
pub mod validate;

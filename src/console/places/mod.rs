//! Recent places and `--open`: where the console starts when it is told to go somewhere.
//!
//! [`target`] reads `--open SESSION/ONEDRIVE/PATH`; [`recent`] keeps each profile's last
//! place in the data folder and [`writer`] writes it off the event loop. Walking there is the
//! app's own work (`app::journey`), through the same requests a person's keys would send.

pub mod recent;
pub mod target;
pub mod writer;

pub use recent::{Named, Place, RecentFile};
pub use target::{OpenTarget, OpenTargetError};
pub use writer::RecentWriter;

/// The name recent places are kept under for `--demo`.
pub const DEMO_PROFILE: &str = "demo";

//! Helpers shared by the integration tests.

pub mod binary;
pub mod mounts;
pub mod rig;
pub mod tmux;

//! The only code that speaks HTTP to a VB365 server.

pub mod model;

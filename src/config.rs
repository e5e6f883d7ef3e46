//! Profiles from TOML and the environment; paths from `directories`.

//! Logging to a file in the state or data directory, never to the terminal.

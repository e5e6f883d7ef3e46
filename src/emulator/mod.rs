//! A built-in VB365 REST server, used by `--demo`, `vbo-restore demo` and the tests.

//! A line in the status bar.

/// A line in the status bar: what just happened, or what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

impl Message {
    /// "Gemt: path" when a file was written, "path: why not" when it was not.
    pub(super) fn written(result: Result<(), String>, path: &std::path::Path, saved: &str) -> Message {
        match result {
            Ok(()) => Message {
                text: format!("{saved} {}", path.display()),
                is_error: false,
            },
            Err(error) => Message {
                text: format!("{}: {error}", path.display()),
                is_error: true,
            },
        }
    }
}

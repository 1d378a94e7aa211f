//! How a failure crosses to the UI: `{code, message}`, so the UI branches on the code and
//! shows the message.

use chancery_core::ErrorCode;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

impl<E: ErrorCode + std::fmt::Display> From<E> for CommandError {
    fn from(error: E) -> Self {
        CommandError { code: error.code(), message: error.to_string() }
    }
}

//! Time comes in from outside so that logic never reads the system clock itself and tests
//! can fix it.

use std::sync::Arc;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A source of the current time.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> OffsetDateTime + Send + Sync>);

impl Clock {
    /// The system's clock, in UTC.
    pub fn system() -> Self {
        Clock(Arc::new(OffsetDateTime::now_utc))
    }

    /// A clock that reads whatever `now` says: for tests that let time pass.
    pub fn from_fn(now: impl Fn() -> OffsetDateTime + Send + Sync + 'static) -> Self {
        Clock(Arc::new(now))
    }

    /// A clock that always reads `at`.
    pub fn fixed(at: OffsetDateTime) -> Self {
        Clock(Arc::new(move || at))
    }

    /// Now, as an RFC 3339 timestamp in UTC, the form the store keeps.
    pub fn now(&self) -> String {
        (self.0)()
            .to_offset(time::UtcOffset::UTC)
            .format(&Rfc3339)
            .expect("a UTC time always formats as RFC 3339")
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

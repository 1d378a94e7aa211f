#!/usr/bin/env bash
# End-to-end tests: the real app, driven through tauri-driver and WebKitWebDriver on a
# virtual display. Expects `make app` to have built target/debug/chancery-app.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export NO_AT_BRIDGE=1 WEBKIT_DISABLE_COMPOSITING_MODE=1
cargo build -q --bin chancery
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  npx vitest run --config tests/e2e/vitest.config.ts "$@"

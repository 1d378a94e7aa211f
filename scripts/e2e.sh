#!/usr/bin/env bash
# End-to-end tests: the real app, driven through tauri-driver and WebKitWebDriver on a
# virtual display. Expects `make app` to have built target/debug/chancery-app.
# E2E_CONFIG picks another vitest config (the speed figures of `make bench-ui`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export NO_AT_BRIDGE=1 WEBKIT_DISABLE_COMPOSITING_MODE=1
cargo build -q --bin chancery
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  npx vitest run --config "${E2E_CONFIG:-tests/e2e/vitest.config.ts}" "$@"

# Two commands do everything on a fresh Debian 12 machine:
#   make run    installs what is missing, builds the UI and the app, and opens Chancery
#   make test   installs what is missing and runs every test
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test setup ui app test-rust test-ui test-e2e bench bench-ui

run: setup app
	./target/debug/chancery-app

test: setup test-rust test-ui test-e2e

setup:
	scripts/setup.sh

ui:
	npm run build

app: ui
	cargo build -p chancery-app

test-rust:
	cargo test --workspace --exclude chancery-app

test-ui:
	npm test

test-e2e: app
	scripts/e2e.sh

# Speed and memory figures (release builds): PDF export of a 38-page paper, library search.
bench:
	cargo run --release -p chancery-core --example pdf_bench
	cargo run --release -p chancery-core --example search_bench

# Keystroke to preview on a 60-page paper in the real app (webview under Xvfb).
bench-ui: app
	E2E_CONFIG=tests/e2e/speed.config.ts scripts/e2e.sh

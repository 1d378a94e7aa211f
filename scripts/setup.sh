#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Chancery:
# system packages (as root), the UI's npm packages, and tauri-driver for end-to-end tests.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # to build the app
  build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  # SQLCipher, for stores kept under a passphrase, links the system's libcrypto
  libssl-dev
  # to run and test it under a virtual display
  webkit2gtk-driver xvfb xauth dbus dbus-x11 xdotool imagemagick
  # to check the PDFs it writes
  poppler-utils qpdf fonts-noto-core fonts-noto-cjk
  # to check the Word files it writes (LibreOffice converts them to PDF)
  libreoffice-writer-nogui
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: these Debian packages are missing: ${missing[*]}" >&2
    echo "setup: run 'sudo apt-get install ${missing[*]}' or run this script as root" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: cargo is missing; install Rust (1.90 or newer) with rustup" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: npm is missing; install Node.js 20 or newer" >&2; exit 1; }

# npm ci only when the lock file changed since the last install.
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.chancery-lock; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.chancery-lock
fi

if ! command -v tauri-driver >/dev/null && [[ ! -x "$HOME/.cargo/bin/tauri-driver" ]]; then
  cargo install tauri-driver --version 2.1.0 --locked
fi

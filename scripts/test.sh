#!/usr/bin/env bash
# Runs every test CI runs: native Rust tests, the wasm tests in Node and in
# headless Chromium, the npm package's JS tests and the page tests.
# Usage: npm test   (or: bash scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh

step() { printf '\n=== %s\n' "$*"; }

step "lint: rustfmt, clippy on the native and the wasm target"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

step "YAML reference: the committed expectations equal what Kubernetes' YAML code (Go) says"
bash scripts/yaml-reference.sh --check

step "cargo test (native core, CLI binary, fixtures, snapshots, generated files)"
cargo test --all-targets

step "wasm-bindgen tests in Node"
wasm-pack test --node

step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome

step "build the npm package and the static site"
npm run build
cargo build --release

step "JS tests (node --test): API, entry points, tarball, CLI parity, TypeScript, Vite"
node --test tests/js/

step "page tests (node --test, Chromium)"
node --test tests/page/

step "all test groups passed"

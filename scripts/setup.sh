#!/usr/bin/env bash
# Idempotent setup for a fresh machine: installs only what is missing.
# Used by `npm start`, `npm test` and `.ci/run`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Keep in step with the `wasm-bindgen` pin in Cargo.toml: wasm-pack only uses a
# wasm-bindgen CLI on PATH whose version equals the crate's.
WASM_BINDGEN_VERSION=0.2.130

log() { printf '[setup] %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

missing_apt=()
command -v wasm-opt >/dev/null || missing_apt+=(binaryen)
command -v chromium >/dev/null || missing_apt+=(chromium)
command -v chromedriver >/dev/null || missing_apt+=(chromium-driver)
# Go and Kubernetes' YAML library (sigs.k8s.io/yaml 1.3.0 over gopkg.in/yaml.v2
# 2.4.0, in /usr/share/gocode): the reference of the differential YAML test
# (scripts/yaml-reference.sh).
command -v go >/dev/null || missing_apt+=(golang-go)
[ -d /usr/share/gocode/src/sigs.k8s.io/yaml ] || missing_apt+=(golang-k8s-sigs-yaml-dev)
if [ ${#missing_apt[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_apt[@]}"
fi

if ! command -v wasm-pack >/dev/null; then
  log "installing wasm-pack (about 4 minutes)"
  cargo install wasm-pack
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # No --locked: one locked dependency version is missing from the registry mirror here.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then
    log "installing npm dev dependencies"
    npm ci --no-audit --no-fund
  fi
fi
# pre-commit, for the test of .pre-commit-hooks.yaml (tests/js/precommit.test.mjs).
if ! command -v pre-commit >/dev/null; then
  log "installing pre-commit (pip)"
  python3 -m pip install --quiet pre-commit
fi
log "ready"

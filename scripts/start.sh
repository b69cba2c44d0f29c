#!/usr/bin/env bash
# The main job: set up what is missing, build, print the execution plan of the
# bundled examples with the native CLI, then serve the web page on localhost.
# Usage: npm start   (or: bash scripts/start.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
npm run build
cargo build --release --quiet

./target/release/k8s-job-plan --jobs-dir examples/d29_k8s_jobs || true

exec node scripts/serve.mjs "$@"

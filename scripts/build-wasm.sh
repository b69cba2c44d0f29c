#!/usr/bin/env bash
# Builds the npm package's wasm: `npm run build:wasm`.
#   pkg/node/  CommonJS glue for Node (wasm-pack --target nodejs); the Node ESM
#              entry (js/index.mjs) and the npx bin load this same build.
#   pkg/web/   ES module glue for browsers and bundlers (wasm-pack --target web);
#              js/browser.mjs initialises it with top-level await. The web page
#              loads pkg/web/k8s_job_plan.js directly.
# Both builds share one cargo build of the wasm32 cdylib (same profile, same
# flags), so the second wasm-pack run only re-runs wasm-bindgen and wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."

# The release profile is opt-level 3 for the native CLI; the wasm is tuned for
# size. wasm-opt (Debian's binaryen, on PATH) runs with the flags in
# Cargo.toml's [package.metadata.wasm-pack.profile.release].
export CARGO_PROFILE_RELEASE_OPT_LEVEL=s

command -v wasm-opt >/dev/null || { echo "build-wasm: wasm-opt not found (apt-get install binaryen)" >&2; exit 1; }

for target in nodejs web; do
  case $target in
    nodejs) dir=pkg/node; type=commonjs ;;
    web) dir=pkg/web; type=module ;;
  esac
  rm -rf "$dir"
  wasm-pack build --release --no-pack --target "$target" --out-dir "$dir" --out-name k8s_job_plan
  # The root package.json has no "type"; this one tells Node and bundlers how
  # to read the glue's .js files, and replaces nothing else of ours.
  printf '{ "type": "%s" }\n' "$type" > "$dir/package.json"
  rm -f "$dir/.gitignore" "$dir/README.md"
done

raw=$(wc -c < pkg/web/k8s_job_plan_bg.wasm)
gz=$(gzip -9 -c pkg/web/k8s_job_plan_bg.wasm | wc -c)
echo "build-wasm: k8s_job_plan_bg.wasm is $raw bytes, $gz bytes gzipped (gzip -9)" >&2

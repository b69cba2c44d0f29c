#!/usr/bin/env bash
# Builds the npm package's wasm: `npm run build:wasm`.
#   pkg/node/  CommonJS glue for Node (wasm-pack --target nodejs); the Node ESM
#              entry (js/index.mjs) and the npx bin load this same build. It
#              reads the .wasm from pkg/web (see the end of this script).
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

# wasm-bindgen emits the same .wasm for both targets (only the glue differs),
# so the package ships it once, in pkg/web, and the Node glue reads it there.
# The pattern is the glue of the pinned wasm-bindgen (Cargo.toml); if a new
# version words it differently, this fails instead of shipping a broken glue.
cmp -s pkg/node/k8s_job_plan_bg.wasm pkg/web/k8s_job_plan_bg.wasm \
  || { echo "build-wasm: the nodejs and web .wasm differ; cannot share one" >&2; exit 1; }
node_glue=pkg/node/k8s_job_plan.js
from='const wasmPath = `${__dirname}/k8s_job_plan_bg.wasm`;'
to='const wasmPath = `${__dirname}/../web/k8s_job_plan_bg.wasm`;'
[ "$(grep -cF "$from" "$node_glue")" = 1 ] \
  || { echo "build-wasm: $node_glue does not load its wasm the expected way" >&2; exit 1; }
FROM=$from TO=$to perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$node_glue"
rm pkg/node/k8s_job_plan_bg.wasm pkg/node/k8s_job_plan_bg.wasm.d.ts

raw=$(wc -c < pkg/web/k8s_job_plan_bg.wasm)
gz=$(gzip -9 -c pkg/web/k8s_job_plan_bg.wasm | wc -c)
echo "build-wasm: k8s_job_plan_bg.wasm is $raw bytes, $gz bytes gzipped (gzip -9)" >&2

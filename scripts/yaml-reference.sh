#!/usr/bin/env bash
# Builds the Go reference (tests/reference/main.go: kubectl's document
# splitting and sigs.k8s.io/yaml.YAMLToJSON over gopkg.in/yaml.v2, from
# Debian's golang-k8s-sigs-yaml-dev, offline) and writes what Kubernetes
# makes of every test corpus to tests/reference/expected.jsonl, which the
# differential test (tests/yaml_reference.rs, native and wasm) compares with.
#
#   scripts/yaml-reference.sh          regenerate the committed expectations
#   scripts/yaml-reference.sh --check  regenerate into target/ and fail if
#                                      they differ from the committed file
# The real-world corpus in ../shared, when present, goes to
# target/yaml-reference/realworld.jsonl (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
out_dir=target/yaml-reference
mkdir -p "$out_dir"
if ! command -v go >/dev/null || [ ! -d /usr/share/gocode/src/sigs.k8s.io/yaml ]; then
  echo "yaml-reference: Go or sigs.k8s.io/yaml missing (apt-get install golang-go golang-k8s-sigs-yaml-dev)" >&2
  exit 1
fi
(cd tests/reference && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$PWD/../../$out_dir/gocache" \
  go build -o "../../$out_dir/k8s-yaml-reference" .)
if [ "${1:-}" = "--check" ]; then
  node tests/reference/generate.mjs "$out_dir/k8s-yaml-reference" "$out_dir/expected.jsonl" "$out_dir/realworld.jsonl"
  if ! cmp -s "$out_dir/expected.jsonl" tests/reference/expected.jsonl; then
    echo "yaml-reference: tests/reference/expected.jsonl is out of date; run scripts/yaml-reference.sh and commit it" >&2
    diff <(tr ',' '\n' < tests/reference/expected.jsonl) <(tr ',' '\n' < "$out_dir/expected.jsonl") | head -20 >&2
    exit 1
  fi
  echo "yaml-reference: expectations match the Go reference"
else
  node tests/reference/generate.mjs "$out_dir/k8s-yaml-reference" tests/reference/expected.jsonl "$out_dir/realworld.jsonl"
fi

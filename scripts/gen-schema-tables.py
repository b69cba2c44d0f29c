#!/usr/bin/env python3
"""Generates src/k8s/schema_tables.rs: the fields of batch/v1 Job and CronJob
and of every type under them, for each supported Kubernetes version, from the JSON schemas
that the PyPI package `kubernetes-validate` ships (derived from each release's
OpenAPI document).

Usage:
  python3 scripts/gen-schema-tables.py            # (re)write the Rust file
  python3 scripts/gen-schema-tables.py --check    # exit 1 when it is stale
  python3 scripts/gen-schema-tables.py --schema-dir DIR

Without --schema-dir the package is installed (once) into a scratch venv under
/tmp, or taken from the running Python when it is already importable there.
`UPDATE_SCHEMA=1 cargo test --test schema_tables` runs this script too.

The header of the generated file carries FNV-1a 64 fingerprints of this script,
of each version's `_definitions.json` and of the generated body, so that a Rust
test can tell, without network or Python, when the file no longer matches.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import venv

# Pinned so that a regeneration reads the very schemas the committed file came
# from; bump together with version.rs NEWEST_MINOR.
PACKAGE = "kubernetes-validate==1.37.0"
VENV = "/tmp/kjp-schema-venv"
MINORS = range(32, 38)  # keep in step with src/version.rs OLDEST_MINOR..=NEWEST_MINOR
ROOT_TYPE = "io.k8s.api.batch.v1.Job"
# More roots, walked after the Job so that the Job's types keep their indices.
MORE_ROOTS = ["io.k8s.api.batch.v1.CronJob"]
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
# Types decoded by custom unmarshallers that accept any JSON object.
FREE_FORM = {
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
    "io.k8s.apimachinery.pkg.runtime.RawExtension",
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON",
}
OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "k8s", "schema_tables.rs"))


def fnv1a64(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def schema_dir() -> str:
    try:
        from importlib import metadata

        import kubernetes_validate  # noqa: F401

        if metadata.version("kubernetes-validate") != PACKAGE.split("==")[1]:
            raise ImportError("another version of kubernetes-validate")
        base = os.path.dirname(kubernetes_validate.__file__)
    except ImportError:
        py = os.path.join(VENV, "bin", "python")
        if not os.path.exists(py):
            venv.create(VENV, with_pip=True)
        probe = "import kubernetes_validate, os; print(os.path.dirname(kubernetes_validate.__file__))"
        r = subprocess.run([py, "-c", probe], capture_output=True, text=True)
        if r.returncode != 0:
            subprocess.run([py, "-m", "pip", "install", "-q", PACKAGE], check=True)
            r = subprocess.run([py, "-c", probe], capture_output=True, text=True, check=True)
        base = r.stdout.strip()
    return os.path.join(base, "kubernetes-json-schema")


def refname(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def types_of(prop):
    t = prop.get("type", [])
    return [t] if isinstance(t, str) else list(t)


def kind_of(prop, types):
    """(shape, kind) of one property: shape is One/List/Map."""
    if "$ref" in prop:
        return ("One", elem_kind(prop, types))
    ts = types_of(prop)
    if "array" in ts:
        return ("List", elem_kind(prop["items"], types))
    if "object" in ts and isinstance(prop.get("additionalProperties"), dict):
        return ("Map", elem_kind(prop["additionalProperties"], types))
    return ("One", elem_kind(prop, types))


def elem_kind(prop, types):
    if "$ref" in prop:
        name = refname(prop["$ref"])
        if name == QUANTITY:
            return "Quantity"
        if name == INT_OR_STRING:
            return "IntOrString"
        if name in FREE_FORM:
            return "FreeForm"
        target = types[name]
        if "properties" not in target and "object" not in types_of(target):
            # A named scalar such as metav1.Time (a string with a format).
            return elem_kind(target, types)
        return ("Object", name)
    ts = types_of(prop)
    if "array" in ts:
        raise SystemExit(f"nested arrays are not supported: {prop}")
    if "enum" in prop:
        return ("Enum", tuple(prop["enum"]))
    if "string" in ts:
        return "String"
    if "integer" in ts:
        fmt = prop.get("format", "int64")
        if fmt not in ("int32", "int64"):
            raise SystemExit(f"unknown integer format {fmt}")
        return "Int32" if fmt == "int32" else "Int64"
    if "number" in ts:
        return "Number"
    if "boolean" in ts:
        return "Bool"
    if "object" in ts:
        return "FreeForm"
    raise SystemExit(f"unsupported property schema: {prop}")


def closure(defs):
    seen, order = set(), []
    for root in [ROOT_TYPE] + MORE_ROOTS:
        walk(defs, root, seen, order)
    return order


def walk(defs, root, seen, order):
    stack = [root]
    while stack:
        name = stack.pop(0)
        if name in seen:
            continue
        seen.add(name)
        s = defs[name]
        if name in FREE_FORM or "properties" not in s and "object" not in types_of(s):
            continue
        order.append(name)
        for _, prop in sorted(s.get("properties", {}).items()):
            for node in (prop, prop.get("items", {}), prop.get("additionalProperties") or {}):
                if isinstance(node, dict) and "$ref" in node:
                    stack.append(refname(node["$ref"]))


def load(base):
    """Per type (in first-seen order): field name -> list of (spec, mask)."""
    types, digests = {}, {}
    for bit, minor in enumerate(MINORS):
        path = os.path.join(base, f"v1.{minor}.0-local-strict", "_definitions.json")
        raw = open(path, "rb").read()
        digests[minor] = fnv1a64(raw)
        defs = json.loads(raw)["$defs"]
        for name in closure(defs):
            fields = types.setdefault(name, {})
            for fname, prop in defs[name].get("properties", {}).items():
                spec = kind_of(prop, defs)
                entries = fields.setdefault(fname, [])
                for e in entries:
                    if e[0] == spec:
                        e[1] |= 1 << bit
                        break
                else:
                    entries.append([spec, 1 << bit])
    return types, digests


def short(name):
    return name.rsplit(".", 1)[-1]


def render(types, digests, script_hash):
    names = list(types)  # ROOT_TYPE first: index 0
    index = {n: i for i, n in enumerate(names)}
    all_mask = (1 << len(MINORS)) - 1
    # Enum value lists live in one table so that a Field stays small.
    enums = []
    for fields in types.values():
        for entries in fields.values():
            for (_, kind), _ in entries:
                if isinstance(kind, tuple) and kind[0] == "Enum" and kind[1] not in enums:
                    enums.append(kind[1])

    def kind_rs(kind):
        if isinstance(kind, tuple) and kind[0] == "Object":
            return f"O({index[kind[1]]})"
        if isinstance(kind, tuple) and kind[0] == "Enum":
            return f"Kind::Enum({enums.index(kind[1])})"
        return {"String": "S", "Int32": "I32", "Int64": "I64", "Number": "Kind::Number",
                "Bool": "B", "Quantity": "Q", "IntOrString": "IOS", "FreeForm": "Kind::FreeForm"}[kind]

    body = []
    body.append("use super::schema::{Field, Kind, Shape, TypeDef};\n")
    body.append("use Kind::{Bool as B, Int32 as I32, Int64 as I64, IntOrString as IOS, Object as O, Quantity as Q, String as S};\n")
    body.append("use Shape::{List as L, Map as M, One as N};\n\n")
    body.append(f"/// Index of `{ROOT_TYPE}` in [`TYPES`].\npub const JOB: u16 = 0;\n")
    for root in MORE_ROOTS:
        const = re.sub(r"(?<!^)(?=[A-Z])", "_", short(root)).upper()
        body.append(f"/// Index of `{root}` in [`TYPES`].\npub const {const}: u16 = {index[root]};\n")
    body.append(f"/// Bit of each supported minor version in `Field::versions`: 1.{MINORS[0]} is bit 0.\n")
    body.append(f"pub const OLDEST_MINOR: u32 = {MINORS[0]};\n")
    body.append(f"/// Every version bit set.\npub const ALL: u8 = {all_mask:#04x};\n\n")
    body.append("/// Allowed values of the `Kind::Enum` fields, by index.\n")
    body.append("pub static ENUMS: &[&[&str]] = &[\n")
    for values in enums:
        body.append("    &[" + ", ".join(json.dumps(v) for v in values) + "],\n")
    body.append("];\n\n")
    body.append("const fn f(name: &'static str, versions: u8, shape: Shape, kind: Kind) -> Field {\n")
    body.append("    Field { name, versions, shape, kind }\n}\n\n")
    body.append("/// Every type reachable from a Job or a CronJob; fields sorted by name (bytes).\n")
    body.append("#[rustfmt::skip]\npub static TYPES: &[TypeDef] = &[\n")
    for name in names:
        body.append(f"    // {index[name]}: {name}\n")
        body.append(f"    TypeDef {{ name: {json.dumps(short(name))}, fields: &[\n")
        fields = types[name]
        for fname in sorted(fields, key=lambda s: s.encode()):
            for (shape, kind), mask in fields[fname]:
                m = "ALL" if mask == all_mask else f"{mask:#04x}"
                sh = {"One": "N", "List": "L", "Map": "M"}[shape]
                body.append(f"        f({json.dumps(fname)}, {m}, {sh}, {kind_rs(kind)}),\n")
        body.append("    ] },\n")
    body.append("];\n")
    body = "".join(body)
    header = [
        "// @generated by scripts/gen-schema-tables.py: do not edit by hand.",
        "// Regenerate: python3 scripts/gen-schema-tables.py (or UPDATE_SCHEMA=1 cargo test --test schema_tables).",
        f"// Source: PyPI {PACKAGE}, kubernetes-json-schema/v1.NN.0-local-strict/_definitions.json,",
        f"// closure of {', '.join([ROOT_TYPE] + MORE_ROOTS)}.",
        f"// generator-fnv1a64: {script_hash}",
    ]
    for minor in MINORS:
        header.append(f"// schema-fnv1a64 1.{minor}: {digests[minor]}")
    header.append(f"// body-fnv1a64: {fnv1a64(body.encode())}")
    return "\n".join(header) + "\n\n" + body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="exit 1 when the committed file is stale")
    ap.add_argument("--schema-dir", help="kubernetes-json-schema directory to read")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    script_hash = fnv1a64(open(os.path.abspath(__file__), "rb").read())
    types, digests = load(args.schema_dir or schema_dir())
    text = render(types, digests, script_hash)
    if args.check:
        current = open(args.out, encoding="utf-8").read() if os.path.exists(args.out) else ""
        if current != text:
            print(f"{args.out} is stale: run python3 scripts/gen-schema-tables.py", file=sys.stderr)
            sys.exit(1)
        print(f"{args.out} is up to date")
        return
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    n_fields = sum(len(e) for t in types.values() for e in t.values())
    print(f"wrote {args.out}: {len(types)} types, {n_fields} fields")


if __name__ == "__main__":
    main()

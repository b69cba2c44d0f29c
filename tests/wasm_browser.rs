//! The cases of tests/wasm.rs, in a browser: `wasm-pack test --headless --chrome`.
//! wasm-bindgen-test picks Node or a browser per test binary (from this
//! configure section, else Node), and each `wasm-pack test` mode skips the
//! binaries of the other, so the same cases need one binary per environment.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm.rs"]
mod cases;

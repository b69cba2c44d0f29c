//! Runs every case of tests/fixtures/apiserver (ported from the Kubernetes
//! validation tests) through the public API and checks the verdict and the
//! set of error paths the API server would report. See the README there.

mod apiserver_cases {
    include!("common/apiserver_cases.rs");
}

use std::path::Path;

#[test]
fn apiserver_fixtures_match_the_api_server() {
    // Every fixture file on disk is embedded for the wasm tests too.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/apiserver");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture directory exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = apiserver_cases::FIXTURE_FILES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(
        on_disk, embedded,
        "add new fixture files to tests/common/apiserver_cases.rs"
    );
    apiserver_cases::check_all(apiserver_cases::FIXTURE_FILES);
}

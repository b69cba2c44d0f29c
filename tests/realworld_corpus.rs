//! The real-world corpus (../shared/corpus/realworld, see its SOURCES.md):
//! every error reported on those files must be one a current cluster raises
//! too. The expected errors are listed per file; any other error is a false
//! positive and fails the test. Warnings are not checked.

use k8s_job_plan::{plan_files, InputContent, InputFile, PlanOptions};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// (file, rule code, field path) of every error a cluster would also raise.
const EXPECTED_ERRORS: &[(&str, &str, &str)] = &[
    // `process-item-$ITEM` is a sed placeholder: not a DNS-1123 subdomain.
    ("kubernetes__website__content__en__examples__application__job__job-tmpl.yaml", "KJP401", "metadata.name"),
    // ... and, copied into the generated job-name label, not a label value either.
    ("kubernetes__website__content__en__examples__application__job__job-tmpl.yaml", "KJP401", "spec.template.labels"),
    // A TAB indents the last line: not YAML.
    ("kubernetes__website__content__en__examples__controllers__job-pod-failure-policy-ignore.yaml", "KJP001", ""),
    // No metadata at all, and no restartPolicy (defaults to Always, refused for Jobs).
    ("kubernetes__website__content__en__examples__controllers__job-success-policy-example.yaml", "KJP103", "metadata.name"),
    ("kubernetes__website__content__en__examples__controllers__job-success-policy-example.yaml", "KJP413", "spec.template.spec.restartPolicy"),
];

/// Files whose Job has only a generateName: the API server accepts them on
/// create (so no error), but `kubectl apply` refuses them ("cannot use
/// generate name with apply"), which the generate-name-with-apply warning says.
const GENERATE_NAME_ONLY: &[&str] = &[
    "kubernetes-sigs__kueue__cmd__kueueviz__examples__03-agi-job.yaml",
    "kubernetes-sigs__kueue__cmd__kueueviz__examples__04-llm-job.yaml",
    "kubernetes-sigs__kueue__cmd__kueueviz__examples__05-cancer-cure-research.yaml",
    "kubernetes-sigs__kueue__site__static__examples__admin__shared-quota-sample-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__admission-fs__lq-a-simple-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__admission-fs__lq-b-simple-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__dra__sample-dra-capacity-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__dra__sample-dra-counter-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__dra__sample-dra-extended-resource-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__dra__sample-dra-rct-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__jobs__sample-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__provisioning__sample-job.yaml",
    "kubernetes-sigs__kueue__site__static__examples__tas__sample-job-preferred.yaml",
    "kubernetes-sigs__kueue__site__static__examples__tas__sample-job-required.yaml",
    "kubernetes-sigs__kueue__site__static__examples__tas__sample-job-unconstrained.yaml",
];

#[test]
fn realworld_corpus_reports_only_real_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/realworld");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        // Written to stderr directly: libtest captures eprintln! of passing tests.
        let _ = writeln!(
            std::io::stderr(),
            "note: {} is absent; skipping the real-world corpus test",
            dir.display()
        );
        return;
    };
    let mut files: Vec<_> = entries
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "the corpus shrank to {} files",
        files.len()
    );

    // The verdicts must hold for every supported Kubernetes version.
    for version in k8s_job_plan::version::KubeVersion::all() {
        check_version(&files, &version.to_string());
    }
}

fn check_version(files: &[std::path::PathBuf], version: &str) {
    let opts = PlanOptions {
        strict: false,
        kubernetes_version: Some(version.to_string()),
        ..Default::default()
    };
    let mut got = BTreeSet::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).expect("readable corpus file");
        let input = [InputFile {
            name: &name,
            content: InputContent::Bytes(&bytes),
        }];
        let plan = plan_files(&input, &opts).expect("supported version");
        if GENERATE_NAME_ONLY.contains(&name.as_str()) {
            assert!(
                plan.warnings().any(|w| w.code == "KJP208"),
                "{name}: generateName-only Job without the KJP208 warning"
            );
        }
        for e in plan.errors() {
            got.insert((
                name.clone(),
                e.code.clone(),
                e.path.clone(),
                e.message.clone(),
            ));
        }
    }
    let expected: BTreeSet<(String, String, String)> = EXPECTED_ERRORS
        .iter()
        .map(|(f, c, p)| (f.to_string(), c.to_string(), p.to_string()))
        .collect();
    let unexpected: Vec<_> = got
        .iter()
        .filter(|(f, c, p, _)| !expected.contains(&(f.clone(), c.clone(), p.clone())))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{version}: errors a cluster would not raise:\n{unexpected:#?}"
    );
    let got_keys: BTreeSet<_> = got
        .iter()
        .map(|(f, c, p, _)| (f.clone(), c.clone(), p.clone()))
        .collect();
    let missing: Vec<_> = expected.difference(&got_keys).collect();
    assert!(
        missing.is_empty(),
        "{version}: expected errors not reported:\n{missing:#?}"
    );
}

//! The CronJob (pkg/apis/batch/validation `ValidateCronJobCreate`,
//! `validateCronJobSpec`, `validateScheduleFormat`, `validateTimeZone`,
//! `validateConcurrencyPolicy`, `ValidateJobTemplateSpec`), after the
//! defaulting of batch/v1 `SetDefaults_CronJob` (an empty concurrencyPolicy
//! becomes Allow) and core/v1 `SetDefaults_PodSpec` (a missing restartPolicy
//! becomes Always, which a Job refuses).
//!
//! `spec.jobTemplate.spec` goes through every Job spec and pod template check
//! with paths under `spec.jobTemplate.spec`; the selector and the `job-name`
//! labels are generated for each Job the controller creates, so they are not
//! checked here, and a selector in the template is refused.
//!
//! `spec.jobTemplate.metadata`: the API server does not validate it when the
//! CronJob is created, but the controller copies its labels and annotations
//! onto every Job it creates, where an invalid one fails each run. They are
//! checked with the Job's metadata rules, at their template paths.

use super::*;
use crate::k8s::cron;

crate::rules! {
    SCHEDULE = {
        code: "KJP430", name: "invalid-cron-schedule", severity: Error,
        summary: "A CronJob's schedule is missing, does not parse, or has a TZ=/CRON_TZ= prefix.",
        why: "The API server parses it with robfig/cron's ParseStandard and refuses the CronJob when it does not parse; a TZ= prefix is refused: timeZone replaces it.",
        example: "spec:\n  schedule: \"CRON_TZ=Europe/Paris 0 3 * * *\"",
        fix: "spec:\n  schedule: \"0 3 * * *\"\n  timeZone: Europe/Paris",
        reference: "pkg/apis/batch/validation validateScheduleFormat; github.com/robfig/cron/v3 ParseStandard.",
    },
    TIME_ZONE = {
        code: "KJP431", name: "invalid-time-zone", severity: Error,
        summary: "A CronJob's timeZone is empty, Local, or not an IANA zone name.",
        why: "The API server loads it with Go's time.LoadLocation: a typo, a lower-case name or CEST refuses the CronJob; Local is refused too.",
        example: "spec:\n  timeZone: Europe/Pariss",
        fix: "spec:\n  timeZone: Europe/Paris",
        reference: "pkg/apis/batch/validation validateTimeZone; the IANA tz database (names from PyPI tzdata).",
    },
    CONCURRENCY_POLICY = {
        code: "KJP432", name: "invalid-concurrency-policy", severity: Error,
        summary: "A CronJob's concurrencyPolicy is not Allow, Forbid or Replace.",
        why: "The API server refuses any other value.",
        example: "spec:\n  concurrencyPolicy: forbid",
        fix: "spec:\n  concurrencyPolicy: Forbid",
        reference: "pkg/apis/batch/validation validateConcurrencyPolicy.",
    },
    CRON_COUNTS = {
        code: "KJP433", name: "negative-cron-job-field", severity: Error,
        summary: "startingDeadlineSeconds, successfulJobsHistoryLimit or failedJobsHistoryLimit is negative.",
        why: "The API server refuses a negative value.",
        example: "spec:\n  failedJobsHistoryLimit: -1",
        fix: "spec:\n  failedJobsHistoryLimit: 1",
        reference: "pkg/apis/batch/validation validateCronJobSpec (ValidateNonnegativeField).",
    },
    CRON_NAME = {
        code: "KJP434", name: "cron-job-name-too-long", severity: Error,
        summary: "A CronJob's name is longer than 52 characters.",
        why: "Each Job is named `<name>-<11 characters>` and must fit in 63, so the API server refuses longer CronJob names.",
        example: "metadata:\n  name: nightly-database-backup-of-the-accounting-service-prod",
        fix: "metadata:\n  name: nightly-accounting-db-backup",
        reference: "pkg/apis/batch/validation ValidateCronJobCreate.",
    },
    TEMPLATE_SELECTOR = {
        code: "KJP435", name: "job-template-selector", severity: Error,
        summary: "A CronJob's jobTemplate sets a selector or manualSelector: true.",
        why: "Each Job's selector is generated; the API server refuses a template that sets one.",
        example: "spec:\n  jobTemplate:\n    spec:\n      manualSelector: true\n      selector: {matchLabels: {app: x}}",
        fix: "spec:\n  jobTemplate:\n    spec:\n      template: ...",
        reference: "pkg/apis/batch/validation ValidateJobTemplateSpec.",
    },
}

impl Cx {
    pub(super) fn cron_job(&mut self, doc: &Value) {
        let root = FieldPath::root();
        let meta = obj(Some(doc), "metadata");
        let meta_path = root.field("metadata");
        let spec = obj(Some(doc), "spec");
        let sp = root.field("spec");
        let name = get_str(meta, "name").filter(|n| !n.trim().is_empty());

        self.object_meta(doc, meta, &meta_path, name);

        let p = sp.field("schedule");
        match get(spec, "schedule").map(Value::as_str) {
            None | Some(Some("")) => self.push(
                SCHEDULE,
                &p,
                required(&p, ""),
                "Set spec.schedule, e.g. \"0 3 * * *\" (every day at 03:00).",
            ),
            Some(None) => {}
            Some(Some(s)) => {
                if let Err(e) = cron::parse_standard(s) {
                    self.push(
                        SCHEDULE,
                        &p,
                        invalid(&p, &q(s), &e),
                        "Write five fields (minute hour day-of-month month day-of-week) or a descriptor such as @daily.",
                    );
                }
                if s.contains("TZ") {
                    self.push(
                        SCHEDULE,
                        &p,
                        invalid(
                            &p,
                            &q(s),
                            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
                        ),
                        "Remove the TZ=/CRON_TZ= prefix and set spec.timeZone to the zone.",
                    );
                }
            }
        }

        self.non_negative(spec, &sp, "startingDeadlineSeconds");
        self.time_zone(spec, &sp.field("timeZone"));

        if let Some(cp) = get_str(spec, "concurrencyPolicy") {
            if !matches!(cp, "" | "Allow" | "Forbid" | "Replace") {
                let p = sp.field("concurrencyPolicy");
                self.push(
                    CONCURRENCY_POLICY,
                    &p,
                    not_supported(&p, cp, &["Allow", "Forbid", "Replace"]),
                    "Set concurrencyPolicy to Allow, Forbid or Replace (the case matters).",
                );
            }
        }

        let jt = obj(spec, "jobTemplate");
        let jt_path = sp.field("jobTemplate");
        let jt_meta = obj(jt, "metadata");
        let jt_meta_path = jt_path.field("metadata");
        self.labels(get_map(jt_meta, "labels"), &jt_meta_path.field("labels"));
        self.annotations(
            get_map(jt_meta, "annotations"),
            &jt_meta_path.field("annotations"),
            None,
        );
        let job_spec = obj(jt, "spec");
        let js_path = jt_path.field("spec");
        self.job_spec_and_template(job_spec, &js_path, None);
        if let Some(sel) = get(job_spec, "selector") {
            let p = js_path.field("selector");
            self.push(
                TEMPLATE_SELECTOR,
                &p,
                invalid(&p, &selector_repr(sel), "`selector` will be auto-generated"),
                "Remove spec.jobTemplate.spec.selector: each Job's selector is generated.",
            );
        }
        if get_bool(job_spec, "manualSelector") == Some(true) {
            let p = js_path.field("manualSelector");
            self.push(
                TEMPLATE_SELECTOR,
                &p,
                not_supported(&p, "true", &["nil", "false"]),
                "Remove spec.jobTemplate.spec.manualSelector.",
            );
        }

        self.non_negative(spec, &sp, "successfulJobsHistoryLimit");
        self.non_negative(spec, &sp, "failedJobsHistoryLimit");

        if let Some(n) = get_str(meta, "name").filter(|n| n.len() > 52) {
            let p = meta_path.field("name");
            self.push(
                CRON_NAME,
                &p,
                invalid(&p, &q(n), "must be no more than 52 characters"),
                "Shorten metadata.name to at most 52 characters: each Job is named <name>-<11 characters>.",
            );
        }
    }

    fn non_negative(&mut self, spec: Option<&Value>, sp: &FieldPath, field: &str) {
        if let Some(v) = get_int(spec, field).filter(|v| *v < 0) {
            let p = sp.field(field);
            self.push(
                CRON_COUNTS,
                &p,
                invalid(&p, &v.to_string(), "must be greater than or equal to 0"),
                "Set it to 0 or more, or remove it.",
            );
        }
    }

    fn time_zone(&mut self, spec: Option<&Value>, p: &FieldPath) {
        let Some(tz) = get_str(spec, "timeZone") else {
            return;
        };
        let help = "Use an IANA time zone name such as Europe/Paris, America/New_York or Etc/UTC (see `timedatectl list-timezones`).";
        if tz.is_empty() {
            self.push(
                TIME_ZONE,
                p,
                invalid(p, &q(tz), "timeZone must be nil or non-empty string"),
                "Remove timeZone (the controller's zone is used) or set an IANA name.",
            );
            return;
        }
        let bad_part = tz.split('/').any(|part| {
            part == "."
                || part == ".."
                || part.starts_with('-')
                || part.is_empty()
                || part.len() > 14
                || !part
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b".-_+".contains(&c))
        });
        if bad_part {
            let m = format!("unknown time zone {tz}");
            self.push(TIME_ZONE, p, invalid(p, &q(tz), &m), help);
            return;
        }
        if tz.eq_ignore_ascii_case("Local") {
            self.push(
                TIME_ZONE,
                p,
                invalid(
                    p,
                    &q(tz),
                    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
                ),
                help,
            );
        }
        if let Err(e) = cron::load_location(tz) {
            self.push(TIME_ZONE, p, invalid(p, &q(tz), &e), help);
        }
    }
}

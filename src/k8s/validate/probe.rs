//! Probes and lifecycle handlers (core/validation `validateProbe`,
//! `validateLifecycle`, `validateHandler`).

use super::*;

crate::rules! {
    PROBES = {
        code: "KJP422", name: "invalid-probe-or-lifecycle", severity: Error,
        summary: "A probe or lifecycle hook has no handler or several, a negative setting, a bad port, or is set on a plain init container.",
        why: "Probes need exactly one of exec, httpGet, tcpSocket and grpc; liveness and startup probes need successThreshold 1; init containers without restartPolicy: Always cannot have probes or lifecycle hooks.",
        example: "livenessProbe:\n  periodSeconds: 10",
        fix: "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}\n  periodSeconds: 10",
        reference: "pkg/apis/core/validation validateProbe, validateHandler, validateLifecycle, validateInitContainers.",
    },
}

impl Cx {
    pub(super) fn probe(
        &mut self,
        pr: &Value,
        p: &FieldPath,
        liveness_like: bool,
        readiness: bool,
        grace_period: i64,
    ) {
        self.handler(
            pr,
            p,
            &["exec", "httpGet", "tcpSocket", "grpc"],
            grace_period,
        );
        let pr = Some(pr);
        // Zero values are defaulted (timeout 1, period 10, thresholds 1 and 3).
        for f in [
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold",
        ] {
            if let Some(v) = get_int(pr, f).filter(|&v| v < 0) {
                let fp = p.field(f);
                self.push(
                    PROBES,
                    &fp,
                    invalid(&fp, &v.to_string(), "must be greater than or equal to 0"),
                    &format!("Set {f} to 0 or more."),
                );
            }
        }
        if let Some(t) = get_int(pr, "terminationGracePeriodSeconds") {
            let fp = p.field("terminationGracePeriodSeconds");
            if readiness {
                self.push(
                    PROBES,
                    &fp,
                    invalid(&fp, &t.to_string(), "must not be set for readinessProbes"),
                    "Remove terminationGracePeriodSeconds from the readiness probe.",
                );
            } else if t <= 0 {
                self.push(
                    PROBES,
                    &fp,
                    invalid(&fp, &t.to_string(), "must be greater than 0"),
                    "Use a positive terminationGracePeriodSeconds.",
                );
            }
        }
        if liveness_like {
            // 0 is defaulted to 1.
            if let Some(s) = get_int(pr, "successThreshold").filter(|&s| s != 1 && s != 0) {
                let fp = p.field("successThreshold");
                self.push(
                    PROBES,
                    &fp,
                    invalid(&fp, &s.to_string(), "must be 1"),
                    "Set successThreshold: 1 for liveness and startup probes.",
                );
            }
        }
    }

    /// `grace_period`: the Pod's terminationGracePeriodSeconds, the longest sleep.
    pub(super) fn handler(&mut self, h: &Value, p: &FieldPath, kinds: &[&str], grace_period: i64) {
        let mut n = 0;
        for kind in kinds {
            let Some(hv) = get(Some(h), kind) else {
                continue;
            };
            let kp = p.field(kind);
            if n > 0 {
                self.push(
                    PROBES,
                    &kp,
                    forbidden(&kp, "may not specify more than 1 handler type"),
                    "Keep exactly one handler.",
                );
                continue;
            }
            n += 1;
            if !hv.is_mapping() {
                continue;
            }
            let hv = Some(hv);
            match *kind {
                "exec" if get_seq(hv, "command").is_empty() => {
                    let cp = kp.field("command");
                    self.push(PROBES, &cp, required(&cp, ""), "Give exec a command.");
                }
                "httpGet" | "tcpSocket" => {
                    self.port_num_or_name(get(hv, "port"), &kp.field("port"));
                    // SetDefaults_HTTPGetAction: an empty scheme is HTTP.
                    if let Some(s) = get_str(hv, "scheme").filter(|s| !s.is_empty()) {
                        if s != "HTTP" && s != "HTTPS" {
                            let sp = kp.field("scheme");
                            self.push(
                                PROBES,
                                &sp,
                                not_supported(&sp, s, &["HTTP", "HTTPS"]),
                                "Use HTTP or HTTPS.",
                            );
                        }
                    }
                }
                "sleep" => {
                    // PodLifecycleSleepActionAllowZero: beta (on) from 1.33.
                    let secs = get_int(hv, "seconds").unwrap_or(0);
                    let grace = grace_period;
                    let sp = kp.clone();
                    if self.version.minor >= 33 {
                        if secs < 0 || secs > grace {
                            self.push(PROBES, &sp, invalid(&sp, &secs.to_string(), &format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})")), "Sleep for at most the Pod's terminationGracePeriodSeconds.");
                        }
                    } else if secs <= 0 || secs > grace {
                        self.push(PROBES, &sp, invalid(&sp, &secs.to_string(), &format!("must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). Please enable PodLifecycleSleepActionAllowZero feature gate if you need a sleep of zero duration.")), "Sleep between 1 second and the Pod's terminationGracePeriodSeconds.");
                    }
                }
                "grpc" => {
                    let pp = kp.field("port");
                    let port = get_int(hv, "port").unwrap_or(0);
                    for m in names::is_valid_port_num(port) {
                        self.push(
                            PROBES,
                            &pp,
                            invalid(&pp, &port.to_string(), &m),
                            "Use a port between 1 and 65535.",
                        );
                    }
                }
                _ => {}
            }
        }
        if n == 0 {
            self.push(
                PROBES,
                p,
                required(p, "must specify a handler type"),
                "Add exactly one of exec, httpGet, tcpSocket or grpc.",
            );
        }
    }

    pub(super) fn port_num_or_name(&mut self, v: Option<&Value>, p: &FieldPath) {
        match v {
            Some(Value::String(s)) => {
                for m in names::is_valid_port_name(s) {
                    self.push(
                        PROBES,
                        p,
                        invalid(p, &q(s), &m),
                        "Use a port number or the name of a container port.",
                    );
                }
            }
            Some(Value::Number(n)) => {
                if let Some(n) = int_of(&Value::Number(n.clone())) {
                    for m in names::is_valid_port_num(n) {
                        self.push(
                            PROBES,
                            p,
                            invalid(p, &n.to_string(), &m),
                            "Use a port between 1 and 65535.",
                        );
                    }
                }
            }
            None => {
                for m in names::is_valid_port_num(0) {
                    self.push(PROBES, p, invalid(p, "0", &m), "Set the port to probe.");
                }
            }
            _ => {}
        }
    }
}

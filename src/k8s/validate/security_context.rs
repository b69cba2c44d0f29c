//! Pod and container security contexts (core/validation
//! `ValidatePodSecurityContext`, `ValidateSecurityContext`).

use super::*;

crate::rules! {
    SECURITY_CONTEXT = {
        code: "KJP425", name: "invalid-security-context", severity: Error,
        summary: "A user or group ID is out of range, or privileged/CAP_SYS_ADMIN is combined with allowPrivilegeEscalation: false.",
        why: "IDs are 0..2147483647; a privileged container cannot also forbid privilege escalation.",
        example: "securityContext:\n  privileged: true\n  allowPrivilegeEscalation: false",
        fix: "securityContext:\n  allowPrivilegeEscalation: false",
        reference: "pkg/apis/core/validation ValidatePodSecurityContext, ValidateSecurityContext.",
    },
}

impl Cx {
    pub(super) fn id_field(&mut self, sc: Option<&Value>, p: &FieldPath, field: &str) {
        if let Some(v) = get_int(sc, field) {
            if !(0..=i64::from(i32::MAX)).contains(&v) {
                let fp = p.field(field);
                self.push(
                    SECURITY_CONTEXT,
                    &fp,
                    invalid(
                        &fp,
                        &v.to_string(),
                        &inclusive_range_error(0, i64::from(i32::MAX)),
                    ),
                    "Use a user or group ID between 0 and 2147483647.",
                );
            }
        }
    }

    pub(super) fn pod_security_context(&mut self, sc: Option<&Value>, p: &FieldPath) {
        if sc.is_none() {
            return;
        }
        for f in ["runAsUser", "runAsGroup", "fsGroup"] {
            self.id_field(sc, p, f);
        }
        for (i, g) in get_seq(sc, "supplementalGroups").iter().enumerate() {
            if let Some(g) = int_of(g).filter(|g| !(0..=i64::from(i32::MAX)).contains(g)) {
                let gp = p.field("supplementalGroups").index(i);
                self.push(
                    SECURITY_CONTEXT,
                    &gp,
                    invalid(
                        &gp,
                        &g.to_string(),
                        &inclusive_range_error(0, i64::from(i32::MAX)),
                    ),
                    "Use group IDs between 0 and 2147483647.",
                );
            }
        }
    }

    pub(super) fn container_security_context(&mut self, sc_value: &Value, p: &FieldPath) {
        let sc = Some(sc_value);
        let repr = json_repr(sc_value);
        self.id_field(sc, p, "runAsUser");
        self.id_field(sc, p, "runAsGroup");
        if get_bool(sc, "allowPrivilegeEscalation") == Some(false) {
            if get_bool(sc, "privileged") == Some(true) {
                self.push(
                    SECURITY_CONTEXT,
                    p,
                    invalid(
                        p,
                        &repr,
                        "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
                    ),
                    "Drop privileged: true, or allow privilege escalation.",
                );
            }
            let adds = get_seq(get(sc, "capabilities"), "add");
            if adds
                .iter()
                // Upstream compares the literal string, so "SYS_ADMIN" passes.
                .any(|c| c.as_str() == Some("CAP_SYS_ADMIN"))
            {
                self.push(SECURITY_CONTEXT, p, invalid(p, &repr, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"), "Drop CAP_SYS_ADMIN, or allow privilege escalation.");
            }
        }
    }
}

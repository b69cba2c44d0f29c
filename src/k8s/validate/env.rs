//! Environment variables and envFrom (core/validation `ValidateEnv`,
//! `validateEnvVarValueFrom`, `ValidateEnvFrom`).

use super::*;

crate::rules! {
    ENV = {
        code: "KJP418", name: "invalid-env", severity: Error,
        summary: "An env entry has an empty or invalid name, or valueFrom/envFrom does not name exactly one valid source.",
        why: "Each variable needs a name of printable ASCII without '='; valueFrom takes exactly one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef, and not together with value.",
        example: "env:\n- name: TOKEN\n  value: x\n  valueFrom:\n    secretKeyRef: {name: s, key: token}",
        fix: "env:\n- name: TOKEN\n  valueFrom:\n    secretKeyRef: {name: s, key: token}",
        reference: "pkg/apis/core/validation ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom; util/validation IsRelaxedEnvVarName.",
    },
}

impl Cx {
    pub(super) fn env(&mut self, env: &[Value], p: &FieldPath) {
        for (i, ev) in env.iter().enumerate() {
            if !ev.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let ev = Some(ev);
            let np = ip.field("name");
            match get_str(ev, "name") {
                None if get(ev, "name").is_none() => {
                    self.push(ENV, &np, required(&np, ""), "Give every env entry a name.")
                }
                Some("") => self.push(ENV, &np, required(&np, ""), "Give every env entry a name."),
                Some(n) => {
                    for m in names::is_relaxed_env_var_name(n) {
                        self.push(
                            ENV,
                            &np,
                            invalid(&np, &q(n), &m),
                            "Use printable ASCII without '=' in environment variable names.",
                        );
                    }
                }
                None => {}
            }
            let Some(vf) = obj(ev, "valueFrom") else {
                continue;
            };
            let vp = ip.field("valueFrom");
            let mut sources = 0;
            // A source of the wrong type still counts (the decoder reports it).
            if let Some(fr) = get(Some(vf), "fieldRef") {
                sources += 1;
                if fr.is_mapping() {
                    self.field_ref(fr, &vp.field("fieldRef"));
                }
            }
            if let Some(rf) = get(Some(vf), "resourceFieldRef") {
                sources += 1;
                let rp = vp.field("resourceFieldRef").field("resource");
                match get_str(Some(rf), "resource").unwrap_or("") {
                    _ if !rf.is_mapping() => {}
                    "" => self.push(
                        ENV,
                        &rp,
                        required(&rp, ""),
                        "Name the resource, e.g. limits.memory.",
                    ),
                    r if RESOURCE_FIELDS.contains(&r)
                        || r.starts_with("requests.hugepages-")
                        || r.starts_with("limits.hugepages-") => {}
                    r => self.push(
                        ENV,
                        &rp,
                        not_supported(&rp, r, &RESOURCE_FIELDS),
                        "Use one of the supported resource fields, e.g. limits.memory.",
                    ),
                }
            }
            for key in ["configMapKeyRef", "secretKeyRef"] {
                if let Some(kr) = get(Some(vf), key) {
                    sources += 1;
                    if kr.is_mapping() {
                        self.key_selector(kr, &vp.field(key));
                    }
                }
            }
            let value = get_str(ev, "value").unwrap_or("");
            if sources == 0 {
                self.push(ENV, &vp, invalid(&vp, "\"\"", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"), "Set exactly one source under valueFrom.");
            } else if !value.is_empty() {
                self.push(
                    ENV,
                    &vp,
                    invalid(
                        &vp,
                        "\"\"",
                        "may not be specified when `value` is not empty",
                    ),
                    "Use either value or valueFrom, not both.",
                );
            } else if sources > 1 {
                self.push(
                    ENV,
                    &vp,
                    invalid(
                        &vp,
                        "\"\"",
                        "may not have more than one field specified at a time",
                    ),
                    "Keep exactly one source under valueFrom.",
                );
            }
        }
    }

    pub(super) fn field_ref(&mut self, fr: &Value, p: &FieldPath) {
        // apiVersion defaults to v1.
        let fp = p.field("fieldPath");
        let path = match get_str(Some(fr), "fieldPath") {
            None | Some("") => {
                self.push(
                    ENV,
                    &fp,
                    required(&fp, ""),
                    "Set fieldPath, e.g. metadata.name.",
                );
                return;
            }
            Some(s) => s,
        };
        // ConvertDownwardAPIFieldLabel knows only v1 (an empty apiVersion
        // has been defaulted to v1 by SetDefaults_ObjectFieldSelector).
        if let Some(v) = get_str(Some(fr), "apiVersion").filter(|v| !v.is_empty() && *v != "v1") {
            self.push(
                ENV,
                &fp,
                invalid(
                    &fp,
                    &q(path),
                    &format!("error converting fieldPath: unsupported pod version: {v}"),
                ),
                "Set fieldRef.apiVersion to v1, or leave it out.",
            );
            return;
        }
        let (base, subscripted) = match path.split_once('[') {
            Some((b, rest)) if rest.ends_with(']') => (b, true),
            _ => (path, false),
        };
        let convertible = CONVERTIBLE_FIELDS.contains(&base);
        if !convertible {
            self.push(
                ENV,
                &fp,
                invalid(
                    &fp,
                    &q(path),
                    &format!("error converting fieldPath: field label not supported: {path}"),
                ),
                "Use a supported Pod field such as metadata.name or status.podIP.",
            );
        } else if subscripted {
            if base != "metadata.labels" && base != "metadata.annotations" {
                self.push(
                    ENV,
                    p,
                    invalid(p, &q(base), "does not support subscript"),
                    "Only metadata.labels and metadata.annotations take a ['key'] subscript.",
                );
            }
        } else if !ENV_FIELDS.contains(&base) {
            self.push(
                ENV,
                &fp,
                not_supported(&fp, base, &ENV_FIELDS),
                "Use one of the supported Pod fields.",
            );
        }
    }

    pub(super) fn key_selector(&mut self, kr: &Value, p: &FieldPath) {
        let n = get_str(Some(kr), "name").unwrap_or("");
        let np = p.field("name");
        for m in names::is_dns1123_subdomain(n) {
            self.push(
                ENV,
                &np,
                invalid(&np, &q(n), &m),
                "Name the ConfigMap or Secret to read from.",
            );
        }
        let kp = p.field("key");
        match get_str(Some(kr), "key").unwrap_or("") {
            "" => self.push(ENV, &kp, required(&kp, ""), "Name the key to read."),
            k => {
                for m in names::is_config_map_key(k) {
                    self.push(
                        ENV,
                        &kp,
                        invalid(&kp, &q(k), &m),
                        "Use a key of alphanumerics, '-', '_' or '.'.",
                    );
                }
            }
        }
    }

    pub(super) fn env_from(&mut self, list: &[Value], p: &FieldPath) {
        for (i, ef) in list.iter().enumerate() {
            if !ef.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let ef = Some(ef);
            if let Some(prefix) = get_str(ef, "prefix").filter(|s| !s.is_empty()) {
                let pp = ip.field("prefix");
                for m in names::is_relaxed_env_var_name(prefix) {
                    self.push(
                        ENV,
                        &pp,
                        invalid(&pp, &q(prefix), &m),
                        "Use printable ASCII without '=' in the prefix.",
                    );
                }
            }
            let mut sources = 0;
            for key in ["configMapRef", "secretRef"] {
                if let Some(r) = get(ef, key) {
                    sources += 1;
                    let np = ip.field(key).field("name");
                    match get_str(Some(r), "name").unwrap_or("") {
                        _ if !r.is_mapping() => {}
                        "" => {
                            self.push(ENV, &np, required(&np, ""), "Name the ConfigMap or Secret.")
                        }
                        n => {
                            for m in names::is_dns1123_subdomain(n) {
                                self.push(
                                    ENV,
                                    &np,
                                    invalid(&np, &q(n), &m),
                                    "Use the ConfigMap's or Secret's name.",
                                );
                            }
                        }
                    }
                }
            }
            if sources == 0 {
                self.push(
                    ENV,
                    p,
                    invalid(
                        p,
                        "\"\"",
                        "must specify one of: `configMapRef` or `secretRef`",
                    ),
                    "Set configMapRef or secretRef in every envFrom entry.",
                );
            } else if sources > 1 {
                self.push(
                    ENV,
                    p,
                    invalid(
                        p,
                        "\"\"",
                        "may not have more than one field specified at a time",
                    ),
                    "Split the entry: one envFrom entry per source.",
                );
            }
        }
    }
}

pub(super) const ENV_FIELDS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// Pod fields the downward API can convert (some are then refused for env).
pub(super) const CONVERTIBLE_FIELDS: [&str; 14] = [
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.serviceAccountName",
    "spec.schedulerName",
    "status.phase",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

pub(super) const RESOURCE_FIELDS: [&str; 6] = [
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

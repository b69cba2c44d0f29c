//! Volumes and volume mounts (core/validation `ValidateVolumes`,
//! `ValidateVolumeMounts`).

use super::*;

crate::rules! {
    VOLUMES = {
        code: "KJP420", name: "invalid-volume", severity: Error,
        summary: "A volume has an invalid or duplicate name, several sources, or a source missing its required name.",
        why: "Each volume is a DNS label name plus one source such as emptyDir, configMap or persistentVolumeClaim (a volume with no source is defaulted to emptyDir).",
        example: "volumes:\n- name: data\n  emptyDir: {}\n  configMap: {name: data}",
        fix: "volumes:\n- name: data\n  configMap: {name: data}",
        reference: "pkg/apis/core/validation ValidateVolumes, validateVolumeSource; pkg/apis/core/v1 SetDefaults_Volume.",
    },
    VOLUME_MOUNTS = {
        code: "KJP421", name: "invalid-volume-mount", severity: Error,
        summary: "A volumeMount names an undeclared volume, repeats a mountPath, lacks a mountPath, or has an absolute or '..' subPath.",
        why: "Mounts must reference a volume of the Pod; each path may be mounted once per container; subPath must stay inside the volume.",
        example: "volumeMounts:\n- name: cache\n  mountPath: /cache   # no volume named cache",
        fix: "volumes:\n- name: cache\n  emptyDir: {}",
        reference: "pkg/apis/core/validation ValidateVolumeMounts, validateLocalDescendingPath.",
    },
}

impl Cx {
    /// Returns volume name -> whether it is PVC-backed.
    pub(super) fn volumes(&mut self, pod: Option<&Value>, p: &FieldPath) -> HashMap<String, bool> {
        let mut out = HashMap::new();
        for (i, v) in get_seq(pod, "volumes").iter().enumerate() {
            if !v.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let v = Some(v);
            let np = ip.field("name");
            match get_str(v, "name") {
                None | Some("") => {
                    if get(v, "name").is_none_or(|n| n.as_str().is_some()) {
                        self.push(VOLUMES, &np, required(&np, ""), "Give every volume a name.");
                    }
                }
                Some(n) => {
                    for m in names::is_dns1123_label(n) {
                        self.push(
                            VOLUMES,
                            &np,
                            invalid(&np, &q(n), &m),
                            "Use a volume name of lower case letters, digits and '-'.",
                        );
                    }
                    if out.contains_key(n) {
                        self.push(
                            VOLUMES,
                            &np,
                            duplicate(&np, &q(n)),
                            "Give each volume a different name.",
                        );
                    }
                    out.insert(n.to_string(), get(v, "persistentVolumeClaim").is_some());
                }
            }
            let mut count = 0;
            for src in VOLUME_SOURCES {
                let Some(sv) = get(v, src) else { continue };
                if count > 0 {
                    let sp = ip.field(src);
                    self.push(
                        VOLUMES,
                        &sp,
                        forbidden(&sp, "may not specify more than 1 volume type"),
                        "Keep exactly one source per volume.",
                    );
                    continue;
                }
                count += 1;
                if !sv.is_mapping() {
                    // The decoder reports the type; nothing more to check.
                    continue;
                }
                let sp = ip.field(src);
                let needs = match src {
                    "secret" => Some("secretName"),
                    "configMap" => Some("name"),
                    "persistentVolumeClaim" => Some("claimName"),
                    "hostPath" => Some("path"),
                    "nfs" => Some("server"),
                    _ => None,
                };
                if let Some(field) = needs {
                    let value = get(Some(sv), field);
                    if value.is_none_or(|x| x.as_str() == Some("")) {
                        let fp = sp.field(field);
                        self.push(
                            VOLUMES,
                            &fp,
                            required(&fp, ""),
                            &format!("Set {src}.{field}."),
                        );
                    }
                }
                if src == "configMap" || src == "secret" {
                    self.key_to_paths(sv, &sp);
                }
                if src == "emptyDir" {
                    if let Some(q) = get(Some(sv), "sizeLimit").and_then(quantity_of) {
                        if q.is_negative() {
                            let fp = sp.field("sizeLimit");
                            self.push(
                                VOLUMES,
                                &fp,
                                forbidden(&fp, "SizeLimit field must be a valid resource quantity"),
                                "Use a sizeLimit of 0 or more.",
                            );
                        }
                    }
                }
            }
            // core/v1 SetDefaults_Volume: a volume whose sources are all nil
            // (absent, or written as `emptyDir:`, i.e. null) becomes an
            // emptyDir, so validateVolumeSource never sees zero sources.
        }
        out
    }

    pub(super) fn volume_mounts(
        &mut self,
        mounts: &[Value],
        p: &FieldPath,
        volumes: &HashMap<String, bool>,
    ) {
        let mut paths = HashSet::new();
        for (i, m) in mounts.iter().enumerate() {
            if !m.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let m = Some(m);
            let name = get_str(m, "name").unwrap_or("");
            let np = ip.field("name");
            if name.is_empty() {
                self.push(
                    VOLUME_MOUNTS,
                    &np,
                    required(&np, ""),
                    "Name the volume to mount.",
                );
            }
            if !volumes.contains_key(name) {
                self.push(
                    VOLUME_MOUNTS,
                    &np,
                    not_found(&np, name),
                    "Declare the volume under spec.template.spec.volumes, or fix the name.",
                );
            }
            let mount_path = get_str(m, "mountPath").unwrap_or("");
            let mp = ip.field("mountPath");
            if mount_path.is_empty() {
                self.push(VOLUME_MOUNTS, &mp, required(&mp, ""), "Set mountPath.");
            }
            if !paths.insert(mount_path) {
                self.push(
                    VOLUME_MOUNTS,
                    &mp,
                    invalid(&mp, &q(mount_path), "must be unique"),
                    "Mount each path once per container.",
                );
            }
            let sub = get_str(m, "subPath").unwrap_or("");
            if !sub.is_empty() {
                // Upstream reports these at volumeMounts.subPath (no index).
                self.descending_path(sub, &p.field("subPath"));
            }
            if let Some(expr) = get_str(m, "subPathExpr").filter(|s| !s.is_empty()) {
                if !sub.is_empty() {
                    let ep = ip.field("subPathExpr");
                    self.push(
                        VOLUME_MOUNTS,
                        &ep,
                        invalid(
                            &ep,
                            &q(expr),
                            "subPathExpr and subPath are mutually exclusive",
                        ),
                        "Use subPath or subPathExpr, not both.",
                    );
                }
                self.descending_path(expr, &p.field("subPathExpr"));
            }
        }
    }

    /// defaultMode and `items` of configMap and secret volumes (`validateKeyToPath`).
    pub(super) fn key_to_paths(&mut self, src: &Value, p: &FieldPath) {
        // Only integers: `0644` is octal to Kubernetes' YAML 1.1 reader but a
        // string to ours, so it is left to the decoder.
        let mode_ok = |m: i64| (0..=0o777).contains(&m);
        const MODE_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";
        if let Some(m) = get_int(Some(src), "defaultMode").filter(|&m| !mode_ok(m)) {
            let mp = p.field("defaultMode");
            self.push(
                VOLUMES,
                &mp,
                invalid(&mp, &m.to_string(), MODE_MSG),
                "Write the mode in octal with 0o (0o644) or in decimal (420).",
            );
        }
        for (i, item) in get_seq(Some(src), "items").iter().enumerate() {
            if !item.is_mapping() {
                continue;
            }
            let ip = p.field("items").index(i);
            let item = Some(item);
            if get_str(item, "key").unwrap_or("").is_empty() {
                let kp = ip.field("key");
                self.push(VOLUMES, &kp, required(&kp, ""), "Name the key to project.");
            }
            let path = get_str(item, "path").unwrap_or("");
            let pp = ip.field("path");
            if path.is_empty() {
                self.push(
                    VOLUMES,
                    &pp,
                    required(&pp, ""),
                    "Give the file a relative path.",
                );
            }
            self.descending_path_as(VOLUMES, path, &pp);
            if path.starts_with("..") && !path.starts_with("../") {
                self.push(
                    VOLUMES,
                    &pp,
                    invalid(&pp, &q(path), "must not start with '..'"),
                    "Give the file a path that does not start with '..'.",
                );
            }
            if let Some(m) = get_int(item, "mode").filter(|&m| !mode_ok(m)) {
                let mp = ip.field("mode");
                self.push(
                    VOLUMES,
                    &mp,
                    invalid(&mp, &m.to_string(), MODE_MSG),
                    "Write the mode in octal with 0o (0o644) or in decimal (420).",
                );
            }
        }
    }

    pub(super) fn descending_path(&mut self, path: &str, p: &FieldPath) {
        self.descending_path_as(VOLUME_MOUNTS, path, p);
    }

    /// `validateLocalDescendingPath`.
    pub(super) fn descending_path_as(
        &mut self,
        rule: &'static crate::rules::Rule,
        path: &str,
        p: &FieldPath,
    ) {
        if path.starts_with('/') {
            self.push(
                rule,
                p,
                invalid(p, &q(path), "must be a relative path"),
                "Use a path relative to the volume root.",
            );
        }
        if path.split(['/', '\\']).any(|part| part == "..") {
            self.push(
                rule,
                p,
                invalid(p, &q(path), "must not contain '..'"),
                "Remove '..' from the path.",
            );
        }
    }
}

/// In the order `validateVolumeSource` tests them.
pub(super) const VOLUME_SOURCES: [&str; 30] = [
    "hostPath",
    "emptyDir",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flocker",
    "persistentVolumeClaim",
    "rbd",
    "quobyte",
    "cinder",
    "cephfs",
    "downwardAPI",
    "fc",
    "flexVolume",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "storageos",
    "configMap",
    "scaleIO",
    "projected",
    "csi",
    "ephemeral",
    "image",
];

//! Containers and init containers: names, images, policies, ports
//! (core/validation `validateContainers`, `validateContainerCommon`).

use super::*;

crate::rules! {
    CONTAINER_NAME = {
        code: "KJP414", name: "invalid-container-name", severity: Error,
        summary: "A container or init container has no name, a name that is not a DNS-1123 label, or a name used twice.",
        why: "Container names are DNS labels, unique across containers and init containers of the Pod.",
        example: "containers:\n- name: Main_Worker\n  image: app:1",
        fix: "containers:\n- name: main-worker\n  image: app:1",
        reference: "pkg/apis/core/validation validateContainers, validateInitContainers, validateContainerCommon.",
    },
    CONTAINER_IMAGE_FORMAT = {
        code: "KJP415", name: "image-whitespace", severity: Error,
        summary: "A container image has leading or trailing whitespace.",
        why: "The API server refuses images with surrounding spaces, which usually come from a template substitution.",
        example: "image: \"busybox:1.36 \"",
        fix: "image: busybox:1.36",
        reference: "pkg/apis/core/validation validateContainerCommon.",
    },
    CONTAINER_POLICY = {
        code: "KJP416", name: "invalid-container-policy", severity: Error,
        summary: "imagePullPolicy, terminationMessagePolicy or a container restartPolicy has an unsupported value.",
        why: "These fields take fixed values; restartPolicy on a container is only allowed for init containers (Always makes a sidecar).",
        example: "imagePullPolicy: always",
        fix: "imagePullPolicy: Always",
        reference: "pkg/apis/core/validation validatePullPolicy, validateContainerCommon, validateInitContainers.",
    },
    CONTAINER_PORTS = {
        code: "KJP417", name: "invalid-container-port", severity: Error,
        summary: "A container port is out of range, has an invalid or duplicate name, an unknown protocol, or a hostPort that differs with hostNetwork.",
        why: "Ports are 1-65535, names are IANA service names (at most 15 characters, a letter, no '--'), protocols are TCP, UDP or SCTP.",
        example: "ports:\n- name: http_port\n  containerPort: 80",
        fix: "ports:\n- name: http\n  containerPort: 80",
        reference: "pkg/apis/core/validation validateContainerPorts, validateHostNetwork.",
    },
}

/// What a container check needs to know about its Pod: read once by
/// `pod_spec` and passed down, never changed while the containers are checked.
pub(super) struct PodContext {
    /// Volumes of the Pod: name -> whether it is PVC-backed.
    pub volumes: HashMap<String, bool>,
    /// spec.hostNetwork: container ports must then equal their hostPorts.
    pub host_network: bool,
    /// Names in spec.resourceClaims, sorted.
    pub claims: Vec<String>,
    /// spec.terminationGracePeriodSeconds (defaulted to 30): the longest
    /// lifecycle sleep.
    pub grace_period: i64,
}

impl Cx {
    pub(super) fn container_name(&mut self, c: &Value, p: &FieldPath, all: &mut HashSet<String>) {
        let np = p.field("name");
        match get(Some(c), "name") {
            None => self.push(
                CONTAINER_NAME,
                &np,
                required(&np, ""),
                "Give every container a name, e.g. name: main.",
            ),
            Some(v) => {
                let Some(n) = v.as_str() else { return };
                if n.is_empty() {
                    self.push(
                        CONTAINER_NAME,
                        &np,
                        required(&np, ""),
                        "Give every container a name, e.g. name: main.",
                    );
                    return;
                }
                for m in names::is_dns1123_label(n) {
                    self.push(CONTAINER_NAME, &np, invalid(&np, &q(n), &m), "Use a container name of lower case letters, digits and '-', at most 63 characters.");
                }
                if !all.insert(n.to_string()) {
                    self.push(
                        CONTAINER_NAME,
                        &np,
                        duplicate(&np, &q(n)),
                        "Give each container and init container a different name.",
                    );
                }
            }
        }
    }

    pub(super) fn container(&mut self, c: &Value, p: &FieldPath, pod: &PodContext, probes: bool) {
        let c = Some(c);
        if let Some(img) = get_str(c, "image") {
            if !img.trim().is_empty() && img.trim().len() != img.len() {
                let ip = p.field("image");
                self.push(
                    CONTAINER_IMAGE_FORMAT,
                    &ip,
                    invalid(&ip, &q(img), "must not have leading or trailing whitespace"),
                    "Remove the spaces around the image reference.",
                );
            }
        }
        // SetDefaults_Container fills an empty imagePullPolicy and
        // terminationMessagePolicy ("" decodes as unset) before validation.
        if let Some(pol) = get_str(c, "imagePullPolicy").filter(|s| !s.is_empty()) {
            let pp = p.field("imagePullPolicy");
            if !["Always", "IfNotPresent", "Never"].contains(&pol) {
                self.push(
                    CONTAINER_POLICY,
                    &pp,
                    not_supported(&pp, pol, &["Always", "IfNotPresent", "Never"]),
                    "Use Always, IfNotPresent or Never (case matters).",
                );
            }
        }
        if let Some(tmp) = get_str(c, "terminationMessagePolicy").filter(|s| !s.is_empty()) {
            let tp = p.field("terminationMessagePolicy");
            if tmp != "File" && tmp != "FallbackToLogsOnError" {
                self.push(
                    CONTAINER_POLICY,
                    &tp,
                    invalid(&tp, &q(tmp), "must be 'File' or 'FallbackToLogsOnError'"),
                    "Use File or FallbackToLogsOnError.",
                );
            }
        }
        self.ports(get_seq(c, "ports"), &p.field("ports"), pod.host_network);
        self.env(get_seq(c, "env"), &p.field("env"));
        self.env_from(get_seq(c, "envFrom"), &p.field("envFrom"));
        self.volume_mounts(
            get_seq(c, "volumeMounts"),
            &p.field("volumeMounts"),
            &pod.volumes,
        );
        if let Some(r) = obj(c, "resources") {
            self.resources(r, &p.field("resources"));
            self.resource_claims(
                get_seq(Some(r), "claims"),
                &p.field("resources").field("claims"),
                &pod.claims,
            );
        }
        if probes {
            for (f, liveness_like, readiness) in [
                ("livenessProbe", true, false),
                ("readinessProbe", false, true),
                ("startupProbe", true, false),
            ] {
                if let Some(pr) = obj(c, f) {
                    self.probe(pr, &p.field(f), liveness_like, readiness, pod.grace_period);
                }
            }
            if let Some(lc) = obj(c, "lifecycle") {
                for hook in ["postStart", "preStop"] {
                    if let Some(h) = obj(Some(lc), hook) {
                        self.handler(
                            h,
                            &p.field("lifecycle").field(hook),
                            &["exec", "httpGet", "tcpSocket", "sleep"],
                            pod.grace_period,
                        );
                    }
                }
            }
        }
        if let Some(sc) = obj(c, "securityContext") {
            self.container_security_context(sc, &p.field("securityContext"));
        }
    }

    pub(super) fn ports(&mut self, ports: &[Value], p: &FieldPath, host_network: bool) {
        let mut names_seen = HashSet::new();
        for (i, port) in ports.iter().enumerate() {
            if !port.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            let port = Some(port);
            if let Some(n) = get_str(port, "name").filter(|n| !n.is_empty()) {
                let np = ip.field("name");
                let msgs = names::is_valid_port_name(n);
                if !msgs.is_empty() {
                    for m in msgs {
                        self.push(CONTAINER_PORTS, &np, invalid(&np, &q(n), &m), "Use a port name of at most 15 lower case letters, digits and '-', with at least one letter.");
                    }
                } else if !names_seen.insert(n) {
                    self.push(
                        CONTAINER_PORTS,
                        &np,
                        duplicate(&np, &q(n)),
                        "Give each port of a container a different name.",
                    );
                }
            }
            let cport = get_int(port, "containerPort");
            let cpp = ip.field("containerPort");
            match cport {
                None | Some(0)
                    if get(port, "containerPort").is_none_or(|v| int_of(v).is_some()) =>
                {
                    self.push(
                        CONTAINER_PORTS,
                        &cpp,
                        required(&cpp, ""),
                        "Set containerPort to the port the container listens on.",
                    )
                }
                Some(n) if n != 0 => {
                    for m in names::is_valid_port_num(n) {
                        self.push(
                            CONTAINER_PORTS,
                            &cpp,
                            invalid(&cpp, &n.to_string(), &m),
                            "Use a port between 1 and 65535.",
                        );
                    }
                }
                _ => {}
            }
            let hport = get_int(port, "hostPort").filter(|&h| h != 0);
            if let Some(h) = hport {
                let hp = ip.field("hostPort");
                for m in names::is_valid_port_num(h) {
                    self.push(
                        CONTAINER_PORTS,
                        &hp,
                        invalid(&hp, &h.to_string(), &m),
                        "Use a port between 1 and 65535.",
                    );
                }
                if host_network && cport.is_some_and(|c| c != h) {
                    self.push(
                        CONTAINER_PORTS,
                        &hp,
                        invalid(
                            &hp,
                            &h.to_string(),
                            "must match `containerPort` when `hostNetwork` is true",
                        ),
                        "With hostNetwork, set hostPort equal to containerPort or leave it out.",
                    );
                }
            }
            // An empty protocol is defaulted to TCP (ContainerPort +default).
            if let Some(proto) = get_str(port, "protocol").filter(|s| !s.is_empty()) {
                if !["SCTP", "TCP", "UDP"].contains(&proto) {
                    let pp = ip.field("protocol");
                    self.push(
                        CONTAINER_PORTS,
                        &pp,
                        not_supported(&pp, proto, &["SCTP", "TCP", "UDP"]),
                        "Use TCP, UDP or SCTP (upper case).",
                    );
                }
            }
        }
    }
}

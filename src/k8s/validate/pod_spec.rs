//! The pod template's spec (core/validation `ValidatePodSpec`): the fields of
//! the Pod itself; containers, volumes, scheduling, DNS and security contexts
//! are checked by their own modules.

use super::*;

crate::rules! {
    POD_FIELDS = {
        code: "KJP426", name: "invalid-pod-field", severity: Error,
        summary: "A pod-level name or value is invalid: serviceAccountName, priorityClassName, runtimeClassName, nodeName, hostname, subdomain, nodeSelector, os.name, shareProcessNamespace with hostPID, or activeDeadlineSeconds; or the template has ephemeralContainers.",
        why: "Referenced names must be DNS names; nodeSelector entries follow label rules; the pod activeDeadlineSeconds must be positive; ephemeral containers are only added to running Pods (kubectl debug), never to a pod template.",
        example: "serviceAccountName: Batch_Runner",
        fix: "serviceAccountName: batch-runner",
        reference: "pkg/apis/core/validation ValidatePodSpec, ValidatePodTemplateSpec.",
    },
}

impl Cx {
    pub(super) fn pod_spec(&mut self, pod: Option<&Value>, pp: &FieldPath) {
        let mut claims: Vec<String> = get_seq(pod, "resourceClaims")
            .iter()
            .filter_map(|c| get_str(Some(c), "name"))
            .map(str::to_string)
            .collect();
        claims.sort();
        let grace_period = get_int(pod, "terminationGracePeriodSeconds").unwrap_or(30);
        let volumes = self.volumes(pod, &pp.field("volumes"));
        let host_network = get_bool(pod, "hostNetwork") == Some(true);
        let ctx = PodContext {
            volumes,
            host_network,
            claims,
            grace_period,
        };
        let mut all_names: HashSet<String> = HashSet::new();
        let containers = get_seq(pod, "containers");
        let cp = pp.field("containers");
        for (i, c) in containers.iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            let p = cp.index(i);
            self.container_name(c, &p, &mut all_names);
            if let Some(r) = get_str(Some(c), "restartPolicy") {
                let rp = p.field("restartPolicy");
                let _ = r;
                self.push(CONTAINER_POLICY, &rp, forbidden(&rp, "may not be set for non-init containers"), "Remove restartPolicy from regular containers; the Pod's restartPolicy applies.");
            }
            self.container(c, &p, &ctx, true);
        }
        // checkHostPortConflicts: a hostIP/protocol/hostPort used twice.
        let mut host_ports = HashSet::new();
        for (i, c) in containers.iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            for (j, port) in get_seq(Some(c), "ports").iter().enumerate() {
                if !port.is_mapping() {
                    continue;
                }
                let port = Some(port);
                let Some(hp) = get_int(port, "hostPort").filter(|&h| h != 0) else {
                    continue;
                };
                let key = format!(
                    "{}/{}/{hp}",
                    get_str(port, "hostIP").unwrap_or(""),
                    get_str(port, "protocol")
                        .filter(|s| !s.is_empty())
                        .unwrap_or("TCP")
                );
                if !host_ports.insert(key.clone()) {
                    let hpp = cp.index(i).field("ports").index(j).field("hostPort");
                    self.push(
                        CONTAINER_PORTS,
                        &hpp,
                        duplicate(&hpp, &q(&key)),
                        "Use each hostPort once per protocol and host IP in the Pod.",
                    );
                }
            }
        }
        let ip = pp.field("initContainers");
        for (i, c) in get_seq(pod, "initContainers").iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            let p = ip.index(i);
            self.container_name(c, &p, &mut all_names);
            let sidecar = match get_str(Some(c), "restartPolicy") {
                None => false,
                Some("Always") => true,
                Some(other) => {
                    let rp = p.field("restartPolicy");
                    self.push(
                        CONTAINER_POLICY,
                        &rp,
                        not_supported(&rp, other, &["Always"]),
                        "Use restartPolicy: Always for a sidecar, or remove it.",
                    );
                    false
                }
            };
            if !sidecar {
                for f in [
                    "lifecycle",
                    "livenessProbe",
                    "readinessProbe",
                    "startupProbe",
                ] {
                    if get(Some(c), f).is_some() {
                        let fp = p.field(f);
                        self.push(PROBES, &fp, forbidden(&fp, "may not be set for init containers without restartPolicy=Always"), "Remove it, or make the init container a sidecar with restartPolicy: Always.");
                    }
                }
            }
            self.container(c, &p, &ctx, sidecar);
        }

        // dnsPolicy defaults to ClusterFirst (SetDefaults_PodSpec), also when "".
        let dns_policy = get_str(pod, "dnsPolicy").filter(|d| !d.is_empty());
        if let Some(d) = dns_policy {
            let p = pp.field("dnsPolicy");
            if !["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"].contains(&d) {
                self.push(
                    DNS,
                    &p,
                    not_supported(
                        &p,
                        d,
                        &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
                    ),
                    "Use ClusterFirst, ClusterFirstWithHostNet, Default or None.",
                );
            }
        }
        self.dns_config(pod, dns_policy, &pp.field("dnsConfig"));
        self.tolerations(get_seq(pod, "tolerations"), &pp.field("tolerations"));
        if let Some(a) = obj(pod, "affinity") {
            self.affinity(a, &pp.field("affinity"));
        }
        self.topology_spread(
            get_seq(pod, "topologySpreadConstraints"),
            &pp.field("topologySpreadConstraints"),
        );
        self.pod_security_context(get(pod, "securityContext"), &pp.field("securityContext"));

        self.labels_as(
            POD_FIELDS,
            get_map(pod, "nodeSelector"),
            &pp.field("nodeSelector"),
        );
        for (field, label) in [
            ("serviceAccountName", false),
            ("nodeName", false),
            ("runtimeClassName", false),
            ("priorityClassName", false),
            ("hostname", true),
            ("subdomain", true),
        ] {
            if let Some(v) = get_str(pod, field).filter(|v| !v.is_empty()) {
                let p = pp.field(field);
                let msgs = if label {
                    names::is_dns1123_label(v)
                } else {
                    names::is_dns1123_subdomain(v)
                };
                for m in msgs {
                    self.push(
                        POD_FIELDS,
                        &p,
                        invalid(&p, &q(v), &m),
                        &format!("Use a lower case DNS name for {field}."),
                    );
                }
            }
        }
        if let Some(os) = obj(pod, "os") {
            let np = pp.field("os").field("name");
            match get(Some(os), "name") {
                None => self.push(
                    POD_FIELDS,
                    &np,
                    required(&np, ""),
                    "Set os.name to linux or windows.",
                ),
                Some(Value::String(n)) if n.is_empty() => self.push(
                    POD_FIELDS,
                    &np,
                    required(&np, ""),
                    "Set os.name to linux or windows.",
                ),
                Some(Value::String(n)) if n != "linux" && n != "windows" => self.push(
                    POD_FIELDS,
                    &np,
                    not_supported(&np, n, &["linux", "windows"]),
                    "Set os.name to linux or windows.",
                ),
                _ => {}
            }
        }
        if get_bool(pod, "shareProcessNamespace") == Some(true)
            && get_bool(pod, "hostPID") == Some(true)
        {
            let sp = pp.field("shareProcessNamespace");
            self.push(
                POD_FIELDS,
                &sp,
                invalid(
                    &sp,
                    "true",
                    "ShareProcessNamespace and HostPID cannot both be enabled",
                ),
                "Use either shareProcessNamespace or hostPID, not both.",
            );
        }
        if let Some(ads) = get_int(pod, "activeDeadlineSeconds") {
            if !(1..=i64::from(i32::MAX)).contains(&ads) {
                let p = pp.field("activeDeadlineSeconds");
                self.push(POD_FIELDS, &p, invalid(&p, &ads.to_string(), &inclusive_range_error(1, i64::from(i32::MAX))), "Set the pod activeDeadlineSeconds to a positive number, or use spec.activeDeadlineSeconds of the Job.");
            }
        }
    }
}

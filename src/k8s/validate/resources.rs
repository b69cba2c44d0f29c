//! Container resources and resource claims
//! (core/validation `ValidateContainerResourceRequirements`).

use super::*;

crate::rules! {
    RESOURCES = {
        code: "KJP419", name: "invalid-resources", severity: Error,
        summary: "Container resources use an unknown name, a negative or fractional quantity where not allowed, or requests above limits.",
        why: "Requests may not exceed limits; extended resources (vendor/name) and hugepages must be whole and their requests must equal limits; names must be standard (cpu, memory, ephemeral-storage, hugepages-<size>) or vendor-prefixed.",
        example: "resources:\n  requests: {cpu: \"2\"}\n  limits: {cpu: \"1\"}",
        fix: "resources:\n  requests: {cpu: \"1\"}\n  limits: {cpu: \"2\"}",
        reference: "pkg/apis/core/validation ValidateContainerResourceRequirements, validateContainerResourceName, ValidateResourceQuantityValue.",
    },
}

impl Cx {
    pub(super) fn resources(&mut self, r: &Value, p: &FieldPath) {
        let lim_path = p.field("limits");
        let req_path = p.field("requests");
        let read = |m: Option<&Mapping>| -> Vec<(String, Option<Quantity>)> {
            m.map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_string(), quantity_of(v))))
                    .collect()
            })
            .unwrap_or_default()
        };
        let limits = read(get_map(Some(r), "limits"));
        let requests = read(get_map(Some(r), "requests"));
        let (mut lim_cpu_mem, mut req_cpu_mem, mut hugepages) = (false, false, false);
        for (name, qty) in &limits {
            let fp = lim_path.key(name);
            self.resource_name(name, &fp);
            if let Some(qty) = qty {
                self.resource_value(name, qty, &fp);
            }
            lim_cpu_mem |= name == "cpu" || name == "memory";
            hugepages |= name.starts_with("hugepages-");
        }
        for (name, qty) in &requests {
            let fp = req_path.key(name);
            self.resource_name(name, &fp);
            let Some(qty) = qty else { continue };
            self.resource_value(name, qty, &fp);
            let overcommit = is_native_resource(name) && !name.starts_with("hugepages-");
            match limits.iter().find(|(n, _)| n == name) {
                Some((_, Some(lim))) => {
                    // SetDefaults_ResourceList rounds every value up (away
                    // from zero) to milli-units before they are compared.
                    let milli_up = |q: &Quantity| {
                        let (n, m) = (q.nanos(), 1_000_000);
                        if n % m == 0 {
                            n
                        } else {
                            (n / m + n.signum()) * m
                        }
                    };
                    let ord = milli_up(qty).cmp(&milli_up(lim));
                    if ord != std::cmp::Ordering::Equal && !overcommit {
                        self.push(
                            RESOURCES,
                            &req_path,
                            invalid(
                                &req_path,
                                &q(&qty.canonical()),
                                &format!("must be equal to {name} limit of {}", lim.canonical()),
                            ),
                            &format!(
                                "Set the {name} request equal to its limit, or set only the limit."
                            ),
                        );
                    } else if ord == std::cmp::Ordering::Greater {
                        self.push(RESOURCES, &req_path, invalid(&req_path, &q(&qty.canonical()), &format!("must be less than or equal to {name} limit of {}", lim.canonical())), &format!("Lower the {name} request to at most its limit, or raise the limit."));
                    }
                }
                Some((_, None)) => {}
                None if !overcommit => {
                    self.push(
                        RESOURCES,
                        &lim_path,
                        required(
                            &lim_path,
                            "Limit must be set for non overcommitable resources",
                        ),
                        &format!("Set limits[{name}] (the request then defaults to it)."),
                    );
                }
                None => {}
            }
            req_cpu_mem |= name == "cpu" || name == "memory";
            hugepages |= name.starts_with("hugepages-");
        }
        if hugepages && !lim_cpu_mem && !req_cpu_mem {
            self.push(
                RESOURCES,
                p,
                forbidden(p, "HugePages require cpu or memory"),
                "Request cpu or memory along with hugepages.",
            );
        }
    }

    /// `validateResourceClaimNames`: each claim names a pod resource claim.
    /// `pod_claims`: the names in the Pod's spec.resourceClaims, sorted.
    pub(super) fn resource_claims(
        &mut self,
        claims: &[Value],
        p: &FieldPath,
        pod_claims: &[String],
    ) {
        for (i, c) in claims.iter().enumerate() {
            if !c.is_mapping() {
                continue;
            }
            let ip = p.index(i);
            match get_str(Some(c), "name").unwrap_or("") {
                "" => self.push(
                    RESOURCES,
                    &ip,
                    required(&ip, ""),
                    "Name the pod resource claim to use.",
                ),
                n if !pod_claims.iter().any(|pc| pc == n) => {
                    let detail = if pod_claims.is_empty() {
                        "must be one of the names in pod.spec.resourceClaims which is empty"
                            .to_string()
                    } else {
                        format!(
                            "must be one of the names in pod.spec.resourceClaims: {}",
                            pod_claims.join(", ")
                        )
                    };
                    self.push(RESOURCES, &ip, format!("{}: {detail}", not_found(&ip, n)), "Declare the claim under spec.template.spec.resourceClaims, or fix the name.");
                }
                _ => {}
            }
        }
    }

    pub(super) fn resource_name(&mut self, name: &str, p: &FieldPath) {
        let help = "Use cpu, memory, ephemeral-storage, hugepages-<size>, or a vendor-prefixed extended resource such as nvidia.com/gpu.";
        let msgs = names::is_qualified_name(name);
        if !msgs.is_empty() {
            for m in msgs {
                self.push(RESOURCES, p, invalid(p, &q(name), &m), help);
            }
            return;
        }
        if !name.contains('/') {
            let standard = ["cpu", "memory", "ephemeral-storage"].contains(&name)
                || name.starts_with("hugepages-");
            if !standard {
                self.push(
                    RESOURCES,
                    p,
                    invalid(p, &q(name), "must be a standard resource for containers"),
                    help,
                );
            }
        } else if !is_native_resource(name) && !is_extended_resource(name) {
            self.push(
                RESOURCES,
                p,
                invalid(
                    p,
                    &q(name),
                    "doesn't follow extended resource name standard",
                ),
                help,
            );
        }
    }

    pub(super) fn resource_value(&mut self, name: &str, qty: &Quantity, p: &FieldPath) {
        if qty.is_negative() {
            self.push(
                RESOURCES,
                p,
                invalid(
                    p,
                    &q(&qty.canonical()),
                    "must be greater than or equal to 0",
                ),
                "Use a quantity of 0 or more.",
            );
        }
        if is_extended_resource(name) && !qty.is_integer() {
            self.push(
                RESOURCES,
                p,
                invalid(p, &qty.canonical(), "must be an integer"),
                "Request whole units of extended resources.",
            );
        }
        if let Some(size) = name.strip_prefix("hugepages-") {
            if let Ok(page) = Quantity::parse(size) {
                let (v, ps) = (qty.nanos(), page.nanos());
                if ps > 0 && v % ps != 0 {
                    self.push(
                        RESOURCES,
                        p,
                        invalid(
                            p,
                            &q(&qty.canonical()),
                            &format!(
                                "{} is not positive integer multiple of {}",
                                qty.canonical(),
                                page.canonical()
                            ),
                        ),
                        "Request a whole number of huge pages.",
                    );
                }
            }
        }
    }
}

/// `IsNativeResource`: no domain, or a kubernetes.io domain.
pub(super) fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// `IsExtendedResourceName`.
pub(super) fn is_extended_resource(name: &str) -> bool {
    !is_native_resource(name)
        && !name.starts_with("requests.")
        && names::is_qualified_name(&format!("requests.{name}")).is_empty()
}

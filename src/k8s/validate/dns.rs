//! DNS policy and dnsConfig (core/validation `validateDNSPolicy`,
//! `validatePodDNSConfig`).

use super::*;

crate::rules! {
    DNS = {
        code: "KJP423", name: "invalid-dns-settings", severity: Error,
        summary: "dnsPolicy is unknown, or dnsConfig is missing (dnsPolicy: None) or invalid.",
        why: "dnsPolicy None needs a dnsConfig with a nameserver; at most 3 nameservers (IP addresses) and 32 search domains.",
        example: "dnsPolicy: None",
        fix: "dnsPolicy: None\ndnsConfig:\n  nameservers: [10.0.0.10]",
        reference: "pkg/apis/core/validation validateDNSPolicy, validatePodDNSConfig.",
    },
}

impl Cx {
    pub(super) fn dns_config(&mut self, pod: Option<&Value>, policy: Option<&str>, p: &FieldPath) {
        let cfg = get(pod, "dnsConfig");
        if cfg.is_some_and(|c| !c.is_mapping()) {
            return;
        }
        let nameservers = get_seq(cfg, "nameservers");
        if policy == Some("None") {
            if cfg.is_none() {
                self.push(
                    DNS,
                    p,
                    required(p, "must provide `dnsConfig` when `dnsPolicy` is None"),
                    "Add dnsConfig with at least one nameserver.",
                );
                return;
            }
            if nameservers.is_empty() {
                let np = p.field("nameservers");
                self.push(
                    DNS,
                    &np,
                    required(
                        &np,
                        "must provide at least one DNS nameserver when `dnsPolicy` is None",
                    ),
                    "List at least one nameserver IP.",
                );
                return;
            }
        }
        let Some(cfg) = cfg else { return };
        let np = p.field("nameservers");
        let ns: Vec<&str> = nameservers.iter().filter_map(Value::as_str).collect();
        if ns.len() > 3 {
            self.push(
                DNS,
                &np,
                invalid(
                    &np,
                    &json_repr_strs(&ns),
                    "must not have more than 3 nameservers",
                ),
                "Keep at most 3 nameservers.",
            );
        }
        for (i, s) in nameservers.iter().enumerate() {
            if let Some(s) = s.as_str() {
                if !names::is_valid_ip(s) {
                    let ip = np.index(i);
                    self.push(
                        DNS,
                        &ip,
                        invalid(
                            &ip,
                            &q(s),
                            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                        ),
                        "List nameservers as IP addresses.",
                    );
                }
            }
        }
        let sp = p.field("searches");
        let searches: Vec<&str> = get_seq(Some(cfg), "searches")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if searches.len() > 32 {
            self.push(
                DNS,
                &sp,
                invalid(
                    &sp,
                    &json_repr_strs(&searches),
                    "must not have more than 32 search paths",
                ),
                "Keep at most 32 search domains.",
            );
        }
        if searches.join(" ").len() > 2048 {
            self.push(
                DNS,
                &sp,
                invalid(
                    &sp,
                    &json_repr_strs(&searches),
                    "must not have more than 2048 characters (including spaces) in the search list",
                ),
                "Shorten the search list.",
            );
        }
        for (i, s) in get_seq(Some(cfg), "searches").iter().enumerate() {
            let Some(s) = s.as_str() else { continue };
            let ip = sp.index(i);
            let trimmed = s.strip_suffix('.').unwrap_or(s);
            // RelaxedDNSSearchValidation: beta and on by default from 1.33.
            let msgs = if self.version.minor >= 33 {
                if s == "." {
                    Vec::new()
                } else {
                    names::is_dns1123_subdomain_with_underscore(trimmed)
                }
            } else {
                names::is_dns1123_subdomain(trimmed)
            };
            for m in msgs {
                self.push(
                    DNS,
                    &ip,
                    invalid(&ip, &q(trimmed), &m),
                    "Use a DNS domain name as search path.",
                );
            }
        }
        for (i, o) in get_seq(Some(cfg), "options").iter().enumerate() {
            if !o.is_mapping() {
                continue;
            }
            if get_str(Some(o), "name").unwrap_or("").is_empty() {
                let op = p.field("options").index(i);
                self.push(
                    DNS,
                    &op,
                    required(&op, "Option.Name must not be empty"),
                    "Name every DNS option.",
                );
            }
        }
    }
}

"""Peer: kubernetes-validate (PyPI), in process: PyYAML (C loader when built)
then kubernetes_validate.validate(doc, version, strict=True) per document.

Usage: python bench/peer_kubernetes_validate.py CORPUS_DIR [LIMIT]
"""
import json
import os
import sys
import time

import kubernetes_validate
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
corpus = sys.argv[1]
names = sorted(n for n in os.listdir(corpus) if n.endswith(".yaml"))
if len(sys.argv) > 2:
    names = names[: int(sys.argv[2])]
texts = []
for n in names:
    with open(os.path.join(corpus, n), encoding="utf-8") as f:
        texts.append(f.read())
version = kubernetes_validate.utils.latest_version()
t0 = time.perf_counter()
c0 = time.process_time()
total = invalid = 0
for text in texts:
    for doc in yaml.load_all(text, Loader=Loader):
        if doc is None:
            continue
        total += 1
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except Exception:  # ValidationError, and schema errors on odd input
            invalid += 1
ms = (time.perf_counter() - t0) * 1e3
cpu_ms = (time.process_time() - c0) * 1e3
print(json.dumps({"tool": "kubernetes-validate", "version": version, "loader": Loader.__name__,
                  "files": len(texts), "totalJobs": total, "invalidJobs": invalid, "ms": ms,
                  "cpuMs": cpu_ms}))

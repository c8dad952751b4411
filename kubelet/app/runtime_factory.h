#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "kubelet/app/options.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// The runtime --container-runtime-endpoint names:
//  - "unix:///run/containerd/containerd.sock" (or a bare path): the CRI client;
//  - "fake://": the simulated runtime, keeping its state in
//    <root-dir>/fake-runtime/state so that a restarted kubelet finds its
//    containers, with sandbox IPs from --pod-cidr (else 10.88.0.0/16); it reports
//    itself not ready while <root-dir>/fake-runtime/not-ready exists.
absl::StatusOr<std::unique_ptr<Runtime>> NewRuntimeForEndpoint(const KubeletOptions& options);

}  // namespace kube::kubelet

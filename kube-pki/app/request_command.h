#pragma once

#include "absl/status/statusor.h"
#include "kube-pki/app/file_report.h"
#include "kube-pki/app/options.h"

namespace kube::pki::app {

// kube-pki request: a client certificate from the cluster, as a joining machine gets
// one for a component (kube-proxy): a new key and a CertificateSigningRequest for
// --cn/--org made with --kubeconfig's credentials (a bootstrap token), waited on until
// it is approved and signed, then --out (0600): a kubeconfig with --kubeconfig's CA and
// server (or --kubeconfig-server) and the new certificate. "kept" when --out already
// holds a certificate for that subject with more than a fifth of its life left.
absl::StatusOr<FileReport> RunRequest(const RequestOptions& options);

}  // namespace kube::pki::app

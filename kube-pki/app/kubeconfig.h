#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/client/kubeconfig_render.h"
#include "kube-pki/app/file_report.h"
#include "kube-pki/app/options.h"

namespace kube::pki::app {

// The kubeconfig renderer is the client library's.
using client::KubeconfigContent;
using client::RenderKubeconfig;
using client::YamlScalar;

// kube-pki kubeconfig: renders DIR/ca.crt with DIR/CERT.{crt,key} and/or the token
// into --out (default DIR/CERT.kubeconfig), mode 0600, atomically; "kept" when the
// file already says exactly that.
absl::StatusOr<FileReport> RunKubeconfig(const KubeconfigOptions& options);

}  // namespace kube::pki::app

#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "kube-pki/app/file_report.h"
#include "kube-pki/app/options.h"

namespace kube::pki::app {

// What one kubeconfig holds: one cluster, one user, one context.
struct KubeconfigContent {
  std::string server;
  std::string ca_pem;
  std::string cert_pem;  // with key_pem: an x509 user
  std::string key_pem;
  std::string token;  // a bearer-token user
  std::string cluster_name = "kubernetes";
  std::string user_name;
  std::string context_name;
};

// The kubeconfig as kubectl writes one (keys sorted, block style, PEM data
// base64-embedded in *-data fields). A user with neither certificate nor token is
// written as `user: {}`.
std::string RenderKubeconfig(const KubeconfigContent& content);

// A YAML scalar for `value`: plain when that reads back as the same string,
// double-quoted otherwise.
std::string YamlScalar(std::string_view value);

// kube-pki kubeconfig: renders DIR/ca.crt with DIR/CERT.{crt,key} and/or the token
// into --out (default DIR/CERT.kubeconfig), mode 0600, atomically; "kept" when the
// file already says exactly that.
absl::StatusOr<FileReport> RunKubeconfig(const KubeconfigOptions& options);

}  // namespace kube::pki::app

#pragma once

#include <string>
#include <string_view>

namespace kube::client {

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

}  // namespace kube::client

#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/client/token_source.h"

namespace kube::client {

// Everything a transport needs to reach one apiserver as one user: the result of
// resolving a kubeconfig's current context. PEM material is held in memory (a
// kubeconfig's `*-data` fields decoded; file paths are read when loading).
struct ClientConfig {
  std::string server;                   // "https://10.0.0.1:6443", no trailing "/"
  std::string namespace_ = "default";   // the context's namespace
  std::string context;                  // the context used ("" when built by hand)

  // TLS. Our apiserver speaks plain HTTP for now; any Kubernetes apiserver does not.
  std::string certificate_authority_pem;  // trust only this CA when set
  std::string client_certificate_pem;
  std::string client_key_pem;
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;  // SNI / verification name override

  // Authentication: a bearer token, or basic auth.
  std::string token;
  // When set, the bearer token of every request (token is then only the fallback
  // while the source cannot answer).
  std::shared_ptr<TokenSource> token_source;
  std::string username;
  std::string password;

  std::string user_agent = "kube-client/v1";
  double request_timeout_seconds = 60;  // for everything but watches
  double connect_timeout_seconds = 10;
};

// A config for a plain-HTTP server with no credentials ("http://127.0.0.1:8080").
ClientConfig ConfigForServer(std::string server);

// Parses kubeconfig YAML. `context` overrides current-context when set. Relative
// file paths (certificate-authority, client-certificate, client-key, tokenFile)
// are resolved against `base_dir` and read. Errors are InvalidArgument or NotFound
// naming what is missing: "kubeconfig: context \"x\" not found", "kubeconfig:
// cluster \"c\" has no server", ...
absl::StatusOr<ClientConfig> ParseKubeconfig(std::string_view yaml, std::string_view base_dir,
                                             std::string_view context = "");

// Reads the kubeconfig at `path` (relative paths inside it are relative to its
// directory).
absl::StatusOr<ClientConfig> LoadKubeconfigFile(const std::string& path,
                                                std::string_view context = "");

// Reads several kubeconfig files merged as kubectl merges $KUBECONFIG: the first
// file to name a cluster, context or user wins, and so does the first
// current-context. Missing files are skipped; NotFound if none exists.
absl::StatusOr<ClientConfig> LoadKubeconfigFiles(const std::vector<std::string>& paths,
                                                 std::string_view context = "");

// Where kubeconfig comes from, as kubectl finds it: `flag_path` (--kubeconfig) when
// set, else $KUBECONFIG (a ":"-separated list), else $HOME/.kube/config.
std::vector<std::string> KubeconfigPaths(std::string_view flag_path);

// KubeconfigPaths then LoadKubeconfigFiles: what a component does with --kubeconfig.
absl::StatusOr<ClientConfig> LoadKubeconfig(std::string_view flag_path,
                                            std::string_view context = "");

}  // namespace kube::client

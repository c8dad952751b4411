#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace kube::apiserver {

// Flags of kube-apiserver (upstream names where the meaning is the same).
struct ApiServerOptions {
  std::string data_dir = "/var/lib/kube-apiserver";
  std::string bind_address = "0.0.0.0";
  std::string storage_backend = "sqlite";      // sqlite | etcd3
  std::vector<std::string> etcd_servers;       // etcd3: client URLs
  std::string etcd_prefix;                     // etcd3: prepended to every key
  std::string service_cluster_ip_range = "10.0.0.0/24";
  std::string service_node_port_range = "30000-32767";
  absl::Duration compaction_interval = absl::Minutes(5);  // --etcd-compaction-interval
  absl::Duration min_request_timeout = absl::Seconds(1800);
  absl::Duration watch_bookmark_interval = absl::Seconds(30);
  bool watch_cache = true;

  // Serving. HTTPS with authentication and authorization on --secure-port; the
  // gRPC API beside it on --grpc-port, over the same TLS. Plain HTTP only behind
  // the development flag --insecure-port (every request there is system:masters).
  int secure_port = 6443;  // 0 picks a free port
  int grpc_port = 0;       // 0 disables the gRPC API
  int insecure_port = 0;   // 0: off
  std::string insecure_bind_address = "127.0.0.1";
  std::string tls_cert_file;         // unset: a self-signed certificate made at start
  std::string tls_private_key_file;
  std::vector<std::string> tls_cipher_suites;  // Go names; empty: strong defaults
  std::string tls_min_version = "VersionTLS12";
  std::string client_ca_file;        // x509 client certificates signed by it authenticate

  // Authentication.
  bool anonymous_auth = true;        // requests without credentials are system:anonymous
  std::string token_auth_file;       // static tokens (CSV); development only
  bool enable_bootstrap_token_auth = false;  // bootstrap tokens from kube-system Secrets
  std::vector<std::string> service_account_key_files;  // public keys verifying SA tokens
  std::string service_account_signing_key_file;        // the private key signing them
  std::vector<std::string> service_account_issuers;    // the first issues; all are accepted
  std::vector<std::string> api_audiences;              // default: the issuers
  absl::Duration service_account_max_token_expiration = absl::ZeroDuration();  // 0: none
  bool service_account_extend_token_expiration = true;
  bool service_account_lookup = true;  // a token's ServiceAccount must still exist
  std::string service_account_jwks_uri;  // default: https://<advertised address>/openid/v1/jwks
  // The address others reach this server at; default: --bind-address unless it is
  // the wildcard, then 127.0.0.1.
  std::string advertise_address;

  // Authorization: AlwaysAllow, RBAC (system:masters is always allowed first).
  std::vector<std::string> authorization_modes = {"Node", "RBAC"};
  bool profiling = false;  // --profiling; only false is accepted (common/health/profiling.h)

  // The kubelets' ports (logs, exec, port-forward): the client certificate the
  // apiserver presents and the CA their serving certificates must chain to. Without
  // a CA the kubelets are reached over plain HTTP (development clusters).
  std::string kubelet_client_certificate;
  std::string kubelet_client_key;
  std::string kubelet_certificate_authority;

  // Admission plugins beyond the default set (ServiceAccount), and ones to leave
  // out of it.
  std::vector<std::string> enable_admission_plugins;
  std::vector<std::string> disable_admission_plugins;
};

}  // namespace kube::apiserver

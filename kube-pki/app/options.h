#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kube::pki::app {

// kube-pki init: the cluster CA and the control plane's certificates and keys.
struct InitOptions {
  std::string dir;
  std::string service_cidr = "10.96.0.0/16";  // its first address is an apiserver SAN
  std::string cluster_domain = "cluster.local";
  std::vector<std::string> apiserver_sans;  // extra DNS names and IPs
};

// kube-pki issue: one certificate signed by DIR/ca.{crt,key}.
struct IssueOptions {
  std::string dir;
  std::string name;  // DIR/NAME.crt, DIR/NAME.key
  std::string common_name;
  std::vector<std::string> organizations;
  bool client = false;
  bool server = false;
  std::vector<std::string> sans;
  int days = 365;
};

// kube-pki kubeconfig: a kubeconfig embedding DIR/ca.crt and a credential.
struct KubeconfigOptions {
  std::string dir;
  std::string server;
  std::string cert;     // NAME of DIR/NAME.{crt,key}; empty for none
  std::string token;    // a bearer token instead
  std::string out;      // default DIR/NAME.kubeconfig
  std::string context;  // default USER@kubernetes
};

// kube-pki discover: a joining node's bootstrap kubeconfig, after checking the CA.
struct DiscoverOptions {
  std::string server;        // the apiserver's REST URL, https://HOST:PORT
  std::string token;         // the bootstrap token, <id>.<secret>
  std::string ca_cert_hash;  // "sha256:<hex>" of the CA's public key
  std::string out;
  std::string kubeconfig_server;  // the URL the kubeconfig names (default: server)
  std::string ca_out;             // also write the CA here (a kubelet's --client-ca-file)
};

// kube-pki request: a client certificate for a component, from the cluster's signer.
struct RequestOptions {
  std::string kubeconfig;  // the credentials to ask with (a bootstrap kubeconfig)
  std::string common_name;
  std::vector<std::string> organizations;
  std::string signer = "kubernetes.io/kube-apiserver-client";
  std::string out;
  std::string kubeconfig_server;  // the URL --out names (default: --kubeconfig's)
  int64_t wait_seconds = 900;
};

}  // namespace kube::pki::app

#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace kube::kubelet {

// The kubelet's configuration: its flags (upstream's names and defaults), plus a
// few knobs without a flag that tests and hollow nodes set.
struct KubeletOptions {
  std::string kubeconfig;
  // --bootstrap-kubeconfig: with it, a missing or expired --kubeconfig is made by
  // TLS bootstrapping (kubelet/certificate).
  std::string bootstrap_kubeconfig;
  // --rotate-server-certificates: the serving certificate comes from the cluster CA
  // through a kubelet-serving CertificateSigningRequest (kubelet/certificate).
  bool rotate_server_certificates = false;
  // --rotate-certificates: the client certificate is renewed at 80% of its life.
  bool rotate_certificates = false;
  std::string node_name;  // defaults to the hostname
  std::string node_ip;    // defaults to the first non-loopback IPv4 address
  std::string root_dir = "/var/lib/kubelet";
  std::string pod_cidr;
  // The cgroup under which pods' cgroups go (<root>/kubepods/...); "" is the top.
  std::string cgroup_root;
  std::string container_runtime_endpoint = "unix:///run/containerd/containerd.sock";
  absl::Duration runtime_request_timeout = absl::Minutes(2);
  int64_t port = 10250;
  std::string address = "0.0.0.0";  // where the kubelet server listens
  // The port's TLS: --tls-cert-file and --tls-private-key-file, or (without them) a
  // self-signed certificate kept in --cert-dir (default <root-dir>/pki) as
  // kubelet.crt and kubelet.key, made once.
  std::string tls_cert_file;
  std::string tls_private_key_file;
  std::string cert_dir;
  std::vector<std::string> tls_cipher_suites;
  std::string tls_min_version = "VersionTLS12";
  // Who may call the port. Defaults are those of upstream's kubelet configuration
  // file as kubeadm and k3s write it (secure), not of its bare flags (anonymous,
  // AlwaysAllow).
  std::string client_ca_file;       // --client-ca-file
  bool anonymous_auth = false;      // --anonymous-auth
  bool authentication_token_webhook = true;  // --authentication-token-webhook
  absl::Duration authentication_token_webhook_cache_ttl = absl::Minutes(2);
  std::string authorization_mode = "Webhook";  // --authorization-mode: Webhook or AlwaysAllow
  absl::Duration authorization_webhook_cache_authorized_ttl = absl::Minutes(5);
  absl::Duration authorization_webhook_cache_unauthorized_ttl = absl::Seconds(30);
  // The localhost health endpoint (/healthz, /livez, /readyz, /metrics); 0: none.
  int64_t healthz_port = 10248;
  // --read-only-port: the unauthenticated 10255 is never served; only 0 is accepted
  // (CIS 4.2.4), so upstream command lines that say so keep working.
  int64_t read_only_port = 0;
  std::string healthz_bind_address = "127.0.0.1";
  std::map<std::string, std::string> node_labels;
  bool register_node = true;
  absl::Duration node_status_update_frequency = absl::Seconds(10);
  int64_t max_pods = 110;
  std::vector<std::string> cluster_dns;
  std::string cluster_domain;
  // How often every pod is synced even when nothing was noticed (--sync-frequency).
  absl::Duration sync_frequency = absl::Minutes(1);

  // No flag.
  // Syncs mostly wait on the runtime (a sandbox takes ~100-300 ms, a deletion its
  // whole grace period), so pods start side by side only with threads to spare.
  int pod_worker_threads = 16;
  int probe_threads = 4;
  absl::Duration relist_period = absl::Seconds(1);  // PLEG
  absl::Duration lease_renew_interval = absl::Seconds(10);
  int32_t lease_duration_seconds = 40;
};

}  // namespace kube::kubelet

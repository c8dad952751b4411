#include "kubelet/app/kubelet_flags.h"

#include <unistd.h>

#include "absl/strings/ascii.h"
#include "common/util/strings.h"

namespace kube::kubelet {

void AddKubeletFlags(flags::FlagSet& flags, KubeletOptions& options, RawKubeletFlags& raw) {
  flags.String("kubeconfig", &options.kubeconfig,
               "Path to a kubeconfig file saying how to reach the API server.");
  flags.String("bootstrap-kubeconfig", &options.bootstrap_kubeconfig,
               "A kubeconfig with a bootstrap token: when --kubeconfig is missing or its "
               "certificate expired, the kubelet asks for a client certificate with it "
               "(a CertificateSigningRequest) and writes --kubeconfig.");
  flags.Bool("rotate-server-certificates", &options.rotate_server_certificates,
             "Ask the cluster for the serving certificate of port 10250 (a "
             "CertificateSigningRequest for signer kubernetes.io/kubelet-serving, which an "
             "administrator approves) instead of --tls-cert-file or a self-signed one; it is "
             "renewed at 80% of its life.");
  flags.Bool("rotate-certificates", &options.rotate_certificates,
             "Renew the client certificate of --kubeconfig at 80% of its life, asking with "
             "the current one (a CertificateSigningRequest the controller-manager approves).");
  flags.String("hostname-override", &options.node_name,
               "If non-empty, use this name for the node instead of the hostname.");
  flags.String("node-name", &options.node_name,
               "The name of this node (defaults to the hostname).");
  flags.String("node-ip", &options.node_ip,
               "IP address of the node (defaults to the first non-loopback IPv4 address).");
  flags.String("root-dir", &options.root_dir,
               "Directory for the kubelet's files (volumes, container logs).");
  flags.String("pod-cidr", &options.pod_cidr,
               "The CIDR to use for pod IP addresses; written to the Node's spec.podCIDR.");
  flags.String("cgroup-root", &options.cgroup_root,
               "Optional root cgroup for pods (their QoS hierarchy kubepods/... goes under "
               "it); the default is the top of each hierarchy.");
  flags.String("container-runtime-endpoint", &options.container_runtime_endpoint,
               "The container runtime's endpoint: unix:///path/to/cri.sock for a CRI runtime "
               "(containerd), or fake:// for a simulated runtime (hollow nodes, tests).");
  flags.Duration("runtime-request-timeout", &options.runtime_request_timeout,
                 "Timeout of every runtime request except long-running ones (pull, exec).");
  flags.Int("port", &options.port,
            "The port of the kubelet's API (HTTPS, authenticated and authorized).");
  flags.String("address", &options.address,
               "The IP address for the kubelet's API to serve on (0.0.0.0 for all).");
  flags.String("tls-cert-file", &options.tls_cert_file,
               "Serving certificate of the kubelet's API (PEM, leaf first). Without it and "
               "--tls-private-key-file a self-signed one is made in --cert-dir.");
  flags.String("tls-private-key-file", &options.tls_private_key_file,
               "The private key of --tls-cert-file.");
  flags.String("cert-dir", &options.cert_dir,
               "Where the self-signed serving certificate is kept (kubelet.crt, kubelet.key); "
               "default <root-dir>/pki. Ignored with --tls-cert-file.");
  flags.StringList("tls-cipher-suites", &options.tls_cipher_suites,
                   "TLS 1.2 cipher suites, in Go's names; empty: ECDHE with AES-GCM or ChaCha20.");
  flags.String("tls-min-version", &options.tls_min_version,
               "Lowest TLS version accepted: VersionTLS10 .. VersionTLS13.");
  flags.String("client-ca-file", &options.client_ca_file,
               "Client certificates signed by a CA of this bundle authenticate as their "
               "CommonName (user) and Organizations (groups).");
  flags.Bool("anonymous-auth", &options.anonymous_auth,
             "Requests with no credential are system:anonymous (then authorized) rather than "
             "refused with 401.");
  flags.Bool("authentication-token-webhook", &options.authentication_token_webhook,
             "Bearer tokens are checked with TokenReviews sent to the API server.");
  flags.Duration("authentication-token-webhook-cache-ttl",
                 &options.authentication_token_webhook_cache_ttl,
                 "How long a TokenReview's answer is kept.");
  flags.String("authorization-mode", &options.authorization_mode,
               "Webhook: each request is authorized by a SubjectAccessReview (on nodes/proxy, "
               "nodes/stats, nodes/metrics, nodes/log, nodes/spec); AlwaysAllow: every "
               "authenticated request is allowed.");
  flags.Duration("authorization-webhook-cache-authorized-ttl",
                 &options.authorization_webhook_cache_authorized_ttl,
                 "How long an allowing SubjectAccessReview answer is kept.");
  flags.Duration("authorization-webhook-cache-unauthorized-ttl",
                 &options.authorization_webhook_cache_unauthorized_ttl,
                 "How long a refusing SubjectAccessReview answer is kept.");
  flags.Int("read-only-port", &options.read_only_port,
            "The unauthenticated read-only port. Never served: only 0 is accepted.");
  flags.Int("healthz-port", &options.healthz_port,
            "The port of the localhost healthz endpoint (/healthz, /readyz, /metrics); 0 "
            "disables it.");
  flags.String("healthz-bind-address", &options.healthz_bind_address,
               "The IP address for the healthz server to serve on.");
  flags.StringList("node-labels", &raw.node_labels,
                   "Labels to add when registering the node: key=value pairs, comma-separated.");
  flags.Bool("register-node", &options.register_node, "Register the node with the API server.");
  flags.Duration("node-status-update-frequency", &options.node_status_update_frequency,
                 "How often the kubelet computes the node status (and writes it when changed).");
  flags.Int("max-pods", &options.max_pods, "Number of pods that can run on this kubelet.");
  flags.StringList("cluster-dns", &options.cluster_dns,
                   "Comma-separated DNS server IPs for pods with dnsPolicy ClusterFirst.");
  flags.String("cluster-domain", &options.cluster_domain,
               "Domain of this cluster: containers search it in addition to the host's.");
  flags.Duration("sync-frequency", &options.sync_frequency,
                 "Max period between synchronizing running containers and config.");
}

absl::Status FinishKubeletOptions(const RawKubeletFlags& raw, KubeletOptions& options) {
  if (options.node_name.empty()) {
    char hostname[256] = {};
    if (gethostname(hostname, sizeof(hostname) - 1) != 0) {
      return absl::InternalError("cannot read the hostname; pass --node-name");
    }
    options.node_name = absl::AsciiStrToLower(hostname);
  }
  for (const std::string& pair : raw.node_labels) {
    size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      return absl::InvalidArgumentError(
          kube::StrCat("--node-labels: \"", pair, "\" is not key=value"));
    }
    options.node_labels[pair.substr(0, equals)] = pair.substr(equals + 1);
  }
  if (options.max_pods <= 0) return absl::InvalidArgumentError("--max-pods must be positive");
  if (options.port <= 0 || options.port > 65535) {
    return absl::InvalidArgumentError("--port must be in 1..65535");
  }
  if (!options.bootstrap_kubeconfig.empty() && options.kubeconfig.empty()) {
    return absl::InvalidArgumentError(
        "--bootstrap-kubeconfig needs --kubeconfig: the path the bootstrapped credentials go to");
  }
  if (options.rotate_server_certificates && !options.tls_cert_file.empty()) {
    return absl::InvalidArgumentError(
        "--rotate-server-certificates and --tls-cert-file are exclusive: the serving "
        "certificate comes from one or the other");
  }
  if (options.read_only_port != 0) {
    return absl::InvalidArgumentError(
        "--read-only-port: the unauthenticated read-only port is not served; only 0 is accepted");
  }
  if (options.healthz_port < 0 || options.healthz_port > 65535) {
    return absl::InvalidArgumentError("--healthz-port must be in 0..65535");
  }
  if (options.tls_cert_file.empty() != options.tls_private_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert-file and --tls-private-key-file must be given together");
  }
  if (options.authorization_mode != "Webhook" && options.authorization_mode != "AlwaysAllow") {
    return absl::InvalidArgumentError(kube::StrCat(
        "--authorization-mode: unsupported mode \"", options.authorization_mode,
        "\" (supported: Webhook, AlwaysAllow)"));
  }
  if (options.cert_dir.empty()) options.cert_dir = options.root_dir + "/pki";
  return absl::OkStatus();
}

}  // namespace kube::kubelet

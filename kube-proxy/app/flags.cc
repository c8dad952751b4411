#include "kube-proxy/app/flags.h"

namespace kube::proxy::app {

void AddFlags(flags::FlagSet& flags, Options& o) {
  flags.String("kubeconfig", &o.kubeconfig,
               "Path to a kubeconfig; a grpc:// server uses the gRPC API, http(s):// REST.");
  flags.String("hostname-override", &o.hostname_override,
               "The name of this node (decides which endpoints are local); default: the hostname.");
  flags.String("proxy-mode", &o.proxy_mode, "Which proxy mode to use: iptables or nftables.");
  flags.String("cluster-cidr", &o.cluster_cidr,
               "The CIDR range of the pods in the cluster; traffic to a cluster IP from outside "
               "it is masqueraded. Empty: no such masquerading.");
  flags.String("healthz-bind-address", &o.healthz_bind_address,
               "ip:port for the health server (/healthz, /livez, /readyz); empty disables it, "
               "port 0 picks a free port.");
  flags.String("metrics-bind-address", &o.metrics_bind_address,
               "ip:port for the metrics server (/metrics); empty disables it, port 0 picks a "
               "free port.");
  flags.Duration("iptables-sync-period", &o.sync_period,
                 "How often all rules are rewritten even if nothing changed (e.g. '5s', '1m').");
  flags.Duration("iptables-min-sync-period", &o.min_sync_period,
                 "The minimum interval between syncs: changes within it are batched into one.");
  flags.Bool("masquerade-all", &o.masquerade_all,
             "SNAT all traffic sent to cluster IPs, not only traffic from outside --cluster-cidr.");
  flags.Bool("cleanup", &o.cleanup,
             "Remove every rule and chain kube-proxy programs (both modes) and exit.");
}

}  // namespace kube::proxy::app

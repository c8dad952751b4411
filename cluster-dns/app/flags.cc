#include "cluster-dns/app/flags.h"

#include "cluster-dns/message/dns_name.h"
#include "cluster-dns/records/zone.h"
#include "cluster-dns/server/socket.h"
#include "common/util/strings.h"

namespace kube::dns::app {

const char kDescription[] =
    "cluster-dns answers DNS queries for the cluster's Services (the Kubernetes DNS\n"
    "specification: <svc>.<ns>.svc.<domain> A/AAAA and SRV, headless Services' endpoints,\n"
    "ExternalName CNAMEs, PTR for cluster and endpoint IPs, <a-b-c-d>.<ns>.pod.<domain>)\n"
    "from the Services and Endpoints it watches through the API server, over UDP and TCP.\n"
    "It is authoritative for the cluster domain only and forwards nothing: every other\n"
    "name is answered REFUSED, and no query ever leaves the machine.";

void AddFlags(flags::FlagSet& flags, Options& o) {
  flags.String("kubeconfig", &o.kubeconfig,
               "Path to a kubeconfig; a grpc:// server uses the gRPC API, http(s):// REST.");
  flags.String("bind-address", &o.bind_address,
               "IP address to serve DNS (and the health endpoint) on.");
  flags.Int("port", &o.port, "Port for DNS over UDP and TCP; 0 picks a free port and logs it.");
  flags.String("cluster-domain", &o.cluster_domain,
               "The cluster's DNS domain; names outside it are refused.");
  flags.Int("health-port", &o.health_port,
            "Port for /healthz, /livez, /readyz and /metrics over plain HTTP; 0 serves none.");
  flags.Int("ttl", &o.ttl, "TTL in seconds of the records served and of negative answers.");
}

absl::Status ValidateOptions(const Options& o) {
  if (o.port < 0 || o.port > 65535) return absl::InvalidArgumentError("--port must be within 0..65535");
  if (o.health_port < 0 || o.health_port > 65535) {
    return absl::InvalidArgumentError("--health-port must be within 0..65535");
  }
  if (o.ttl < 0) return absl::InvalidArgumentError("--ttl must not be negative");
  if (absl::StatusOr<SocketAddress> a = ResolveNumeric(o.bind_address, 0); !a.ok()) {
    return absl::InvalidArgumentError(StrCat("--bind-address: ", std::string(a.status().message())));
  }
  absl::StatusOr<DnsName> domain = DnsName::Parse(o.cluster_domain);
  if (!domain.ok()) {
    return absl::InvalidArgumentError(StrCat("--cluster-domain: ", std::string(domain.status().message())));
  }
  if (absl::StatusOr<ZoneBuilder> zone = ZoneBuilder::Create({*domain, 0, 0}); !zone.ok()) {
    return absl::InvalidArgumentError(StrCat("--cluster-domain: ", std::string(zone.status().message())));
  }
  return absl::OkStatus();
}

}  // namespace kube::dns::app

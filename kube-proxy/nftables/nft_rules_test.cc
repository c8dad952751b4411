#include "kube-proxy/nftables/nft_rules.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "absl/strings/str_split.h"
#include "kube-proxy/proxier/chain_names.h"
#include "kube-proxy/testing/builders.h"

namespace kube::proxy::nftables {
namespace {

using proxier::ServicePortInfo;
using testing::MakePort;

std::vector<std::string> Lines(const NftBatch& batch) {
  return absl::StrSplit(batch.text, '\n', absl::SkipEmpty());
}
bool Has(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}
int CountContaining(const std::vector<std::string>& lines, const std::string& part) {
  return static_cast<int>(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
    return l.find(part) != std::string::npos;
  }));
}
std::string Hash(const ServicePortInfo& sp) {
  return proxier::ChainHash(sp.ServicePortName() + proxier::ProtocolName(sp.protocol));
}
std::string Ep(const ServicePortInfo& sp, const std::string& ip, int port) {
  return proxier::ChainHash(sp.ServicePortName() + proxier::ProtocolName(sp.protocol) + ip + ":" +
                            std::to_string(port));
}

}  // namespace

TEST_CASE("nftables: random choice with numgen, DNAT, hairpin, reject without endpoints",
          "[kube-proxy][nftables]") {
  ServicePortInfo sp = MakePort("ns", "web", "http", "10.96.0.10", 80, {"10.244.1.1", "10.244.1.2"}, 8080);
  ServicePortInfo empty = MakePort("ns", "empty", "", "10.96.0.11", 80, {}, 80);
  auto lines = Lines(GenerateNft(proxier::Snapshot{{empty, sp}}, {.cluster_cidr = "10.244.0.0/16"}, {}));
  const std::string svc = "service-" + Hash(sp);
  const std::string e1 = "endpoint-" + Ep(sp, "10.244.1.1", 8080), e2 = "endpoint-" + Ep(sp, "10.244.1.2", 8080);
  CHECK(lines.front() == "add table ip kube-proxy");
  CHECK(Has(lines, "add rule ip kube-proxy services ip daddr 10.96.0.10 tcp dport 80 goto " + svc +
                       " comment \"ns/web:http cluster IP\""));
  CHECK(Has(lines, "add rule ip kube-proxy " + svc + " ip saddr != 10.244.0.0/16 jump mark-for-masquerade"));
  CHECK(Has(lines, "add rule ip kube-proxy " + svc + " numgen random mod 2 vmap { 0 : goto " + e1 +
                       ", 1 : goto " + e2 + " }"));
  CHECK(Has(lines, "add rule ip kube-proxy " + e1 + " ip saddr 10.244.1.1 jump mark-for-masquerade"));
  CHECK(Has(lines, "add rule ip kube-proxy " + e1 +
                       " meta l4proto tcp dnat to 10.244.1.1:8080 comment \"ns/web:http\""));
  CHECK(Has(lines, "add rule ip kube-proxy endpoints-check ip daddr 10.96.0.11 tcp dport 80 reject "
                   "comment \"ns/empty has no endpoints\""));
  CHECK(CountContaining(lines, "service-" + Hash(empty)) == 0);
  // Every chain is flushed inside the transaction before it is refilled.
  CHECK(Has(lines, "flush chain ip kube-proxy " + svc));
  CHECK(Has(lines, "flush chain ip kube-proxy services"));
  CHECK(CountContaining(lines, "delete table") == 0);  // never: that would drop affinity state
}

TEST_CASE("nftables: node port, load balancer, Local policy, affinity sets, UDP",
          "[kube-proxy][nftables]") {
  ServicePortInfo sp = MakePort("ns", "ui", "", "10.96.0.20", 80, {"10.244.1.1", "10.244.2.1"}, 80);
  sp.endpoints[0].is_local = true;
  sp.node_port = 30100;
  sp.load_balancer_ips = {"192.168.9.9"};
  sp.external_policy_local = true;
  sp.affinity_timeout_seconds = 600;
  ServicePortInfo dns = MakePort("ns", "dns", "", "10.96.0.53", 53, {"10.244.1.3"}, 5353);
  dns.protocol = proxier::Protocol::kUdp;
  auto lines = Lines(GenerateNft(proxier::Snapshot{{dns, sp}}, {}, {}));
  const std::string ext = "external-" + Hash(sp), local = "local-" + Hash(sp);
  const std::string set1 = "affinity-" + Ep(sp, "10.244.1.1", 80);
  CHECK(Has(lines, "add rule ip kube-proxy nodeports tcp dport 30100 goto " + ext + " comment \"ns/ui\""));
  CHECK(Has(lines, "add rule ip kube-proxy services ip daddr 192.168.9.9 tcp dport 80 goto " + ext +
                       " comment \"ns/ui external\""));
  CHECK(Has(lines, "add rule ip kube-proxy " + ext + " goto " + local));
  CHECK(Has(lines, "add rule ip kube-proxy " + local + " ip saddr @" + set1 + " goto endpoint-" +
                       Ep(sp, "10.244.1.1", 80)));
  CHECK(Has(lines, "add rule ip kube-proxy " + local + " goto endpoint-" + Ep(sp, "10.244.1.1", 80)));
  CHECK(CountContaining(lines, "add rule ip kube-proxy " + ext + " jump mark-for-masquerade") == 0);
  CHECK(Has(lines, "add set ip kube-proxy " + set1 + " { type ipv4_addr; flags dynamic,timeout; timeout 600s; }"));
  CHECK(Has(lines, "add rule ip kube-proxy endpoint-" + Ep(sp, "10.244.1.1", 80) + " update @" + set1 +
                       " { ip saddr }"));
  CHECK(Has(lines, "add rule ip kube-proxy services ip daddr 10.96.0.53 udp dport 53 goto service-" +
                       Hash(dns) + " comment \"ns/dns cluster IP\""));
  CHECK(Has(lines, "add rule ip kube-proxy endpoint-" + Ep(dns, "10.244.1.3", 5353) +
                       " meta l4proto udp dnat to 10.244.1.3:5353 comment \"ns/dns\""));
}

TEST_CASE("nftables: stale chains and sets are deleted, ours are listed from nft output",
          "[kube-proxy][nftables]") {
  NftState existing = ParseNftList(
      "table ip nat {\n\tchain service-OTHER {\n\t}\n}\n"
      "table ip kube-proxy {\n\tchain services {\n\t}\n\tchain service-OLD {\n\t}\n"
      "\tset affinity-OLD {\n\t\ttype ipv4_addr\n\t}\n}\n");
  CHECK(existing.table_exists);
  CHECK(existing.chains == std::set<std::string>{"services", "service-OLD"});
  CHECK(existing.sets == std::set<std::string>{"affinity-OLD"});
  auto lines = Lines(GenerateNft(proxier::Snapshot{}, {}, existing));
  CHECK(Has(lines, "delete chain ip kube-proxy service-OLD"));
  CHECK(Has(lines, "delete set ip kube-proxy affinity-OLD"));
  CHECK(!Has(lines, "delete chain ip kube-proxy services"));
  CHECK(lines.back().rfind("delete ", 0) == 0);  // after every rule
}

}  // namespace kube::proxy::nftables

#include "kube-proxy/iptables/rules.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "absl/strings/str_split.h"
#include "kube-proxy/proxier/chain_names.h"
#include "kube-proxy/testing/builders.h"

namespace kube::proxy::iptables {
namespace {

using proxier::Protocol;
using proxier::ServicePortInfo;
using proxier::Snapshot;
using testing::MakePort;

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// The lines of one table's section.
std::vector<std::string> TableLines(const RestoreBatch& batch, const std::string& table) {
  std::vector<std::string> out;
  bool in = false;
  for (const std::string& line : Lines(batch.text)) {
    if (line[0] == '*') in = line == "*" + table;
    if (in) out.push_back(line);
  }
  return out;
}

bool Has(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

int CountContaining(const std::vector<std::string>& lines, const std::string& part) {
  return static_cast<int>(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
    return l.find(part) != std::string::npos;
  }));
}

std::string Svc(const ServicePortInfo& sp) {
  return "KUBE-SVC-" + proxier::ChainHash(sp.ServicePortName() + proxier::ProtocolName(sp.protocol));
}
std::string Ext(const ServicePortInfo& sp) {
  return "KUBE-EXT-" + proxier::ChainHash(sp.ServicePortName() + proxier::ProtocolName(sp.protocol));
}
std::string Sep(const ServicePortInfo& sp, const std::string& ip, int port) {
  return "KUBE-SEP-" + proxier::ChainHash(sp.ServicePortName() + proxier::ProtocolName(sp.protocol) +
                                          ip + ":" + std::to_string(port));
}

RestoreBatch Generate(const std::vector<ServicePortInfo>& ports, IptablesConfig config = {},
                      const std::map<std::string, TableState>& existing = {}) {
  return GenerateRestore(Snapshot{ports}, config, existing);
}

}  // namespace

TEST_CASE("iptables: chain hashes are stable, 16 base32 characters", "[kube-proxy][iptables]") {
  CHECK(proxier::ChainHash("default/web:http") == proxier::ChainHash("default/web:http"));
  CHECK(proxier::ChainHash("default/web:http") != proxier::ChainHash("default/web:https"));
  CHECK(proxier::ChainHash("x").size() == 16);
  CHECK(std::string("KUBE-SVC-" + proxier::ChainHash("x")).size() <= 28);  // iptables' limit
}

TEST_CASE("iptables: a cluster IP with no endpoints is rejected in filter, nothing in nat",
          "[kube-proxy][iptables]") {
  ServicePortInfo sp = MakePort("ns", "web", "http", "10.96.0.10", 80, {}, 8080);
  RestoreBatch batch = Generate({sp});
  auto filter = TableLines(batch, "filter");
  auto nat = TableLines(batch, "nat");
  CHECK(Has(filter, "-A KUBE-SERVICES -m comment --comment \"ns/web:http has no endpoints\" -d "
                    "10.96.0.10/32 -p tcp -m tcp --dport 80 -j REJECT"));
  CHECK(CountContaining(nat, Svc(sp)) == 0);
  CHECK(CountContaining(nat, "KUBE-SEP-") == 0);
}

TEST_CASE("iptables: one endpoint: service chain, endpoint chain with hairpin masquerade and DNAT",
          "[kube-proxy][iptables]") {
  ServicePortInfo sp = MakePort("ns", "web", "http", "10.96.0.10", 80, {"10.244.1.5"}, 8080);
  auto nat = TableLines(Generate({sp}), "nat");
  const std::string svc = Svc(sp), sep = Sep(sp, "10.244.1.5", 8080);
  CHECK(Has(nat, ":" + svc + " - [0:0]"));
  CHECK(Has(nat, ":" + sep + " - [0:0]"));
  CHECK(Has(nat, "-A KUBE-SERVICES -m comment --comment \"ns/web:http cluster IP\" -d 10.96.0.10/32 "
                 "-p tcp -m tcp --dport 80 -j " + svc));
  CHECK(Has(nat, "-A " + svc + " -m comment --comment \"ns/web:http -> 10.244.1.5:8080\" -j " + sep));
  // Hairpin: a pod reaching itself through the service is masqueraded.
  CHECK(Has(nat, "-A " + sep + " -m comment --comment \"ns/web:http\" -s 10.244.1.5/32 -j KUBE-MARK-MASQ"));
  CHECK(Has(nat, "-A " + sep + " -m comment --comment \"ns/web:http\" -p tcp -m tcp -j DNAT "
                 "--to-destination 10.244.1.5:8080"));
  CHECK(CountContaining(nat, "statistic") == 0);
  CHECK(Has(nat, "-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000"));
  CHECK(Has(nat, "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring "
                 "SNAT\" -j MASQUERADE --random-fully"));
  // The node-port jump must stay the last rule of KUBE-SERVICES.
  std::vector<std::string> services;
  for (const auto& line : nat) {
    if (line.rfind("-A KUBE-SERVICES ", 0) == 0) services.push_back(line);
  }
  REQUIRE(!services.empty());
  CHECK(services.back().find("-j KUBE-NODEPORTS") != std::string::npos);
}

TEST_CASE("iptables: three endpoints are chosen with probabilities 1/3, 1/2, rest",
          "[kube-proxy][iptables]") {
  ServicePortInfo sp =
      MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.1", "10.244.1.2", "10.244.1.3"}, 80);
  auto nat = TableLines(Generate({sp}), "nat");
  const std::string svc = Svc(sp);
  CHECK(Has(nat, "-A " + svc + " -m comment --comment \"ns/web -> 10.244.1.1:80\" -m statistic "
                 "--mode random --probability 0.3333333333 -j " + Sep(sp, "10.244.1.1", 80)));
  CHECK(Has(nat, "-A " + svc + " -m comment --comment \"ns/web -> 10.244.1.2:80\" -m statistic "
                 "--mode random --probability 0.5000000000 -j " + Sep(sp, "10.244.1.2", 80)));
  CHECK(Has(nat, "-A " + svc + " -m comment --comment \"ns/web -> 10.244.1.3:80\" -j " +
                     Sep(sp, "10.244.1.3", 80)));
  CHECK(CountContaining(nat, "-j DNAT") == 3);
}

TEST_CASE("iptables: UDP services match and DNAT udp", "[kube-proxy][iptables]") {
  ServicePortInfo sp = MakePort("kube-system", "dns", "dns", "10.96.0.53", 53, {"10.244.1.9"}, 53);
  sp.protocol = Protocol::kUdp;
  auto nat = TableLines(Generate({sp}), "nat");
  CHECK(Has(nat, "-A KUBE-SERVICES -m comment --comment \"kube-system/dns:dns cluster IP\" -d "
                 "10.96.0.53/32 -p udp -m udp --dport 53 -j " + Svc(sp)));
  CHECK(Has(nat, "-A " + Sep(sp, "10.244.1.9", 53) +
                     " -m comment --comment \"kube-system/dns:dns\" -p udp -m udp -j DNAT "
                     "--to-destination 10.244.1.9:53"));
  // TCP and UDP ports of the same name get distinct chains.
  ServicePortInfo tcp = sp;
  tcp.protocol = Protocol::kTcp;
  CHECK(Svc(tcp) != Svc(sp));
}

TEST_CASE("iptables: traffic from outside the cluster CIDR, or all with --masquerade-all, is marked",
          "[kube-proxy][iptables]") {
  ServicePortInfo sp = MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.5"}, 8080);
  auto nat = TableLines(Generate({sp}, {.cluster_cidr = "10.244.0.0/16"}), "nat");
  CHECK(Has(nat, "-A " + Svc(sp) + " -m comment --comment \"ns/web cluster IP\" ! -s 10.244.0.0/16 -d "
                 "10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-MARK-MASQ"));
  IptablesConfig masquerade_all;
  masquerade_all.masquerade_all = true;
  auto all = TableLines(Generate({sp}, masquerade_all), "nat");
  CHECK(Has(all, "-A " + Svc(sp) + " -m comment --comment \"ns/web cluster IP\" -d 10.96.0.10/32 -p "
                 "tcp -m tcp --dport 80 -j KUBE-MARK-MASQ"));
  auto none = TableLines(Generate({sp}), "nat");
  CHECK(CountContaining(none, "-A " + Svc(sp) + " -m comment --comment \"ns/web cluster IP\"") == 0);
}

TEST_CASE("iptables: NodePort (Cluster policy) goes through KUBE-NODEPORTS and a masquerading EXT chain",
          "[kube-proxy][iptables]") {
  ServicePortInfo sp = MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.5"}, 8080);
  sp.node_port = 30080;
  auto nat = TableLines(Generate({sp}), "nat");
  const std::string ext = Ext(sp);
  CHECK(Has(nat, ":" + ext + " - [0:0]"));
  CHECK(Has(nat, "-A KUBE-NODEPORTS -m comment --comment \"ns/web\" -p tcp -m tcp --dport 30080 -j " + ext));
  CHECK(Has(nat, "-A " + ext + " -m comment --comment \"masquerade traffic for ns/web external "
                 "destinations\" -j KUBE-MARK-MASQ"));
  CHECK(Has(nat, "-A " + ext + " -j " + Svc(sp)));
  CHECK(Has(nat, "-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this "
                 "must be the last rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS"));

  // Without endpoints the node port is rejected too.
  sp.endpoints.clear();
  auto filter = TableLines(Generate({sp}), "filter");
  CHECK(Has(filter, "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"ns/web has no endpoints\" -m "
                    "addrtype --dst-type LOCAL -p tcp -m tcp --dport 30080 -j REJECT"));
}

TEST_CASE("iptables: load-balancer ingress IPs jump to the EXT chain", "[kube-proxy][iptables]") {
  ServicePortInfo sp = MakePort("ns", "ui", "", "10.96.0.20", 80, {"10.244.1.5"}, 8080);
  sp.node_port = 31000;
  sp.load_balancer_ips = {"192.168.50.10", "192.168.50.11"};
  auto nat = TableLines(Generate({sp}), "nat");
  for (const char* ip : {"192.168.50.10", "192.168.50.11"}) {
    CHECK(Has(nat, std::string("-A KUBE-SERVICES -m comment --comment \"ns/ui loadbalancer IP\" -d ") +
                       ip + "/32 -p tcp -m tcp --dport 80 -j " + Ext(sp)));
  }
}

TEST_CASE("iptables: ClientIP affinity checks and sets -m recent per endpoint",
          "[kube-proxy][iptables]") {
  ServicePortInfo sp = MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.1", "10.244.1.2"}, 80);
  sp.affinity_timeout_seconds = 10800;
  auto nat = TableLines(Generate({sp}), "nat");
  const std::string sep1 = Sep(sp, "10.244.1.1", 80);
  CHECK(Has(nat, "-A " + Svc(sp) + " -m comment --comment \"ns/web -> 10.244.1.1:80\" -m recent --name " +
                     sep1 + " --mask 255.255.255.255 --rsource --rcheck --seconds 10800 --reap -j " + sep1));
  CHECK(Has(nat, "-A " + sep1 + " -m comment --comment \"ns/web\" -p tcp -m recent --set --name " + sep1 +
                     " --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.1:80"));
  // The affinity checks come before the random choice.
  auto first_recent = std::find_if(nat.begin(), nat.end(), [](const std::string& l) {
    return l.find("--rcheck") != std::string::npos;
  });
  auto first_statistic = std::find_if(nat.begin(), nat.end(), [](const std::string& l) {
    return l.find("statistic") != std::string::npos;
  });
  CHECK(first_recent < first_statistic);
}

TEST_CASE("iptables: externalTrafficPolicy Local keeps the source and uses only local endpoints",
          "[kube-proxy][iptables]") {
  ServicePortInfo sp = MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.1", "10.244.2.1"}, 80);
  sp.endpoints[0].is_local = true;
  sp.node_port = 30090;
  sp.external_policy_local = true;
  auto nat = TableLines(Generate({sp}, {.cluster_cidr = "10.244.0.0/16"}), "nat");
  const std::string ext = Ext(sp);
  const std::string svl =
      "KUBE-SVL-" + proxier::ChainHash(sp.ServicePortName() + proxier::ProtocolName(sp.protocol));
  CHECK(CountContaining(nat, "masquerade traffic for ns/web external") == 0);
  CHECK(Has(nat, "-A " + ext + " -m comment --comment \"pod traffic for ns/web external destinations\" "
                 "-s 10.244.0.0/16 -j " + Svc(sp)));
  CHECK(Has(nat, "-A " + ext + " -j " + svl));
  CHECK(Has(nat, "-A " + svl + " -m comment --comment \"ns/web -> 10.244.1.1:80\" -j " +
                     Sep(sp, "10.244.1.1", 80)));
  CHECK(CountContaining(nat, "-A " + svl + " ") == 1);  // not the remote endpoint

  // No local endpoint: external traffic to the node port is dropped.
  sp.endpoints[0].is_local = false;
  RestoreBatch none = Generate({sp});
  CHECK(CountContaining(TableLines(none, "nat"), svl) == 0);
  CHECK(Has(TableLines(none, "filter"),
            "-A KUBE-EXTERNAL-SERVICES -m comment --comment \"ns/web has no local endpoints\" -m "
            "addrtype --dst-type LOCAL -p tcp -m tcp --dport 30090 -j DROP"));
}

TEST_CASE("iptables: chains of removed services and endpoints are deleted in the same batch",
          "[kube-proxy][iptables]") {
  ServicePortInfo kept = MakePort("ns", "web", "", "10.96.0.10", 80, {"10.244.1.1"}, 80);
  ServicePortInfo gone = MakePort("ns", "old", "", "10.96.0.11", 80, {"10.244.1.2"}, 80);
  std::map<std::string, TableState> existing;
  existing["nat"].chains = {"PREROUTING", "KUBE-SERVICES", Svc(kept), Sep(kept, "10.244.1.1", 80),
                            Svc(gone), Sep(gone, "10.244.1.2", 80), Sep(kept, "10.244.9.9", 80),
                            "KUBE-KUBELET-CANARY"};
  auto nat = TableLines(Generate({kept}, {}, existing), "nat");
  for (const std::string& stale : {Svc(gone), Sep(gone, "10.244.1.2", 80), Sep(kept, "10.244.9.9", 80)}) {
    CHECK(Has(nat, ":" + stale + " - [0:0]"));
    CHECK(Has(nat, "-X " + stale));
  }
  CHECK(!Has(nat, "-X " + Svc(kept)));
  CHECK(!Has(nat, "-X KUBE-KUBELET-CANARY"));  // not ours
  CHECK(!Has(nat, "-X KUBE-SERVICES"));
  // Deletions come after every rule of the table, before COMMIT.
  auto x = std::find(nat.begin(), nat.end(), "-X " + Svc(gone));
  CHECK(std::none_of(x, nat.end(), [](const std::string& l) { return l.rfind("-A ", 0) == 0; }));
  CHECK(nat.back() == "COMMIT");
}

TEST_CASE("iptables: jumps from built-in chains are inserted only when missing",
          "[kube-proxy][iptables]") {
  RestoreBatch fresh = Generate({});
  CHECK(Has(TableLines(fresh, "nat"),
            "-I PREROUTING 1 -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"));
  CHECK(CountContaining(Lines(fresh.text), "-I ") == static_cast<int>(JumpRules().size()));

  std::map<std::string, TableState> existing;
  for (const JumpRule& jump : JumpRules()) existing[jump.table].rules.insert(jump.SaveLine());
  RestoreBatch again = Generate({}, {}, existing);
  CHECK(CountContaining(Lines(again.text), "-I ") == 0);
}

TEST_CASE("iptables: cleanup removes our jumps and chains only", "[kube-proxy][iptables]") {
  std::map<std::string, TableState> existing = ParseIptablesSave(
      "*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n:KUBE-SVC-AAAA - [0:0]\n"
      ":DOCKER - [0:0]\n-A PREROUTING -m comment --comment \"kubernetes service portals\" -j "
      "KUBE-SERVICES\n-A PREROUTING -j DOCKER\nCOMMIT\n*filter\n:KUBE-FORWARD - [0:0]\nCOMMIT\n");
  RestoreBatch cleanup = GenerateCleanup(existing);
  auto lines = Lines(cleanup.text);
  CHECK(Has(lines, "-D PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"));
  CHECK(Has(lines, "-X KUBE-SERVICES"));
  CHECK(Has(lines, "-X KUBE-SVC-AAAA"));
  CHECK(Has(lines, "-X KUBE-FORWARD"));
  CHECK(!Has(lines, "-X DOCKER"));
  CHECK(CountContaining(lines, "DOCKER") == 0);
}

}  // namespace kube::proxy::iptables

namespace kube::proxy::iptables {

TEST_CASE("iptables: a partial sync rewrites only the chains of changed services",
          "[kube-proxy][iptables]") {
  ServicePortInfo same = testing::MakePort("ns", "same", "", "10.96.0.10", 80, {"10.244.1.1"}, 80);
  ServicePortInfo changed = testing::MakePort("ns", "changed", "", "10.96.0.11", 80, {"10.244.1.2"}, 80);
  Snapshot before{{changed, same}};
  Snapshot after = before;
  after.ports[0].endpoints[0].ip = "10.244.1.3";
  const std::string same_svc = Svc(same), same_sep = Sep(same, "10.244.1.1", 80);
  std::map<std::string, TableState> existing;
  existing["nat"].chains = {same_svc, same_sep, Svc(changed), Sep(changed, "10.244.1.2", 80)};

  auto nat = TableLines(GenerateRestore(after, {}, existing, &before), "nat");
  CHECK(!Has(nat, ":" + same_svc + " - [0:0]"));  // left as it is in the kernel
  CHECK(CountContaining(nat, "-A " + same_svc) == 0);
  CHECK(!Has(nat, "-X " + same_svc));
  CHECK(!Has(nat, "-X " + same_sep));
  CHECK(Has(nat, "-A KUBE-SERVICES -m comment --comment \"ns/same cluster IP\" -d 10.96.0.10/32 -p tcp "
                 "-m tcp --dport 80 -j " + same_svc));  // the shared chain is rewritten whole
  CHECK(Has(nat, ":" + Svc(changed) + " - [0:0]"));
  CHECK(Has(nat, ":" + Sep(changed, "10.244.1.3", 80) + " - [0:0]"));
  CHECK(Has(nat, "-X " + Sep(changed, "10.244.1.2", 80)));

  // A chain someone deleted is written again even though the service is unchanged.
  existing["nat"].chains.erase(same_sep);
  auto repaired = TableLines(GenerateRestore(after, {}, existing, &before), "nat");
  CHECK(Has(repaired, ":" + same_svc + " - [0:0]"));
  CHECK(Has(repaired, ":" + same_sep + " - [0:0]"));
  // Without a previous snapshot everything is written.
  auto full = TableLines(GenerateRestore(after, {}, existing, nullptr), "nat");
  CHECK(Has(full, ":" + same_svc + " - [0:0]"));
}

}  // namespace kube::proxy::iptables

#include "kube-proxy/nftables/nft_rules.h"

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/util/strings.h"
#include "kube-proxy/proxier/chain_names.h"

namespace kube::proxy::nftables {
namespace {

using proxier::Endpoint;
using proxier::ProtocolName;
using proxier::ServicePortInfo;
using proxier::Snapshot;

constexpr char kMark[] = "0x00004000";

// Base chains: (name, definition). Filter chains run at priority -110, before
// nat's DNAT (-100) on output, so they see the service address; no-endpoint
// services are never DNAT-ed, so input/forward see it too.
struct BaseChain {
  const char* name;
  const char* spec;
};
constexpr BaseChain kBaseChains[] = {
    {"nat-prerouting", "type nat hook prerouting priority -100; policy accept;"},
    {"nat-output", "type nat hook output priority -100; policy accept;"},
    {"nat-postrouting", "type nat hook postrouting priority 100; policy accept;"},
    {"filter-input", "type filter hook input priority -110; policy accept;"},
    {"filter-forward", "type filter hook forward priority -110; policy accept;"},
    {"filter-output", "type filter hook output priority -110; policy accept;"},
};
constexpr const char* kRegularChains[] = {"services",      "nodeports",       "masquerading",
                                          "mark-for-masquerade", "endpoints-check",
                                          "no-local-endpoints", "forward"};

bool IsServiceChain(const std::string& name) {
  for (const char* fixed : kRegularChains) {
    if (name == fixed) return false;
  }
  for (const char* prefix : {"service-", "external-", "local-", "endpoint-"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

struct Writer {
  std::string chains;  // add + flush
  std::string rules;
  std::string sets;
  std::string deletions;
  int rule_count = 0;

  void Chain(const std::string& name) {
    StrAppend(&chains, "add chain ip ", kTable, " ", name, "\nflush chain ip ", kTable, " ", name, "\n");
  }
  template <typename... Parts>
  void Rule(const std::string& chain, const Parts&... parts) {
    StrAppend(&rules, "add rule ip ", kTable, " ", chain, " ", parts..., "\n");
    ++rule_count;
  }
};

std::string Key(const ServicePortInfo& sp) { return StrCat(sp.ServicePortName(), ProtocolName(sp.protocol)); }
std::string EndpointChain(const ServicePortInfo& sp, const Endpoint& e) {
  return StrCat("endpoint-", proxier::ChainHash(StrCat(Key(sp), e.ip, ":", e.port)));
}
std::string AffinitySet(const ServicePortInfo& sp, const Endpoint& e) {
  return StrCat("affinity-", proxier::ChainHash(StrCat(Key(sp), e.ip, ":", e.port)));
}
std::string Comment(const std::string& text) { return StrCat(" comment \"", text, "\""); }
std::string Dport(const ServicePortInfo& sp, int port) {
  return StrCat(ProtocolName(sp.protocol), " dport ", port);
}

// numgen picks uniformly among `endpoints`; with affinity a recent client goes
// back to its endpoint first.
void WriteChoice(Writer& w, const std::string& chain, const ServicePortInfo& sp,
                 const std::vector<const Endpoint*>& endpoints) {
  if (sp.affinity_timeout_seconds > 0) {
    for (const Endpoint* e : endpoints) {
      w.Rule(chain, "ip saddr @", AffinitySet(sp, *e), " goto ", EndpointChain(sp, *e));
    }
  }
  if (endpoints.size() == 1) {
    w.Rule(chain, "goto ", EndpointChain(sp, *endpoints[0]));
    return;
  }
  std::string map;
  for (size_t i = 0; i < endpoints.size(); ++i) {
    StrAppend(&map, i == 0 ? "" : ", ", i, " : goto ", EndpointChain(sp, *endpoints[i]));
  }
  w.Rule(chain, "numgen random mod ", endpoints.size(), " vmap { ", map, " }");
}

void WriteServicePort(const ServicePortInfo& sp, const NftConfig& config, Writer& w,
                      std::set<std::string>& chains, std::set<std::string>& sets) {
  const std::string name = sp.ServicePortName();
  const std::string hash = proxier::ChainHash(Key(sp));
  const std::string svc = "service-" + hash, ext = "external-" + hash, local = "local-" + hash;
  if (sp.endpoints.empty()) {
    const std::string comment = Comment(StrCat(name, " has no endpoints"));
    w.Rule("endpoints-check", "ip daddr ", sp.cluster_ip, " ", Dport(sp, sp.port), " reject", comment);
    for (const auto* ips : {&sp.external_ips, &sp.load_balancer_ips}) {
      for (const std::string& ip : *ips) {
        w.Rule("endpoints-check", "ip daddr ", ip, " ", Dport(sp, sp.port), " reject", comment);
      }
    }
    if (sp.node_port != 0) {
      w.Rule("endpoints-check", "fib daddr type local ", Dport(sp, sp.node_port), " reject", comment);
    }
    return;
  }
  chains.insert(svc);
  w.Chain(svc);
  w.Rule("services", "ip daddr ", sp.cluster_ip, " ", Dport(sp, sp.port), " goto ", svc,
         Comment(StrCat(name, " cluster IP")));
  if (config.masquerade_all) {
    w.Rule(svc, "jump mark-for-masquerade");
  } else if (!config.cluster_cidr.empty()) {
    w.Rule(svc, "ip saddr != ", config.cluster_cidr, " jump mark-for-masquerade");
  }
  std::vector<const Endpoint*> all, local_endpoints;
  for (const Endpoint& e : sp.endpoints) {
    all.push_back(&e);
    if (e.is_local) local_endpoints.push_back(&e);
  }
  WriteChoice(w, svc, sp, all);
  for (const Endpoint& e : sp.endpoints) {
    const std::string chain = EndpointChain(sp, e);
    chains.insert(chain);
    w.Chain(chain);
    w.Rule(chain, "ip saddr ", e.ip, " jump mark-for-masquerade");
    if (sp.affinity_timeout_seconds > 0) {
      const std::string set = AffinitySet(sp, e);
      sets.insert(set);
      // Not flushed on resync: clients keep their endpoint.
      StrAppend(&w.sets, "add set ip ", kTable, " ", set,
                " { type ipv4_addr; flags dynamic,timeout; timeout ", sp.affinity_timeout_seconds,
                "s; }\n");
      w.Rule(chain, "update @", set, " { ip saddr }");
    }
    w.Rule(chain, "meta l4proto ", ProtocolName(sp.protocol), " dnat to ", e.ip, ":", e.port,
           Comment(name));
  }
  if (!sp.HasExternal()) return;
  chains.insert(ext);
  w.Chain(ext);
  for (const auto* ips : {&sp.external_ips, &sp.load_balancer_ips}) {
    for (const std::string& ip : *ips) {
      w.Rule("services", "ip daddr ", ip, " ", Dport(sp, sp.port), " goto ", ext,
             Comment(StrCat(name, " external")));
    }
  }
  if (sp.node_port != 0) {
    w.Rule("nodeports", Dport(sp, sp.node_port), " goto ", ext, Comment(name));
  }
  if (!sp.external_policy_local) {
    w.Rule(ext, "jump mark-for-masquerade");
    w.Rule(ext, "goto ", svc);
    return;
  }
  if (!config.cluster_cidr.empty()) w.Rule(ext, "ip saddr ", config.cluster_cidr, " goto ", svc);
  w.Rule(ext, "fib saddr type local jump mark-for-masquerade");
  w.Rule(ext, "fib saddr type local goto ", svc);
  if (local_endpoints.empty()) {
    const std::string comment = Comment(StrCat(name, " has no local endpoints"));
    for (const auto* ips : {&sp.external_ips, &sp.load_balancer_ips}) {
      for (const std::string& ip : *ips) {
        w.Rule("no-local-endpoints", "ip daddr ", ip, " ", Dport(sp, sp.port), " drop", comment);
      }
    }
    if (sp.node_port != 0) {
      w.Rule("no-local-endpoints", "fib daddr type local ", Dport(sp, sp.node_port), " drop", comment);
    }
    return;
  }
  chains.insert(local);
  w.Chain(local);
  w.Rule(ext, "goto ", local);
  WriteChoice(w, local, sp, local_endpoints);
}

}  // namespace

NftState ParseNftList(std::string_view text) {
  NftState state;
  bool in_table = false;
  for (absl::string_view raw : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    absl::string_view line = absl::StripAsciiWhitespace(raw);
    if (absl::ConsumePrefix(&line, "table ")) {
      in_table = line == StrCat("ip ", kTable, " {");
      if (in_table) state.table_exists = true;
      continue;
    }
    if (!in_table) continue;
    for (const char* kind : {"chain ", "set "}) {
      absl::string_view rest = line;
      if (!absl::ConsumePrefix(&rest, kind) || !absl::ConsumeSuffix(&rest, " {")) continue;
      (kind[0] == 'c' ? state.chains : state.sets).insert(std::string(rest));
    }
  }
  return state;
}

NftBatch GenerateNft(const Snapshot& snapshot, const NftConfig& config, const NftState& existing) {
  Writer w;
  std::string head = StrCat("add table ip ", kTable, "\n");
  for (const BaseChain& chain : kBaseChains) {
    StrAppend(&head, "add chain ip ", kTable, " ", chain.name, " { ", chain.spec, " }\nflush chain ip ",
              kTable, " ", chain.name, "\n");
  }
  for (const char* chain : kRegularChains) w.Chain(chain);

  w.Rule("nat-prerouting", "jump services");
  w.Rule("nat-output", "jump services");
  w.Rule("nat-postrouting", "jump masquerading");
  w.Rule("masquerading", "meta mark & ", kMark, " == 0 return");
  w.Rule("masquerading", "meta mark set meta mark ^ ", kMark);
  w.Rule("masquerading", "masquerade fully-random");
  w.Rule("mark-for-masquerade", "meta mark set meta mark | ", kMark);
  w.Rule("filter-input", "ct state new jump endpoints-check");
  w.Rule("filter-input", "ct state new jump no-local-endpoints");
  w.Rule("filter-forward", "jump forward");
  w.Rule("filter-forward", "ct state new jump endpoints-check");
  w.Rule("filter-forward", "ct state new jump no-local-endpoints");
  w.Rule("filter-output", "ct state new jump endpoints-check");
  w.Rule("forward", "ct state invalid drop");
  w.Rule("forward", "meta mark & ", kMark, " == ", kMark, " accept");
  w.Rule("forward", "ct state related,established accept");

  std::set<std::string> chains, sets;
  for (const ServicePortInfo& sp : snapshot.ports) WriteServicePort(sp, config, w, chains, sets);
  // Node ports on any local address; last, so service IPs match first.
  w.Rule("services", "fib daddr type local jump nodeports");

  for (const std::string& chain : existing.chains) {
    if (IsServiceChain(chain) && chains.count(chain) == 0) {
      // Flushed first so that nothing it refers to blocks deleting other chains.
      StrAppend(&w.chains, "flush chain ip ", kTable, " ", chain, "\n");
      StrAppend(&w.deletions, "delete chain ip ", kTable, " ", chain, "\n");
    }
  }
  for (const std::string& set : existing.sets) {
    if (set.rfind("affinity-", 0) == 0 && sets.count(set) == 0) {
      StrAppend(&w.deletions, "delete set ip ", kTable, " ", set, "\n");
    }
  }
  NftBatch batch;
  batch.text = head + w.sets + w.chains + w.rules + w.deletions;
  batch.rule_count = w.rule_count;
  return batch;
}

}  // namespace kube::proxy::nftables

#include "kube-proxy/iptables/rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_format.h"
#include "common/util/strings.h"
#include "kube-proxy/proxier/chain_names.h"

namespace kube::proxy::iptables {
namespace {

using proxier::Endpoint;
using proxier::ProtocolName;
using proxier::ServicePortInfo;
using proxier::Snapshot;

constexpr char kServices[] = "KUBE-SERVICES";
constexpr char kExternalServices[] = "KUBE-EXTERNAL-SERVICES";
constexpr char kNodePorts[] = "KUBE-NODEPORTS";
constexpr char kPostrouting[] = "KUBE-POSTROUTING";
constexpr char kMarkMasq[] = "KUBE-MARK-MASQ";
constexpr char kForward[] = "KUBE-FORWARD";

// One table's part of the batch: chain declarations first (which flush the
// chains), then rules, then deletions, as iptables-restore wants them.
struct TableWriter {
  std::vector<std::string> declared;
  std::string rules;
  std::string deletions;
  int rule_count = 0;

  void Chain(const std::string& name) { declared.push_back(name); }
  template <typename... Parts>
  void Rule(const std::string& chain, const Parts&... parts) {
    StrAppend(&rules, "-A ", chain, " ", parts..., "\n");
    ++rule_count;
  }
  void Render(const std::string& table, std::string& out) const {
    StrAppend(&out, "*", table, "\n");
    for (const std::string& chain : declared) StrAppend(&out, ":", chain, " - [0:0]\n");
    out += rules;
    out += deletions;
    out += "COMMIT\n";
  }
};

std::string Comment(const std::string& text) { return StrCat("-m comment --comment \"", text, "\""); }

std::string PortMatch(const ServicePortInfo& sp, int port) {
  const char* proto = ProtocolName(sp.protocol);
  return StrCat("-p ", proto, " -m ", proto, " --dport ", port);
}

std::string DestMatch(const ServicePortInfo& sp, const std::string& ip, int port) {
  return StrCat("-d ", ip, "/32 ", PortMatch(sp, port));
}

std::string Hashed(const char* prefix, const std::string& input) {
  return StrCat(prefix, proxier::ChainHash(input));
}

std::string ServiceKey(const ServicePortInfo& sp) {
  return StrCat(sp.ServicePortName(), ProtocolName(sp.protocol));
}

std::string EndpointChain(const ServicePortInfo& sp, const Endpoint& e) {
  return Hashed("KUBE-SEP-", StrCat(ServiceKey(sp), e.ip, ":", e.port));
}

// Jumps to `endpoints` with upstream's weighted random choice: the i-th of n rules
// matches with probability 1/(n-i), so each endpoint gets 1/n overall. With
// ClientIP affinity, a client seen recently goes back to its endpoint first.
void WriteEndpointChoice(TableWriter& nat, const std::string& chain, const ServicePortInfo& sp,
                         const std::vector<const Endpoint*>& endpoints) {
  const std::string name = sp.ServicePortName();
  if (sp.affinity_timeout_seconds > 0) {
    for (const Endpoint* e : endpoints) {
      const std::string sep = EndpointChain(sp, *e);
      nat.Rule(chain, Comment(StrCat(name, " -> ", e->ip, ":", e->port)), " -m recent --name ", sep,
               " --mask 255.255.255.255 --rsource --rcheck --seconds ", sp.affinity_timeout_seconds,
               " --reap -j ", sep);
    }
  }
  const size_t n = endpoints.size();
  for (size_t i = 0; i < n; ++i) {
    const Endpoint& e = *endpoints[i];
    const std::string comment = Comment(StrCat(name, " -> ", e.ip, ":", e.port));
    if (i + 1 < n) {
      nat.Rule(chain, comment, " -m statistic --mode random --probability ",
               absl::StrFormat("%0.10f", 1.0 / static_cast<double>(n - i)), " -j ",
               EndpointChain(sp, e));
    } else {
      nat.Rule(chain, comment, " -j ", EndpointChain(sp, e));
    }
  }
}

// `chains` receives the rules of this service's own chains (KUBE-SVC/SEP/EXT/SVL),
// `nat` those of the shared chains; on a partial sync `chains` is a scratch writer
// whose output is dropped, leaving the unchanged chains as they are in the kernel.
void WriteServicePort(const ServicePortInfo& sp, const IptablesConfig& config, TableWriter& nat,
                      TableWriter& chains, TableWriter& filter, std::set<std::string>& active) {
  const std::string name = sp.ServicePortName();
  const std::string key = ServiceKey(sp);
  const std::string svc = Hashed("KUBE-SVC-", key);
  const std::string ext = Hashed("KUBE-EXT-", key);
  const std::string svl = Hashed("KUBE-SVL-", key);
  const bool has_endpoints = !sp.endpoints.empty();

  if (!has_endpoints) {
    // Nothing to DNAT to: refuse at once (filter table), so clients fail fast
    // instead of timing out.
    const std::string comment = Comment(StrCat(name, " has no endpoints"));
    filter.Rule(kServices, comment, " ", DestMatch(sp, sp.cluster_ip, sp.port), " -j REJECT");
    for (const std::string& ip : sp.external_ips) {
      filter.Rule(kExternalServices, comment, " ", DestMatch(sp, ip, sp.port), " -j REJECT");
    }
    for (const std::string& ip : sp.load_balancer_ips) {
      filter.Rule(kExternalServices, comment, " ", DestMatch(sp, ip, sp.port), " -j REJECT");
    }
    if (sp.node_port != 0) {
      filter.Rule(kExternalServices, comment, " -m addrtype --dst-type LOCAL ",
                  PortMatch(sp, sp.node_port), " -j REJECT");
    }
    return;
  }

  // Cluster IP.
  active.insert(svc);
  chains.Chain(svc);
  nat.Rule(kServices, Comment(StrCat(name, " cluster IP")), " ",
           DestMatch(sp, sp.cluster_ip, sp.port), " -j ", svc);
  if (config.masquerade_all) {
    chains.Rule(svc, Comment(StrCat(name, " cluster IP")), " ", DestMatch(sp, sp.cluster_ip, sp.port),
             " -j ", kMarkMasq);
  } else if (!config.cluster_cidr.empty()) {
    chains.Rule(svc, Comment(StrCat(name, " cluster IP")), " ! -s ", config.cluster_cidr, " ",
             DestMatch(sp, sp.cluster_ip, sp.port), " -j ", kMarkMasq);
  }
  std::vector<const Endpoint*> all, local;
  for (const Endpoint& e : sp.endpoints) {
    all.push_back(&e);
    if (e.is_local) local.push_back(&e);
  }
  WriteEndpointChoice(chains, svc, sp, all);

  // One chain per endpoint: hairpin masquerade, then DNAT.
  for (const Endpoint& e : sp.endpoints) {
    const std::string sep = EndpointChain(sp, e);
    active.insert(sep);
    chains.Chain(sep);
    chains.Rule(sep, Comment(name), " -s ", e.ip, "/32 -j ", kMarkMasq);
    const std::string affinity =
        sp.affinity_timeout_seconds > 0
            ? StrCat(" -m recent --set --name ", sep, " --mask 255.255.255.255 --rsource")
            : std::string();
    chains.Rule(sep, Comment(name), " -p ", ProtocolName(sp.protocol), affinity, " -m ",
             ProtocolName(sp.protocol), " -j DNAT --to-destination ", e.ip, ":", e.port);
  }

  if (!sp.HasExternal()) return;
  // External entry points (node port, load-balancer and external IPs) share one
  // chain that applies externalTrafficPolicy.
  active.insert(ext);
  chains.Chain(ext);
  for (const std::string& ip : sp.external_ips) {
    nat.Rule(kServices, Comment(StrCat(name, " external IP")), " ", DestMatch(sp, ip, sp.port),
             " -j ", ext);
  }
  for (const std::string& ip : sp.load_balancer_ips) {
    nat.Rule(kServices, Comment(StrCat(name, " loadbalancer IP")), " ", DestMatch(sp, ip, sp.port),
             " -j ", ext);
  }
  if (sp.node_port != 0) {
    nat.Rule(kNodePorts, Comment(name), " ", PortMatch(sp, sp.node_port), " -j ", ext);
  }
  if (!sp.external_policy_local) {
    // Cluster policy: the endpoint may be on another node, so the reply must come
    // back through this one: masquerade.
    chains.Rule(ext, Comment(StrCat("masquerade traffic for ", name, " external destinations")),
             " -j ", kMarkMasq);
    chains.Rule(ext, "-j ", svc);
    return;
  }
  // Local policy: keep the client's source address, so only local endpoints
  // qualify. Pods and the node itself still reach every endpoint, as upstream.
  if (!config.cluster_cidr.empty()) {
    chains.Rule(ext, Comment(StrCat("pod traffic for ", name, " external destinations")), " -s ",
             config.cluster_cidr, " -j ", svc);
  }
  chains.Rule(ext, Comment(StrCat("masquerade LOCAL traffic for ", name, " external destinations")),
           " -m addrtype --src-type LOCAL -j ", kMarkMasq);
  chains.Rule(ext, Comment(StrCat("route LOCAL traffic for ", name, " external destinations")),
           " -m addrtype --src-type LOCAL -j ", svc);
  if (local.empty()) {
    // Nothing to send it to on this node: drop (filter), as upstream does, rather
    // than reject, so an external load balancer's health check sees a dead node.
    const std::string comment = Comment(StrCat(name, " has no local endpoints"));
    for (const std::string& ip : sp.external_ips) {
      filter.Rule(kExternalServices, comment, " ", DestMatch(sp, ip, sp.port), " -j DROP");
    }
    for (const std::string& ip : sp.load_balancer_ips) {
      filter.Rule(kExternalServices, comment, " ", DestMatch(sp, ip, sp.port), " -j DROP");
    }
    if (sp.node_port != 0) {
      filter.Rule(kExternalServices, comment, " -m addrtype --dst-type LOCAL ",
                  PortMatch(sp, sp.node_port), " -j DROP");
    }
    return;
  }
  active.insert(svl);
  chains.Chain(svl);
  chains.Rule(ext, "-j ", svl);
  WriteEndpointChoice(chains, svl, sp, local);
}

}  // namespace

const std::vector<JumpRule>& JumpRules() {
  static const std::vector<JumpRule> kRules = {
      {"nat", "PREROUTING", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
      {"nat", "OUTPUT", "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"},
      {"nat", "POSTROUTING",
       "-m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING"},
      {"filter", "INPUT",
       "-m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service "
       "portals\" -j KUBE-EXTERNAL-SERVICES"},
      {"filter", "FORWARD", "-m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD"},
      {"filter", "FORWARD",
       "-m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j "
       "KUBE-SERVICES"},
      {"filter", "FORWARD",
       "-m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service "
       "portals\" -j KUBE-EXTERNAL-SERVICES"},
      {"filter", "OUTPUT",
       "-m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j "
       "KUBE-SERVICES"},
  };
  return kRules;
}

bool IsServiceChain(const std::string& chain) {
  for (const char* prefix : {"KUBE-SVC-", "KUBE-SEP-", "KUBE-EXT-", "KUBE-SVL-", "KUBE-FW-"}) {
    if (chain.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

const std::map<std::string, std::vector<std::string>>& FixedChains() {
  static const std::map<std::string, std::vector<std::string>> kChains = {
      {"nat", {kServices, kNodePorts, kPostrouting, kMarkMasq}},
      {"filter", {kServices, kExternalServices, kForward}},
  };
  return kChains;
}

RestoreBatch GenerateRestore(const Snapshot& snapshot, const IptablesConfig& config,
                             const std::map<std::string, TableState>& existing,
                             const Snapshot* unchanged_since) {
  TableWriter nat, filter;
  for (const std::string& chain : FixedChains().at("nat")) nat.Chain(chain);
  for (const std::string& chain : FixedChains().at("filter")) filter.Chain(chain);

  // Jumps into our chains, only where missing, inserted at the top as upstream.
  // Reverse order with "-I 1" leaves them in JumpRules() order.
  const auto& jumps = JumpRules();
  for (auto it = jumps.rbegin(); it != jumps.rend(); ++it) {
    auto table = existing.find(it->table);
    if (table != existing.end() && table->second.rules.count(it->SaveLine()) > 0) continue;
    TableWriter& writer = it->table == "nat" ? nat : filter;
    StrAppend(&writer.rules, "-I ", it->chain, " 1 ", it->spec, "\n");
    ++writer.rule_count;
  }

  // Masquerading: KUBE-MARK-MASQ marks, KUBE-POSTROUTING SNATs marked packets
  // (clearing the mark first, in case the packet is re-evaluated).
  nat.Rule(kPostrouting, "-m mark ! --mark ", kMasqMark, "/", kMasqMark, " -j RETURN");
  nat.Rule(kPostrouting, "-j MARK --xor-mark ", kMasqMark);
  nat.Rule(kPostrouting, Comment("kubernetes service traffic requiring SNAT"),
           " -j MASQUERADE --random-fully");
  nat.Rule(kMarkMasq, "-j MARK --or-mark ", kMasqMark);
  filter.Rule(kForward, "-m conntrack --ctstate INVALID -j DROP");
  filter.Rule(kForward, Comment("kubernetes forwarding rules"), " -m mark --mark ", kMasqMark, "/",
              kMasqMark, " -j ACCEPT");
  filter.Rule(kForward, Comment("kubernetes forwarding conntrack rule"),
              " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");

  std::map<std::string, const ServicePortInfo*> previous;
  if (unchanged_since != nullptr) {
    for (const ServicePortInfo& sp : unchanged_since->ports) previous[ServiceKey(sp)] = &sp;
  }
  const TableState empty;
  auto nat_state = existing.find("nat");
  const TableState& nat_now = nat_state == existing.end() ? empty : nat_state->second;
  std::set<std::string> active;
  TableWriter scratch;
  for (const ServicePortInfo& sp : snapshot.ports) {
    auto before = previous.find(ServiceKey(sp));
    const bool unchanged = before != previous.end() && *before->second == sp;
    if (!unchanged) {
      WriteServicePort(sp, config, nat, nat, filter, active);
      continue;
    }
    // Unchanged since the last sync: its own chains are left alone, provided
    // they are all still there.
    std::set<std::string> own;
    scratch = TableWriter();
    WriteServicePort(sp, config, nat, scratch, filter, own);
    const bool all_present = std::all_of(own.begin(), own.end(), [&](const std::string& chain) {
      return nat_now.chains.count(chain) > 0;
    });
    if (all_present) {
      active.insert(own.begin(), own.end());
      nat.rule_count += scratch.rule_count;
    } else {
      nat.declared.insert(nat.declared.end(), scratch.declared.begin(), scratch.declared.end());
      nat.rules += scratch.rules;
      nat.rule_count += scratch.rule_count;
      active.insert(own.begin(), own.end());
    }
  }
  nat.Rule(kServices,
           Comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"),
           " -m addrtype --dst-type LOCAL -j ", kNodePorts);

  // Chains of services and endpoints that are gone: flushed (declared) and
  // deleted in this same transaction, after the rules that jumped to them were
  // rewritten without those jumps.
  if (auto table = existing.find("nat"); table != existing.end()) {
    for (const std::string& chain : table->second.chains) {
      if (IsServiceChain(chain) && active.count(chain) == 0) {
        nat.Chain(chain);
        StrAppend(&nat.deletions, "-X ", chain, "\n");
      }
    }
  }
  RestoreBatch batch;
  filter.Render("filter", batch.text);
  nat.Render("nat", batch.text);
  batch.rule_count = nat.rule_count + filter.rule_count;
  return batch;
}

RestoreBatch GenerateCleanup(const std::map<std::string, TableState>& existing) {
  RestoreBatch batch;
  for (const auto& [table, state] : existing) {
    auto fixed = FixedChains().find(table);
    if (fixed == FixedChains().end()) continue;
    TableWriter writer;
    for (const JumpRule& jump : JumpRules()) {
      if (jump.table == table && state.rules.count(jump.SaveLine()) > 0) {
        StrAppend(&writer.rules, "-D ", jump.chain, " ", jump.spec, "\n");
      }
    }
    for (const std::string& chain : state.chains) {
      const bool ours = (table == "nat" && IsServiceChain(chain)) ||
                        std::find(fixed->second.begin(), fixed->second.end(), chain) !=
                            fixed->second.end();
      if (!ours) continue;
      writer.Chain(chain);
      StrAppend(&writer.deletions, "-X ", chain, "\n");
    }
    if (writer.declared.empty() && writer.rules.empty()) continue;
    writer.Render(table, batch.text);
  }
  return batch;
}

}  // namespace kube::proxy::iptables

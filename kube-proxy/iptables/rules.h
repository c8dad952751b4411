#pragma once

#include <map>
#include <string>
#include <vector>

#include "kube-proxy/iptables/save_parser.h"
#include "kube-proxy/proxier/snapshot.h"

namespace kube::proxy::iptables {

// How traffic is masqueraded, from the flags.
struct IptablesConfig {
  std::string cluster_cidr;    // --cluster-cidr: traffic from outside it to a cluster IP is SNAT-ed
  bool masquerade_all = false;  // --masquerade-all: all traffic to a cluster IP is SNAT-ed
};

// The mark KUBE-MARK-MASQ sets and KUBE-POSTROUTING masquerades on (upstream's
// --iptables-masquerade-bit 14).
inline constexpr char kMasqMark[] = "0x4000";

// A jump from a built-in chain into ours. `spec` is written exactly as
// iptables-save prints it back, so that presence is a string comparison.
struct JumpRule {
  std::string table;
  std::string chain;     // built-in: PREROUTING, OUTPUT, ...
  std::string spec;      // "-m comment --comment \"...\" -j KUBE-SERVICES"
  std::string SaveLine() const { return "-A " + chain + " " + spec; }
};
const std::vector<JumpRule>& JumpRules();

// Chains with these prefixes (nat) are per service or per endpoint: ours to
// delete once no service needs them.
bool IsServiceChain(const std::string& chain);
// Every fixed chain kube-proxy owns, by table.
const std::map<std::string, std::vector<std::string>>& FixedChains();

// One iptables-restore --noflush input covering both tables.
struct RestoreBatch {
  std::string text;
  int rule_count = 0;  // "-A" and "-I" lines
};

// The whole rule set for `snapshot`: every chain of ours is declared (which
// flushes it inside the transaction) and refilled; per-service chains found in
// `existing` that no longer belong to any service are flushed and deleted (-X) in
// the same batch; jumps from built-in chains are inserted only when `existing`
// lacks them. Pure: the same inputs give the same text.
//
// `unchanged_since`, when given, is the snapshot the kernel's rules were last
// written from: the own chains of service ports equal there (and all present in
// `existing`) are not rewritten, only the shared chains that jump to them. This
// partial sync is what keeps a one-endpoint change cheap at 10,000 services;
// the periodic resync passes null and rewrites everything.
RestoreBatch GenerateRestore(const proxier::Snapshot& snapshot, const IptablesConfig& config,
                             const std::map<std::string, TableState>& existing,
                             const proxier::Snapshot* unchanged_since = nullptr);

// The batch that removes everything GenerateRestore ever wrote that `existing`
// still holds: jump rules, then our chains.
RestoreBatch GenerateCleanup(const std::map<std::string, TableState>& existing);

}  // namespace kube::proxy::iptables

#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace kube::proxy::iptables {

// What one table holds now, as iptables-save prints it.
struct TableState {
  std::set<std::string> chains;  // every chain, built-in or not
  std::set<std::string> rules;   // every "-A CHAIN ..." line, verbatim
};

// Parses iptables-save output ("*nat", ":CHAIN POLICY [p:b]", "-A ...", "COMMIT")
// into its tables by name. Tolerant: unknown lines are ignored.
std::map<std::string, TableState> ParseIptablesSave(std::string_view text);

}  // namespace kube::proxy::iptables

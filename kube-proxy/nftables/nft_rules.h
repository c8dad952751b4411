#pragma once

#include <set>
#include <string>
#include <string_view>

#include "kube-proxy/proxier/snapshot.h"

namespace kube::proxy::nftables {

// Everything kube-proxy programs lives in this one table.
inline constexpr char kTable[] = "kube-proxy";

struct NftConfig {
  std::string cluster_cidr;     // --cluster-cidr
  bool masquerade_all = false;  // --masquerade-all
};

// What our table holds now.
struct NftState {
  bool table_exists = false;
  std::set<std::string> chains;
  std::set<std::string> sets;
};

// Parses `nft list chains ip` + `nft list sets ip` output: the chains and sets of
// `table ip kube-proxy` (other tables are ignored).
NftState ParseNftList(std::string_view text);

struct NftBatch {
  std::string text;  // input for `nft -f -`: one transaction
  int rule_count = 0;
};

// The whole table for `snapshot` as one transaction: the table and every chain
// are added (a no-op when present) and flushed, then refilled; chains and
// affinity sets found in `existing` that no service needs any more are deleted
// after that. The table itself is never deleted, so conntrack state and the
// client-affinity sets of surviving services are kept. Pure.
NftBatch GenerateNft(const proxier::Snapshot& snapshot, const NftConfig& config,
                     const NftState& existing);

}  // namespace kube::proxy::nftables

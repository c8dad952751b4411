#pragma once

#include <optional>

#include "kube-proxy/nftables/nft_rules.h"
#include "kube-proxy/proxier/rule_backend.h"
#include "kube-proxy/runner/runner.h"

namespace kube::proxy::nftables {

// The nftables RuleBackend: reads our table's chains and sets (`nft list chains
// ip`, `nft list sets ip`), writes the whole table in one `nft -f -` transaction.
// Driven from one thread (see RuleBackend).
class NftBackend : public proxier::RuleBackend {
 public:
  // `runner` is borrowed and must outlive the backend.
  NftBackend(NftConfig config, runner::Runner& runner);

  // proxier::RuleBackend:
  absl::Status Sync(const proxier::Snapshot& snapshot, bool force) override;
  absl::Status Cleanup() override;
  int RuleCount() const override { return rule_count_; }

 private:
  absl::StatusOr<NftState> List();

  const NftConfig config_;  // constant after construction
  runner::Runner& runner_;
  std::optional<proxier::Snapshot> last_;  // last snapshot synced successfully
  int rule_count_ = 0;
};

}  // namespace kube::proxy::nftables

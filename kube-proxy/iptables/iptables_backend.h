#pragma once

#include <memory>
#include <optional>

#include "kube-proxy/iptables/rules.h"
#include "kube-proxy/proxier/rule_backend.h"
#include "kube-proxy/runner/runner.h"

namespace kube::proxy::iptables {

// The iptables RuleBackend: reads the current state with one `iptables-save`,
// writes everything with one `iptables-restore -w 5 --noflush` (atomic per table,
// nothing outside our chains is touched, nothing is flushed ahead of the
// transaction, so established connections and other components' rules are
// unaffected). Driven from one thread (see RuleBackend).
class IptablesBackend : public proxier::RuleBackend {
 public:
  // `runner` is borrowed and must outlive the backend.
  IptablesBackend(IptablesConfig config, runner::Runner& runner);

  // proxier::RuleBackend:
  absl::Status Sync(const proxier::Snapshot& snapshot, bool force) override;
  absl::Status Cleanup() override;
  int RuleCount() const override { return rule_count_; }

 private:
  absl::StatusOr<std::map<std::string, TableState>> Save();
  absl::Status Restore(const std::string& text);

  const IptablesConfig config_;  // constant after construction
  runner::Runner& runner_;
  std::optional<proxier::Snapshot> last_;  // last snapshot synced successfully
  int rule_count_ = 0;
};

}  // namespace kube::proxy::iptables

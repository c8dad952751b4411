#include "kube-proxy/iptables/iptables_backend.h"

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::proxy::iptables {

IptablesBackend::IptablesBackend(IptablesConfig config, runner::Runner& runner)
    : config_(std::move(config)), runner_(runner) {}

absl::StatusOr<std::map<std::string, TableState>> IptablesBackend::Save() {
  absl::StatusOr<runner::CommandResult> saved = runner_.Run({"iptables-save"});
  if (!saved.ok()) return saved.status();
  if (saved->exit_code != 0) {
    return absl::InternalError(StrCat("iptables-save exited ", saved->exit_code, ": ", saved->err));
  }
  return ParseIptablesSave(saved->out);
}

absl::Status IptablesBackend::Restore(const std::string& text) {
  absl::StatusOr<runner::CommandResult> restored =
      runner_.Run({"iptables-restore", "-w", "5", "--noflush"}, text);
  if (!restored.ok()) return restored.status();
  if (restored->exit_code != 0) {
    VLOG(4) << "failed iptables-restore input:\n" << text;
    return absl::InternalError(
        StrCat("iptables-restore exited ", restored->exit_code, ": ", restored->err));
  }
  return absl::OkStatus();
}

absl::Status IptablesBackend::Sync(const proxier::Snapshot& snapshot, bool force) {
  if (!force && last_.has_value() && *last_ == snapshot) return absl::OkStatus();
  absl::StatusOr<std::map<std::string, TableState>> existing = Save();
  if (!existing.ok()) return existing.status();
  // A periodic (forced) resync rewrites every chain, repairing anything changed
  // behind our back; otherwise only chains of changed services are rewritten.
  const proxier::Snapshot* since = (!force && last_.has_value()) ? &*last_ : nullptr;
  RestoreBatch batch = GenerateRestore(snapshot, config_, *existing, since);
  if (absl::Status status = Restore(batch.text); !status.ok()) {
    last_.reset();  // unknown state: the next sync must write everything again
    return status;
  }
  last_ = snapshot;
  rule_count_ = batch.rule_count;
  return absl::OkStatus();
}

absl::Status IptablesBackend::Cleanup() {
  absl::StatusOr<std::map<std::string, TableState>> existing = Save();
  if (!existing.ok()) return existing.status();
  RestoreBatch batch = GenerateCleanup(*existing);
  last_.reset();
  if (batch.text.empty()) return absl::OkStatus();
  return Restore(batch.text);
}

}  // namespace kube::proxy::iptables

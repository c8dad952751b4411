#include "kube-proxy/nftables/nft_backend.h"

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::proxy::nftables {

NftBackend::NftBackend(NftConfig config, runner::Runner& runner)
    : config_(std::move(config)), runner_(runner) {}

absl::StatusOr<NftState> NftBackend::List() {
  std::string listing;
  for (const char* what : {"chains", "sets"}) {
    absl::StatusOr<runner::CommandResult> listed = runner_.Run({"nft", "list", what, "ip"});
    if (!listed.ok()) return listed.status();
    if (listed->exit_code != 0) {
      return absl::InternalError(StrCat("nft list ", what, " exited ", listed->exit_code, ": ", listed->err));
    }
    listing += listed->out;
  }
  return ParseNftList(listing);
}

absl::Status NftBackend::Sync(const proxier::Snapshot& snapshot, bool force) {
  if (!force && last_.has_value() && *last_ == snapshot) return absl::OkStatus();
  absl::StatusOr<NftState> existing = List();
  if (!existing.ok()) return existing.status();
  NftBatch batch = GenerateNft(snapshot, config_, *existing);
  absl::StatusOr<runner::CommandResult> applied = runner_.Run({"nft", "-f", "-"}, batch.text);
  if (!applied.ok()) return applied.status();
  if (applied->exit_code != 0) {
    last_.reset();
    VLOG(4) << "failed nft input:\n" << batch.text;
    return absl::InternalError(StrCat("nft -f exited ", applied->exit_code, ": ", applied->err));
  }
  last_ = snapshot;
  rule_count_ = batch.rule_count;
  return absl::OkStatus();
}

absl::Status NftBackend::Cleanup() {
  last_.reset();
  absl::StatusOr<NftState> existing = List();
  if (!existing.ok()) return existing.status();
  if (!existing->table_exists) return absl::OkStatus();
  absl::StatusOr<runner::CommandResult> deleted =
      runner_.Run({"nft", "delete", "table", "ip", kTable});
  if (!deleted.ok()) return deleted.status();
  if (deleted->exit_code != 0) {
    return absl::InternalError(StrCat("nft delete table exited ", deleted->exit_code, ": ", deleted->err));
  }
  return absl::OkStatus();
}

}  // namespace kube::proxy::nftables

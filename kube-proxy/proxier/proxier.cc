#include "kube-proxy/proxier/proxier.h"

#include "common/log/log.h"
#include "kube-proxy/proxier/conntrack_cleaner.h"

namespace kube::proxy::proxier {

Proxier::Proxier(ProxierOptions options, std::unique_ptr<RuleBackend> backend,
                 runner::Runner* conntrack, SyncMetrics& metrics, SnapshotSource source)
    : options_(options),
      backend_(std::move(backend)),
      conntrack_(conntrack),
      metrics_(metrics),
      source_(std::move(source)) {}

Proxier::~Proxier() { Stop(); }

void Proxier::OnChange() {
  metrics_.RecordQueued(absl::Now());
  absl::MutexLock lock(&mu_);
  dirty_ = true;
  wake_.Signal();
}

void Proxier::Start() {
  {
    absl::MutexLock lock(&mu_);
    dirty_ = true;
  }
  thread_ = std::thread([this] { Loop(); });
}

void Proxier::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    wake_.Signal();
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status Proxier::SyncNow(bool force) {
  Snapshot snapshot = source_();
  if (!force && last_applied_.has_value() && *last_applied_ == snapshot) {
    metrics_.RecordSkipped();
    VLOG(4) << "nothing changed; skipping sync";
    return absl::OkStatus();
  }
  const absl::Time start = absl::Now();
  absl::Status status = backend_->Sync(snapshot, force);
  const absl::Time end = absl::Now();
  if (!status.ok()) {
    metrics_.RecordFailure();
    return status;
  }
  metrics_.RecordSync(end - start, end, backend_->RuleCount());
  VLOG(2) << "synced " << snapshot.ports.size() << " service ports in " << (end - start);
  if (conntrack_ != nullptr) {
    DeleteStaleConntrack(*conntrack_, last_applied_.value_or(Snapshot{}), snapshot);
  }
  last_applied_ = std::move(snapshot);
  synced_ = true;
  return absl::OkStatus();
}

void Proxier::Loop() {
  absl::Time last_attempt = absl::InfinitePast();
  absl::Time last_full = absl::Now();
  mu_.Lock();
  while (!stopping_) {
    const absl::Time now = absl::Now();
    const absl::Time periodic_due = last_full + options_.sync_period;
    const absl::Time dirty_due =
        dirty_ ? last_attempt + options_.min_sync_period : absl::InfiniteFuture();
    const absl::Time due = std::min(periodic_due, dirty_due);
    if (now < due) {
      wake_.WaitWithDeadline(&mu_, due);
      continue;
    }
    const bool force = now >= periodic_due;
    dirty_ = false;
    mu_.Unlock();
    absl::Status status = SyncNow(force);
    mu_.Lock();
    last_attempt = absl::Now();
    if (force) last_full = last_attempt;
    if (!status.ok()) {
      KLOG(Error) << "sync failed, retrying in " << options_.min_sync_period << ": " << status;
      dirty_ = true;
    }
  }
  mu_.Unlock();
}

}  // namespace kube::proxy::proxier

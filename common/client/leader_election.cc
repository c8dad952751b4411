#include "common/client/leader_election.h"

#include <algorithm>
#include <utility>

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::client {
namespace {

// client-go's JitterFactor: acquisition attempts wait retry_period * [1, 2.2).
constexpr double kJitterFactor = 1.2;

absl::Status Invalid(std::string_view message) {
  return absl::InvalidArgumentError(kube::StrCat("leader election: ", message));
}

}  // namespace

absl::StatusOr<std::unique_ptr<LeaderElector>> LeaderElector::Create(
    Transport& transport, LeaderElectionConfig config) {
  if (config.lease_duration < absl::Seconds(1)) return Invalid("lease duration must be >= 1s");
  if (config.retry_period <= absl::ZeroDuration()) return Invalid("retry period must be > 0");
  if (config.lease_duration <= config.renew_deadline) {
    return Invalid("lease duration must be greater than the renew deadline");
  }
  if (config.renew_deadline <= kJitterFactor * config.retry_period) {
    return Invalid("renew deadline must be greater than retry period * 1.2");
  }
  if (config.identity.empty()) return Invalid("identity must not be empty");
  if (config.lease_name.empty()) return Invalid("lease name must not be empty");
  if (!config.callbacks.on_started_leading || !config.callbacks.on_stopped_leading) {
    return Invalid("on_started_leading and on_stopped_leading are required");
  }
  return std::unique_ptr<LeaderElector>(new LeaderElector(transport, std::move(config)));
}

LeaderElector::LeaderElector(Transport& transport, LeaderElectionConfig config)
    : config_(std::move(config)),
      lock_(transport, config_.lease_namespace, config_.lease_name, config_.identity),
      jitter_random_(std::random_device{}()) {}

void LeaderElector::Stop() {
  std::call_once(stop_once_, [this] { stop_.Notify(); });
}

bool LeaderElector::SleepOrStop(absl::Duration delay) {
  return stop_.WaitForNotificationWithTimeout(delay);
}

bool LeaderElector::IsLeader() {
  absl::MutexLock lock(&mu_);
  return !finished_ && observed_record_.holder_identity == config_.identity;
}

std::string LeaderElector::GetLeader() {
  absl::MutexLock lock(&mu_);
  return observed_record_.holder_identity;
}

void LeaderElector::SetObservedRecord(const LeaderElectionRecord& record) {
  absl::MutexLock lock(&mu_);
  observed_record_ = record;
  observed_time_ = absl::Now();
}

bool LeaderElector::LeaseValid(absl::Time now) {
  absl::MutexLock lock(&mu_);
  return observed_time_ + absl::Seconds(observed_record_.lease_duration_seconds) > now;
}

void LeaderElector::Run() {
  if (!Acquire()) return;
  config_.callbacks.on_started_leading();
  Renew();
  // Stop the guarded work before a successor can start its own.
  config_.callbacks.on_stopped_leading();
  if (config_.release_on_cancel) Release();
  absl::MutexLock lock(&mu_);
  finished_ = true;
}

bool LeaderElector::Acquire() {
  KLOG(Info) << "attempting to acquire leader lease " << lock_.Describe() << "...";
  std::uniform_real_distribution<double> jitter(0, kJitterFactor);
  while (!stop_.HasBeenNotified()) {
    bool acquired = TryAcquireOrRenew();
    MaybeReportTransition();
    if (acquired) {
      KLOG(Info) << "successfully acquired lease " << lock_.Describe();
      return true;
    }
    if (SleepOrStop(config_.retry_period * (1 + jitter(jitter_random_)))) break;
  }
  return false;
}

void LeaderElector::Renew() {
  while (!stop_.HasBeenNotified()) {
    absl::Time deadline = absl::Now() + config_.renew_deadline;
    bool renewed = TryAcquireOrRenew();
    while (!renewed) {
      absl::Duration left = deadline - absl::Now();
      if (left <= absl::ZeroDuration()) break;
      if (SleepOrStop(std::min(config_.retry_period, left))) return;
      if (absl::Now() >= deadline) break;
      renewed = TryAcquireOrRenew();
    }
    MaybeReportTransition();
    if (!renewed) {
      KLOG(Info) << "failed to renew lease " << lock_.Describe() << ": timed out after "
                 << config_.renew_deadline;
      return;
    }
    if (SleepOrStop(config_.retry_period)) return;
  }
}

bool LeaderElector::TryAcquireOrRenew() {
  absl::Time now = TruncateToMicros(absl::Now());
  LeaderElectionRecord desired;
  desired.holder_identity = config_.identity;
  desired.lease_duration_seconds =
      static_cast<int>(absl::ToInt64Seconds(config_.lease_duration));
  desired.acquire_time = now;
  desired.renew_time = now;

  // 1. Fast path: the leader writes over the lease it last wrote.
  if (IsLeader() && LeaseValid(now)) {
    LeaderElectionRecord old;
    {
      absl::MutexLock lock(&mu_);
      old = observed_record_;
    }
    desired.acquire_time = old.acquire_time;
    desired.leader_transitions = old.leader_transitions;
    absl::Status status = lock_.Update(desired);
    if (status.ok()) {
      SetObservedRecord(desired);
      return true;
    }
    KLOG(Error) << "failed to update lease " << lock_.Describe()
                << " optimistically, falling back to slow path: " << status;
  }

  // 2. Read the lease, or create it.
  absl::StatusOr<LeaderElectionRecord> old = lock_.Get();
  if (!old.ok()) {
    if (!absl::IsNotFound(old.status())) {
      KLOG(Error) << "error retrieving lease " << lock_.Describe() << ": " << old.status();
      return false;
    }
    absl::Status created = lock_.Create(desired);
    if (!created.ok()) {
      if (absl::IsAlreadyExists(created)) {  // another candidate created it first
        VLOG(2) << "lease " << lock_.Describe() << " created by someone else: " << created;
      } else {
        KLOG(Error) << "error initially creating lease " << lock_.Describe() << ": " << created;
      }
      return false;
    }
    SetObservedRecord(desired);
    return true;
  }

  // 3. Time the lease from when we saw it change, by our own clock.
  {
    absl::MutexLock lock(&mu_);
    if (*old != observed_record_) {
      observed_record_ = *old;
      observed_time_ = absl::Now();
    }
  }
  if (!old->holder_identity.empty() && LeaseValid(now) && !IsLeader()) {
    VLOG(4) << "lease " << lock_.Describe() << " is held by " << old->holder_identity
            << " and has not yet expired";
    return false;
  }

  // 4. Free, expired or ours: write our record over it.
  if (IsLeader()) {
    desired.acquire_time = old->acquire_time;
    desired.leader_transitions = old->leader_transitions;
  } else {
    desired.leader_transitions = old->leader_transitions + 1;
  }
  absl::Status updated = lock_.Update(desired);
  if (!updated.ok()) {
    // A conflict means another candidate wrote first: it won this round.
    if (absl::IsAborted(updated)) {
      VLOG(2) << "lease " << lock_.Describe() << " changed under us: " << updated;
    } else {
      KLOG(Error) << "failed to update lease " << lock_.Describe() << ": " << updated;
    }
    return false;
  }
  SetObservedRecord(desired);
  return true;
}

void LeaderElector::Release() {
  if (!IsLeader()) return;
  LeaderElectionRecord released;
  released.lease_duration_seconds = 1;
  released.acquire_time = released.renew_time = TruncateToMicros(absl::Now());
  {
    absl::MutexLock lock(&mu_);
    released.leader_transitions = observed_record_.leader_transitions;
  }
  absl::Status status = lock_.Update(released);
  if (!status.ok()) {
    KLOG(Error) << "failed to release lease " << lock_.Describe() << ": " << status;
    return;
  }
  SetObservedRecord(released);
  KLOG(Info) << "released lease " << lock_.Describe();
}

void LeaderElector::MaybeReportTransition() {
  std::string holder = GetLeader();
  if (holder == reported_leader_) return;
  reported_leader_ = holder;
  if (!holder.empty() && config_.callbacks.on_new_leader) {
    config_.callbacks.on_new_leader(holder);
  }
}

}  // namespace kube::client

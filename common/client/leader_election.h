#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/client/leader_election_lock.h"
#include "common/client/transport.h"

namespace kube::client {

// Called on the thread running LeaderElector::Run. They must return promptly:
// start work on other threads in on_started_leading and stop it (synchronously)
// in on_stopped_leading.
struct LeaderCallbacks {
  // This candidate became the leader. Required.
  std::function<void()> on_started_leading;
  // This candidate was the leader and no longer is (lost the lease, or Stop()).
  // Required. Unlike client-go, not called when it never led.
  std::function<void()> on_stopped_leading;
  // Another (or this) identity was seen holding the lease. Optional.
  std::function<void(const std::string& identity)> on_new_leader;
};

// client-go's LeaderElectionConfig with a Lease lock. The defaults are upstream's
// (kube-controller-manager's --leader-elect-* flags).
struct LeaderElectionConfig {
  std::string lease_namespace = "kube-system";
  std::string lease_name;  // "kube-controller-manager"
  std::string identity;    // unique per candidate: hostname plus a random suffix
  // How long a lease is good for after its last renewal, measured by each
  // candidate's own clock from when it saw that renewal. Whole seconds, >= 1 s.
  absl::Duration lease_duration = absl::Seconds(15);
  // How long the leader keeps retrying a failed renewal before it gives up.
  absl::Duration renew_deadline = absl::Seconds(10);
  // The wait between attempts (jittered by up to 1.2x while acquiring).
  absl::Duration retry_period = absl::Seconds(2);
  // On Stop(), a leader empties the lease (holder "" for 1 s) so that a successor
  // takes over at once instead of after lease_duration.
  bool release_on_cancel = false;
  LeaderCallbacks callbacks;
};

// client-go's leaderelection.LeaderElector on a coordination.k8s.io/v1 Lease.
//
// Candidates race to write their identity into the lease; the resourceVersion
// check makes one win (everyone else gets a 409). The leader renews every
// retry_period; if it cannot for renew_deadline it stops leading. The others take
// over once lease_duration passes without the lease changing, timed by their own
// clocks from when they last saw it change, never by comparing with another
// machine's timestamps.
class LeaderElector {
 public:
  // InvalidArgument unless lease_duration > renew_deadline > 1.2 * retry_period > 0,
  // identity and lease_name are set and both required callbacks are given.
  // `transport` must outlive the elector.
  static absl::StatusOr<std::unique_ptr<LeaderElector>> Create(Transport& transport,
                                                               LeaderElectionConfig config);
  LeaderElector(const LeaderElector&) = delete;
  LeaderElector& operator=(const LeaderElector&) = delete;

  // Campaigns until it leads, then renews until it loses the lease or Stop() is
  // called. Blocks; call it once. Returns early if stopped while campaigning.
  void Run();
  // Makes Run return (releasing the lease first if configured). Does not block.
  void Stop();

  // Whether this candidate holds the lease (false again once Run has stopped leading).
  bool IsLeader();
  // The identity last seen holding the lease ("" if none yet).
  std::string GetLeader();

 private:
  LeaderElector(Transport& transport, LeaderElectionConfig config);

  // Retries TryAcquireOrRenew every retry_period (jittered) until it succeeds; false
  // if stopped first.
  bool Acquire();
  // Renews every retry_period; returns when a renewal fails for renew_deadline or
  // on Stop().
  void Renew();
  // One attempt to take or keep the lease (client-go's tryAcquireOrRenew).
  bool TryAcquireOrRenew();
  // Empties the lease so a successor need not wait for it to expire.
  void Release();
  // Reports a holder different from the last one reported to on_new_leader.
  void MaybeReportTransition();
  void SetObservedRecord(const LeaderElectionRecord& record) ABSL_LOCKS_EXCLUDED(mu_);
  // Whether the observed lease is still within its duration at `now`.
  bool LeaseValid(absl::Time now) ABSL_LOCKS_EXCLUDED(mu_);
  // Waits `delay` or until Stop(); true if stopped.
  bool SleepOrStop(absl::Duration delay);

  const LeaderElectionConfig config_;  // constant after construction
  LeaseLock lock_;                   // used only by the Run thread
  std::mt19937_64 jitter_random_;    // used only by the Run thread
  std::string reported_leader_;      // used only by the Run thread
  std::once_flag stop_once_;         // Stop() may race with itself; Notify must run once
  absl::Notification stop_;          // notified by Stop()

  absl::Mutex mu_;  // guards what IsLeader/GetLeader read from other threads
  // The record as last read or written, and when (by our clock) it last changed.
  LeaderElectionRecord observed_record_ ABSL_GUARDED_BY(mu_);
  absl::Time observed_time_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  bool finished_ ABSL_GUARDED_BY(mu_) = false;  // Run has given up leading for good
};

}  // namespace kube::client

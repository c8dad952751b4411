#pragma once

#include <string>

#include "absl/time/time.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::kcm::job {

// The pods a Job has, by state.
struct JobCounts {
  int32_t active = 0;     // pending or running, not being deleted
  int32_t succeeded = 0;  // phase Succeeded
  int32_t failed = 0;     // phase Failed
};

// What a sync should do with a Job that has not finished yet.
struct JobDecision {
  enum class Outcome { kRunning, kComplete, kFailed };
  Outcome outcome = Outcome::kRunning;
  std::string reason;   // for kFailed: BackoffLimitExceeded, DeadlineExceeded
  std::string message;
  int32_t create = 0;   // pods to create now
  int32_t remove = 0;   // active pods to delete now (all of them when finishing)
};

// Upstream's rules for non-indexed Jobs: failed pods beyond spec.backoffLimit
// (default 6) or running past activeDeadlineSeconds since `start` fail the Job;
// with spec.completions it completes at that many successes, keeping
// min(parallelism, remaining) pods active; without, it completes once a pod
// succeeded and none is active, and no pod is started after the first success.
// Suspended Jobs keep no pods.
JobDecision Decide(const k8s::batch::v1::Job& job, const JobCounts& counts, absl::Time start,
                   absl::Time now);

}  // namespace kube::kcm::job

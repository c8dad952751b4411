#include "controller-manager/job/job_logic.h"

#include <algorithm>

#include "common/util/strings.h"

namespace kube::kcm::job {

JobDecision Decide(const k8s::batch::v1::Job& job, const JobCounts& counts, absl::Time start,
                   absl::Time now) {
  const auto& spec = job.spec();
  JobDecision decision;
  const int32_t backoff_limit = spec.has_backofflimit() ? spec.backofflimit() : 6;
  if (counts.failed > backoff_limit) {
    decision.outcome = JobDecision::Outcome::kFailed;
    decision.reason = "BackoffLimitExceeded";
    decision.message = "Job has reached the specified backoff limit";
    decision.remove = counts.active;
    return decision;
  }
  if (spec.has_activedeadlineseconds() &&
      now - start >= absl::Seconds(spec.activedeadlineseconds())) {
    decision.outcome = JobDecision::Outcome::kFailed;
    decision.reason = "DeadlineExceeded";
    decision.message = "Job was active longer than specified deadline";
    decision.remove = counts.active;
    return decision;
  }
  const int32_t parallelism = spec.has_parallelism() ? spec.parallelism() : 1;
  int32_t want_active = 0;
  if (spec.has_completions()) {
    if (counts.succeeded >= spec.completions()) {
      decision.outcome = JobDecision::Outcome::kComplete;
      decision.remove = counts.active;
      return decision;
    }
    want_active = std::min(parallelism, spec.completions() - counts.succeeded);
  } else {
    if (counts.succeeded > 0 && counts.active == 0) {
      decision.outcome = JobDecision::Outcome::kComplete;
      return decision;
    }
    // Once one succeeded the others are finishing: start no more.
    want_active = counts.succeeded > 0 ? std::min(counts.active, parallelism) : parallelism;
  }
  if (spec.suspend()) want_active = 0;
  want_active = std::max(0, want_active);
  if (counts.active < want_active) decision.create = want_active - counts.active;
  if (counts.active > want_active) decision.remove = counts.active - want_active;
  return decision;
}

}  // namespace kube::kcm::job

#include "controller-manager/job/job_logic.h"

#include <optional>

#include <catch2/catch.hpp>

namespace kube::kcm::job {
namespace {

using Outcome = JobDecision::Outcome;

k8s::batch::v1::Job MakeJob(std::optional<int32_t> completions, int32_t parallelism) {
  k8s::batch::v1::Job job;
  if (completions) job.mutable_spec()->set_completions(*completions);
  job.mutable_spec()->set_parallelism(parallelism);
  job.mutable_spec()->set_backofflimit(2);
  return job;
}

const absl::Time kStart = absl::FromUnixSeconds(1000);

}  // namespace

TEST_CASE("Job with completions keeps min(parallelism, remaining) pods", "[job]") {
  auto job = MakeJob(5, 2);
  JobDecision start = Decide(job, {0, 0, 0}, kStart, kStart);
  CHECK(start.outcome == Outcome::kRunning);
  CHECK(start.create == 2);
  JobDecision near_end = Decide(job, {2, 4, 0}, kStart, kStart);
  CHECK(near_end.create == 0);
  CHECK(near_end.remove == 1);
  JobDecision done = Decide(job, {0, 5, 1}, kStart, kStart);
  CHECK(done.outcome == Outcome::kComplete);
}

TEST_CASE("Job without completions is done after a success", "[job]") {
  auto job = MakeJob(std::nullopt, 3);
  CHECK(Decide(job, {0, 0, 0}, kStart, kStart).create == 3);
  JobDecision finishing = Decide(job, {2, 1, 0}, kStart, kStart);
  CHECK(finishing.outcome == Outcome::kRunning);
  CHECK(finishing.create == 0);
  CHECK(Decide(job, {0, 1, 0}, kStart, kStart).outcome == Outcome::kComplete);
}

TEST_CASE("Job fails past its backoff limit or deadline", "[job]") {
  auto job = MakeJob(1, 1);
  JobDecision retry = Decide(job, {0, 0, 2}, kStart, kStart);
  CHECK(retry.outcome == Outcome::kRunning);
  CHECK(retry.create == 1);
  JobDecision failed = Decide(job, {1, 0, 3}, kStart, kStart);
  CHECK(failed.outcome == Outcome::kFailed);
  CHECK(failed.reason == "BackoffLimitExceeded");
  CHECK(failed.remove == 1);
  job.mutable_spec()->set_activedeadlineseconds(10);
  JobDecision late = Decide(job, {1, 0, 0}, kStart, kStart + absl::Seconds(11));
  CHECK(late.outcome == Outcome::kFailed);
  CHECK(late.reason == "DeadlineExceeded");
}

TEST_CASE("A suspended Job keeps no pods", "[job]") {
  auto job = MakeJob(3, 2);
  job.mutable_spec()->set_suspend(true);
  JobDecision decision = Decide(job, {2, 0, 0}, kStart, kStart);
  CHECK(decision.create == 0);
  CHECK(decision.remove == 2);
}

}  // namespace kube::kcm::job

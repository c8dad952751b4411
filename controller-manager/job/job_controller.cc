#include "controller-manager/job/job_controller.h"

#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "controller-manager/controller/pod_util.h"
#include "controller-manager/job/job_logic.h"
#include "controller-manager/replicaset/pod_ranking.h"
#include "controller-manager/replicaset/pod_template.h"

namespace kube::kcm::job {
namespace {

using k8s::batch::v1::Job;
using k8s::batch::v1::JobCondition;

bool Finished(const Job& job) {
  for (const auto& condition : job.status().conditions()) {
    if ((condition.type() == "Complete" || condition.type() == "Failed") &&
        condition.status() == "True") {
      return true;
    }
  }
  return false;
}

void AddCondition(k8s::batch::v1::JobStatus& status, const std::string& type,
                  const std::string& reason, const std::string& message, int64_t now) {
  JobCondition* condition = status.add_conditions();
  condition->set_type(type);
  condition->set_status("True");
  condition->set_reason(reason);
  condition->set_message(message);
  condition->mutable_lastprobetime()->set_seconds(now);
  condition->mutable_lasttransitiontime()->set_seconds(now);
}

}  // namespace

JobController::JobController(ControllerContext& context)
    : workers_(context.settings.concurrent_job_syncs),
      client_(context.client),
      recorder_(context.recorder),
      jobs_(context.informers.For<Job>()),
      pods_(context.informers.For<Pod>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "job";
            o.cache_synced = {[this] { return jobs_.HasSynced(); },
                              [this] { return pods_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  jobs_.AddEventHandler({
      .on_add = [this](const auto& job) { controller_.Enqueue(client::ObjectKey(*job)); },
      .on_update = [this](const auto&, const auto& job) { controller_.Enqueue(client::ObjectKey(*job)); },
      .on_delete = [this](const auto& gone) { expectations_.Delete(gone.key); },
  });
  pods_.AddEventHandler({
      .on_add = [this](const std::shared_ptr<const Pod>& pod) {
        const std::string key = JobKeyOf(*pod);
        if (key.empty()) return;
        expectations_.CreationObserved(key);
        controller_.Enqueue(key);
      },
      .on_update = [this](const std::shared_ptr<const Pod>& old_pod, const std::shared_ptr<const Pod>& pod) {
        const std::string key = JobKeyOf(*pod);
        if (key.empty()) return;
        if (pod->metadata().has_deletiontimestamp() && !old_pod->metadata().has_deletiontimestamp()) {
          expectations_.DeletionObserved(key, pod->metadata().uid());
        }
        controller_.Enqueue(key);
      },
      .on_delete = [this](const client::TypedDeletedObject<Pod>& gone) {
        if (gone.object == nullptr) return;
        const std::string key = JobKeyOf(*gone.object);
        if (key.empty()) return;
        expectations_.DeletionObserved(key, gone.object->metadata().uid());
        controller_.Enqueue(key);
      },
  });
}

std::string JobController::JobKeyOf(const Pod& pod) const {
  const auto* ref = ControllerRefOf(pod.metadata());
  if (ref == nullptr || ref->kind() != "Job") return "";
  return client::ObjectKey(pod.metadata().namespace_(), ref->name());
}

absl::Status JobController::Sync(const std::string& key) {
  auto [ns, name] = client::SplitObjectKey(key);
  std::shared_ptr<const Job> job = jobs_.lister().Get(ns, name);
  if (job == nullptr) {
    expectations_.Delete(key);
    return absl::OkStatus();
  }
  if (Finished(*job) || job->metadata().has_deletiontimestamp()) return absl::OkStatus();

  std::vector<std::shared_ptr<const Pod>> active;
  JobCounts counts;
  int32_t ready = 0;
  for (auto& pod : pods_.lister().List(ns)) {
    const auto* ref = ControllerRefOf(pod->metadata());
    if (ref == nullptr || ref->uid() != job->metadata().uid()) continue;
    if (pod->status().phase() == "Succeeded") {
      ++counts.succeeded;
    } else if (pod->status().phase() == "Failed") {
      ++counts.failed;
    } else if (!pod->metadata().has_deletiontimestamp()) {
      ready += IsPodReady(*pod);
      active.push_back(std::move(pod));
    }
  }
  counts.active = static_cast<int32_t>(active.size());

  const absl::Time now = absl::Now();
  const absl::Time start = job->status().has_starttime() ? ToAbslTime(job->status().starttime()) : now;
  JobDecision decision = Decide(*job, counts, start, now);
  absl::Status acted = absl::OkStatus();
  int32_t created = 0;
  int32_t removed = 0;
  if (expectations_.Satisfied(key)) {
    if (decision.create > 0) {
      const auto ref = replicaset::ControllerReference("batch/v1", "Job", job->metadata());
      absl::StatusOr<Pod> pod = replicaset::PodFromTemplate(job->spec().template_(), job->metadata(), ref);
      if (!pod.ok()) return pod.status();
      expectations_.ExpectCreations(key, decision.create);
      for (int32_t i = 0; i < decision.create; ++i) {
        absl::StatusOr<std::unique_ptr<Pod>> result = client_.Create(*pod);
        if (!result.ok()) {
          expectations_.LowerCreations(key, decision.create - i);
          acted = result.status();
          break;
        }
        ++created;
        recorder_.Record(*job, "Normal", "SuccessfulCreate",
                         StrCat("Created pod: ", (*result)->metadata().name()));
      }
    }
    if (decision.remove > 0) {
      std::vector<std::shared_ptr<const Pod>> victims =
          replicaset::PodsToDelete(active, static_cast<size_t>(decision.remove));
      std::set<std::string> uids;
      for (const auto& pod : victims) uids.insert(pod->metadata().uid());
      expectations_.ExpectDeletions(key, uids);
      for (const auto& pod : victims) {
        absl::StatusOr<std::unique_ptr<Pod>> deleted =
            client_.Delete<Pod>(ns, pod->metadata().name());
        if (!deleted.ok() && !absl::IsNotFound(deleted.status())) {
          expectations_.DeletionObserved(key, pod->metadata().uid());
          if (acted.ok()) acted = deleted.status();
          continue;
        }
        ++removed;
      }
    }
  } else if (decision.outcome == JobDecision::Outcome::kRunning) {
    decision.create = decision.remove = 0;  // last round's writes are still arriving
  }

  k8s::batch::v1::JobStatus status = job->status();
  status.mutable_starttime()->set_seconds(absl::ToUnixSeconds(start));
  status.set_active(std::max(0, counts.active + created - removed));
  status.set_succeeded(counts.succeeded);
  status.set_failed(counts.failed);
  status.set_ready(ready);
  const int64_t now_seconds = absl::ToUnixSeconds(now);
  if (decision.outcome == JobDecision::Outcome::kComplete && acted.ok()) {
    AddCondition(status, "SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now_seconds);
    AddCondition(status, "Complete", "CompletionsReached", "Reached expected number of succeeded pods", now_seconds);
    status.mutable_completiontime()->set_seconds(now_seconds);
    recorder_.Record(*job, "Normal", "Completed", "Job completed");
  } else if (decision.outcome == JobDecision::Outcome::kFailed && acted.ok()) {
    AddCondition(status, "FailureTarget", decision.reason, decision.message, now_seconds);
    AddCondition(status, "Failed", decision.reason, decision.message, now_seconds);
    recorder_.Record(*job, "Warning", decision.reason, decision.message);
  }
  if (!google::protobuf::util::MessageDifferencer::Equals(status, job->status())) {
    Job updated = *job;
    *updated.mutable_status() = status;
    absl::StatusOr<std::unique_ptr<Job>> written = client_.UpdateStatus(updated);
    if (!written.ok() && !absl::IsNotFound(written.status())) return written.status();
  }
  if (decision.outcome == JobDecision::Outcome::kRunning && job->spec().has_activedeadlineseconds()) {
    controller_.queue().AddAfter(key, start + absl::Seconds(job->spec().activedeadlineseconds()) - now);
  }
  return acted;
}

}  // namespace kube::kcm::job

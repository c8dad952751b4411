#include "scheduler/core/scheduler.h"

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::scheduler::core {
namespace {

// The PodScheduled=False condition for a pod that failed scheduling.
k8s::core::v1::PodCondition UnscheduledCondition(const std::string& reason,
                                                 const std::string& message) {
  k8s::core::v1::PodCondition condition;
  condition.set_type("PodScheduled");
  condition.set_status("False");
  condition.set_reason(reason);
  condition.set_message(message);
  absl::Time now = absl::Now();
  condition.mutable_lasttransitiontime()->set_seconds(absl::ToUnixSeconds(now));
  return condition;
}

// Whether the pod already carries this condition (so writing it changes nothing).
bool HasCondition(const k8s::core::v1::Pod& pod, const k8s::core::v1::PodCondition& wanted) {
  for (const auto& condition : pod.status().conditions()) {
    if (condition.type() != wanted.type()) continue;
    return condition.status() == wanted.status() && condition.reason() == wanted.reason() &&
           condition.message() == wanted.message();
  }
  return false;
}

std::string PodName(const k8s::core::v1::Pod& pod) {
  return StrCat(pod.metadata().namespace_(), "/", pod.metadata().name());
}

// Errors meaning the pod is no longer ours to bind: someone bound it (409), or it
// is gone.
bool BindingMoot(const absl::Status& status) {
  return absl::IsAborted(status) || absl::IsAlreadyExists(status) || absl::IsNotFound(status);
}

}  // namespace

Scheduler::Scheduler(SchedulerOptions options, std::unique_ptr<framework::Profile> profile,
                     cache::Cache& cache, queue::SchedulingQueue& queue, PodWriter& writer,
                     events::EventRecorder* recorder, metrics::SchedulerMetrics& metrics)
    : options_(options),
      profile_(std::move(profile)),
      cache_(cache),
      queue_(queue),
      writer_(writer),
      recorder_(recorder),
      metrics_(metrics),
      parallelizer_(options.parallelism),
      algorithm_(*profile_, parallelizer_, options.percentage_of_nodes_to_score),
      api_calls_(options.api_workers) {}

Scheduler::~Scheduler() {
  Stop();
  api_calls_.Wait();
}

void Scheduler::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  queue_.Close();
}

void Scheduler::Run() {
  std::thread cleaner([this] {
    while (!stop_.WaitForNotificationWithTimeout(options_.cleanup_interval)) {
      if (int expired = cache_.CleanupExpiredAssumedPods(); expired > 0) {
        KLOG(Warning) << expired << " assumed pod(s) expired: their bindings never showed up";
      }
    }
  });
  while (!stop_.HasBeenNotified() && ScheduleOne()) {
  }
  cleaner.join();
}

bool Scheduler::ScheduleOne() {
  QueuedPod pod = queue_.Pop();
  if (pod == nullptr) return false;
  const k8s::core::v1::Pod& object = pod->pod();
  // Deleted meanwhile, or already assumed or bound (a duplicate from an update).
  if (object.metadata().has_deletiontimestamp() || cache_.HasPod(pod->key())) return true;
  const int64_t cycle = queue_.SchedulingCycle();
  const absl::Time start = absl::Now();

  cache_.UpdateSnapshot(snapshot_);
  ScheduleResult result = algorithm_.Schedule(*pod->pod_info, snapshot_);
  VLOG(5) << "pod " << PodName(object) << ": evaluated " << result.evaluated_nodes
          << " nodes, " << result.feasible_nodes << " feasible";
  switch (result.outcome) {
    case ScheduleResult::Outcome::kUnschedulable:
      metrics_.ObserveAttempt(metrics::Result::kUnschedulable, absl::Now() - start);
      VLOG(2) << "unable to schedule pod " << PodName(object) << ": " << result.message;
      HandleFailure(std::move(pod), true, result.message, cycle);
      return true;
    case ScheduleResult::Outcome::kError:
      metrics_.ObserveAttempt(metrics::Result::kError, absl::Now() - start);
      KLOG(Error) << "error scheduling pod " << PodName(object) << ": " << result.message;
      HandleFailure(std::move(pod), false, result.message, cycle);
      return true;
    case ScheduleResult::Outcome::kScheduled:
      break;
  }
  if (absl::Status assumed = cache_.AssumePod(pod->pod_info, result.node); !assumed.ok()) {
    metrics_.ObserveAttempt(metrics::Result::kError, absl::Now() - start);
    HandleFailure(std::move(pod), false, std::string(assumed.message()), cycle);
    return true;
  }
  metrics_.ObserveAttempt(metrics::Result::kScheduled, absl::Now() - start);
  std::shared_ptr<queue::QueuedPodInfo> shared(std::move(pod));
  api_calls_.Submit([this, shared, node = std::move(result.node)] { Bind(shared, node); });
  return true;
}

void Scheduler::Bind(std::shared_ptr<queue::QueuedPodInfo> pod, const std::string& node) {
  const k8s::core::v1::Pod& object = pod->pod();
  const absl::Time start = absl::Now();
  absl::Status status = writer_.Bind(object, node);
  metrics_.ObserveBinding(status.ok(), absl::Now() - start);
  if (status.ok()) {
    cache_.FinishBinding(pod->key());
    metrics_.ObservePodScheduled(absl::Now() - pod->initial_timestamp, pod->attempts);
    VLOG(2) << "bound " << PodName(object) << " to " << node;
    if (recorder_ != nullptr) {
      recorder_->Record(object, "Normal", "Scheduled",
                        StrCat("Successfully assigned ", PodName(object), " to ", node));
    }
    return;
  }
  // Its resources must not stay counted on `node`; other pods may fit now.
  (void)cache_.ForgetPod(pod->key());
  queue_.MoveAllToActiveOrBackoff("AssumedPodForget");
  if (BindingMoot(status)) {
    VLOG(2) << "not binding " << PodName(object) << ": " << status.message();
    return;
  }
  KLOG(Warning) << "binding " << PodName(object) << " to " << node << " failed: " << status;
  HandleFailure(std::make_unique<queue::QueuedPodInfo>(*pod), false,
                StrCat("Binding rejected: ", status.message()), queue_.SchedulingCycle());
}

void Scheduler::HandleFailure(QueuedPod pod, bool unschedulable, const std::string& message,
                              int64_t cycle) {
  std::shared_ptr<const k8s::core::v1::Pod> object = pod->pod_info->pod;
  if (recorder_ != nullptr) recorder_->Record(*object, "Warning", "FailedScheduling", message);
  // Back in the queue first, so that the status update below (an informer event)
  // finds it waiting and leaves it there.
  if (unschedulable) {
    queue_.AddUnschedulableIfNotPresent(std::move(pod), cycle);
  } else {
    queue_.AddBackoff(std::move(pod));
  }
  k8s::core::v1::PodCondition condition =
      UnscheduledCondition(unschedulable ? "Unschedulable" : "SchedulerError", message);
  if (HasCondition(*object, condition)) return;
  api_calls_.Submit([this, object, condition] {
    absl::Status status = writer_.PatchCondition(*object, condition);
    if (!status.ok() && !absl::IsNotFound(status)) {
      KLOG(Warning) << "updating the PodScheduled condition of " << PodName(*object)
                    << " failed: " << status;
    }
  });
}

}  // namespace kube::scheduler::core

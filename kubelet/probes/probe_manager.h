#pragma once

#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/events/event_recorder.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/probes/prober.h"

namespace kube::kubelet {

enum class ProbeType { kLiveness, kReadiness, kStartup };

// A running container, as a pod sync tells the probe manager about it.
struct ProbedContainer {
  std::string name;
  std::string id;
  absl::Time started_at;
  // The API status already showed this container ready (a restarted kubelet keeps
  // it ready until its first probe says otherwise).
  bool was_ready = false;
};

struct ProbeManagerOptions {
  int threads = 4;
  std::function<absl::Time()> clock = absl::Now;
  // A result changed: the pod needs a sync (liveness failure, readiness flip).
  // Called from a probe thread without locks held.
  std::function<void(const std::string& pod_uid)> on_change;
  // Records "Unhealthy" events; may be null.
  events::EventRecorder* recorder = nullptr;
};

// Runs every container's liveness, readiness and startup probes on schedule
// (upstream's prober manager and workers) on a small pool of threads, however many
// containers there are. Per probe: the first run waits initialDelaySeconds after the
// container started, then one run every periodSeconds; a result changes only after
// successThreshold / failureThreshold equal attempts in a row. Readiness starts as
// failure, liveness as success, startup as unknown; liveness and readiness wait
// for startup to succeed. A liveness or startup failure holds the probe until the
// container is replaced. Thread-safe.
class ProbeManager {
 public:
  ProbeManager(Prober& prober, ProbeManagerOptions options);
  ~ProbeManager();
  ProbeManager(const ProbeManager&) = delete;
  ProbeManager& operator=(const ProbeManager&) = delete;

  void Start();
  void Stop();

  // The pod's running containers now: probes start for new containers and stop for
  // those that are gone.
  void UpdatePod(const k8s::core::v1::Pod& pod, const std::string& pod_ip,
                 const std::vector<ProbedContainer>& running);
  void RemovePod(const std::string& pod_uid);

  // The latest result of the container's probe of `type`; kUnknown when it has none.
  ProbeResult Result(const std::string& container_id, ProbeType type);

  // Runs every probe that is due now on the calling thread (tests without Start).
  void RunDueProbesForTest();

 private:
  struct Worker {
    std::string pod_uid;
    std::shared_ptr<const k8s::core::v1::Pod> pod;  // for events
    std::string container_name;
    std::string container_id;
    ProbeType type;
    k8s::core::v1::Probe probe;
    ProbeTarget target;
    absl::Time started_at;
    ProbeResult result = ProbeResult::kUnknown;  // what Result() reports
    ProbeResult last_attempt = ProbeResult::kUnknown;
    int run = 0;           // attempts in a row with last_attempt's outcome
    bool on_hold = false;  // failed liveness/startup: no more runs for this container
    bool in_flight = false;
    uint64_t generation = 0;  // heap entries of an older generation are stale
  };
  struct Due {
    absl::Time when;
    std::string key;
    uint64_t generation;
    bool operator>(const Due& other) const { return when > other.when; }
  };

  static std::string Key(const std::string& container_id, ProbeType type);
  void Schedule(Worker& worker, absl::Time when) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Takes a due worker (marks it in flight) and returns its key, or "" if none is
  // due; with `wait`, blocks until one is or the manager stops.
  std::string TakeDue(bool wait) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RunOne(const std::string& key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Loop();

  Prober& prober_;
  const ProbeManagerOptions options_;

  absl::Mutex mu_;
  absl::CondVar changed_;                                       // a worker was scheduled, or stop
  std::map<std::string, Worker> workers_ ABSL_GUARDED_BY(mu_);  // by Key()
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_ ABSL_GUARDED_BY(mu_);
  uint64_t next_generation_ ABSL_GUARDED_BY(mu_) = 1;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;  // started by Start, joined by Stop
};

}  // namespace kube::kubelet

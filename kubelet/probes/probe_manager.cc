#include "kubelet/probes/probe_manager.h"

#include <set>

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

const char* TypeName(ProbeType type) {
  switch (type) {
    case ProbeType::kLiveness:
      return "Liveness";
    case ProbeType::kReadiness:
      return "Readiness";
    case ProbeType::kStartup:
      return "Startup";
  }
  return "";
}

const k8s::core::v1::Probe* ProbeOf(const k8s::core::v1::Container& container, ProbeType type) {
  switch (type) {
    case ProbeType::kLiveness:
      return container.has_livenessprobe() ? &container.livenessprobe() : nullptr;
    case ProbeType::kReadiness:
      return container.has_readinessprobe() ? &container.readinessprobe() : nullptr;
    case ProbeType::kStartup:
      return container.has_startupprobe() ? &container.startupprobe() : nullptr;
  }
  return nullptr;
}

absl::Duration PeriodOf(const k8s::core::v1::Probe& probe) {
  return absl::Seconds(probe.periodseconds() > 0 ? probe.periodseconds() : 10);
}

}  // namespace

ProbeManager::ProbeManager(Prober& prober, ProbeManagerOptions options)
    : prober_(prober), options_(std::move(options)) {}

ProbeManager::~ProbeManager() { Stop(); }

std::string ProbeManager::Key(const std::string& container_id, ProbeType type) {
  return kube::StrCat(container_id, "/", static_cast<int>(type));
}

void ProbeManager::Start() {
  absl::MutexLock lock(&mu_);
  if (!threads_.empty() || stopping_) return;
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this] { Loop(); });
  }
}

void ProbeManager::Stop() {
  std::vector<std::thread> threads;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    changed_.SignalAll();
    threads.swap(threads_);
  }
  for (std::thread& thread : threads) thread.join();
}

void ProbeManager::Schedule(Worker& worker, absl::Time when) {
  worker.generation = next_generation_++;
  due_.push(Due{when, Key(worker.container_id, worker.type), worker.generation});
  changed_.Signal();
}

void ProbeManager::UpdatePod(const k8s::core::v1::Pod& pod, const std::string& pod_ip,
                             const std::vector<ProbedContainer>& running) {
  const std::string& uid = pod.metadata().uid();
  auto shared_pod = std::make_shared<const k8s::core::v1::Pod>(pod);
  absl::MutexLock lock(&mu_);
  std::set<std::string> keep;
  const absl::Time now = options_.clock();
  for (const ProbedContainer& container : running) {
    const k8s::core::v1::Container* spec = nullptr;
    for (const auto& c : pod.spec().containers()) {
      if (c.name() == container.name) spec = &c;
    }
    if (spec == nullptr) continue;
    for (ProbeType type : {ProbeType::kLiveness, ProbeType::kReadiness, ProbeType::kStartup}) {
      const k8s::core::v1::Probe* probe = ProbeOf(*spec, type);
      if (probe == nullptr) continue;
      const std::string key = Key(container.id, type);
      keep.insert(key);
      auto [it, inserted] = workers_.try_emplace(key);
      Worker& worker = it->second;
      worker.pod = shared_pod;
      worker.target.pod_ip = pod_ip;
      if (!inserted) continue;
      worker.pod_uid = uid;
      worker.container_name = container.name;
      worker.container_id = container.id;
      worker.type = type;
      worker.probe = *probe;
      worker.target.container_id = container.id;
      worker.target.ports.assign(spec->ports().begin(), spec->ports().end());
      worker.started_at = container.started_at;
      worker.result = type == ProbeType::kLiveness  ? ProbeResult::kSuccess
                      : type == ProbeType::kStartup ? ProbeResult::kUnknown
                      : container.was_ready         ? ProbeResult::kSuccess
                                                    : ProbeResult::kFailure;
      absl::Time first = container.started_at + absl::Seconds(probe->initialdelayseconds());
      Schedule(worker, std::max(first, now));
    }
  }
  for (auto it = workers_.begin(); it != workers_.end();) {
    bool stale = it->second.pod_uid == uid && !keep.contains(it->first);
    it = stale ? workers_.erase(it) : std::next(it);
  }
}

void ProbeManager::RemovePod(const std::string& pod_uid) {
  absl::MutexLock lock(&mu_);
  std::erase_if(workers_, [&](const auto& entry) { return entry.second.pod_uid == pod_uid; });
}

ProbeResult ProbeManager::Result(const std::string& container_id, ProbeType type) {
  absl::MutexLock lock(&mu_);
  auto it = workers_.find(Key(container_id, type));
  return it == workers_.end() ? ProbeResult::kUnknown : it->second.result;
}

std::string ProbeManager::TakeDue(bool wait) {
  while (!stopping_) {
    while (!due_.empty()) {
      const Due& top = due_.top();
      auto it = workers_.find(top.key);
      if (it == workers_.end() || it->second.generation != top.generation) {
        due_.pop();  // stale
        continue;
      }
      break;
    }
    absl::Time now = options_.clock();
    if (!due_.empty() && due_.top().when <= now) {
      std::string key = due_.top().key;
      due_.pop();
      workers_[key].in_flight = true;
      return key;
    }
    if (!wait) return "";
    if (due_.empty()) {
      changed_.Wait(&mu_);
    } else {
      // Probe times come from the (possibly fake) clock; the wait is real and short.
      changed_.WaitWithTimeout(&mu_, std::min(due_.top().when - now, absl::Milliseconds(500)));
    }
  }
  return "";
}

void ProbeManager::RunOne(const std::string& key) {
  auto it = workers_.find(key);
  if (it == workers_.end()) return;
  Worker& worker = it->second;
  const absl::Time now = options_.clock();
  const absl::Duration period = PeriodOf(worker.probe);

  // Liveness and readiness wait until the startup probe (if any) succeeded.
  if (worker.type != ProbeType::kStartup) {
    auto startup = workers_.find(Key(worker.container_id, ProbeType::kStartup));
    if (startup != workers_.end() && startup->second.result != ProbeResult::kSuccess) {
      worker.in_flight = false;
      Schedule(worker, now + period);
      return;
    }
  }
  // Run the probe without the lock: it may take up to its timeout.
  const k8s::core::v1::Probe probe = worker.probe;
  const ProbeTarget target = worker.target;
  mu_.Unlock();
  ProbeOutcome outcome = prober_.Run(probe, target);
  mu_.Lock();

  it = workers_.find(key);
  if (it == workers_.end()) return;  // removed meanwhile
  Worker& w = it->second;
  w.in_flight = false;
  if (outcome.result == w.last_attempt) {
    ++w.run;
  } else {
    w.last_attempt = outcome.result;
    w.run = 1;
  }
  bool changed = false;
  if (outcome.result == ProbeResult::kFailure) {
    if (options_.recorder != nullptr && w.pod != nullptr) {
      k8s::core::v1::ObjectReference reference = events::ReferenceTo(*w.pod);
      reference.set_fieldpath(kube::StrCat("spec.containers{", w.container_name, "}"));
      options_.recorder->Record(reference, "Warning", "Unhealthy",
                                kube::StrCat(TypeName(w.type), " probe failed: ", outcome.output));
    }
    if (w.run >= std::max(1, w.probe.failurethreshold())) {
      changed = w.result != ProbeResult::kFailure;
      w.result = ProbeResult::kFailure;
      if (w.type != ProbeType::kReadiness) {
        w.on_hold = true;  // the container will be replaced
        w.run = 0;
      }
    }
  } else if (outcome.result == ProbeResult::kSuccess) {
    int threshold = w.type == ProbeType::kReadiness ? std::max(1, w.probe.successthreshold()) : 1;
    if (w.run >= threshold) {
      changed = w.result != ProbeResult::kSuccess;
      w.result = ProbeResult::kSuccess;
    }
  }
  bool startup_done = w.type == ProbeType::kStartup && w.result == ProbeResult::kSuccess;
  if (!w.on_hold && !startup_done) Schedule(w, options_.clock() + period);
  if (changed && options_.on_change) {
    std::string uid = w.pod_uid;
    mu_.Unlock();
    options_.on_change(uid);
    mu_.Lock();
  }
}

void ProbeManager::RunDueProbesForTest() {
  absl::MutexLock lock(&mu_);
  for (std::string key = TakeDue(false); !key.empty(); key = TakeDue(false)) RunOne(key);
}

void ProbeManager::Loop() {
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    std::string key = TakeDue(true);
    if (key.empty()) continue;
    RunOne(key);
  }
}

}  // namespace kube::kubelet

// pod-startup-bench: how long real pods take from creation to Running on a one-node
// cluster on containerd (root only), beside the same machine's direct CRI floor.
//
//   pod-startup-bench [--pods 100] [--rate 10] [--cri-rounds 20] [--timeout 300s]
//
// It brings up the cluster in a private network namespace (RealCluster:
// cluster-up.sh --netns), then:
//   1. the CRI floor: RunPodSandbox + CreateContainer + StartContainer straight
//      through the remote runtime to the node's containerd, --cri-rounds times;
//   2. creates --pods busybox pods at --rate per second through the API (the
//      scheduler binds them, the kubelet runs them) and, from one watch, notes when
//      each is first seen Running; latency is that moment minus the moment its
//      create call started (the client's clock, finer than creationTimestamp);
//   3. prints p50/p90/p99/max of both, and the kubelet's RSS with every pod running.
// Prints figures only; it never asserts on time. Tears everything down.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "common/client/client.h"
#include "common/flags/flag_set.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/runtime/remote/remote_runtime.h"
#include "tests/support/real_cluster.h"

namespace kube::bench {
namespace {

using k8s::core::v1::Pod;
using kube::testing::RealCluster;

struct Options {
  int64_t pods = 100;
  int64_t rate = 10;
  int64_t cri_rounds = 20;
  absl::Duration timeout = absl::Minutes(5);
};

struct Percentiles {
  double p50 = 0, p90 = 0, p99 = 0, max = 0;
};

Percentiles Summarize(std::vector<absl::Duration> samples) {
  Percentiles out;
  if (samples.empty()) return out;
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) {
    size_t index = static_cast<size_t>(q * (samples.size() - 1) + 0.5);
    return absl::ToDoubleMilliseconds(samples[std::min(index, samples.size() - 1)]);
  };
  out.p50 = at(0.50);
  out.p90 = at(0.90);
  out.p99 = at(0.99);
  out.max = absl::ToDoubleMilliseconds(samples.back());
  return out;
}

std::string Format(const Percentiles& p) {
  return StrCat("p50 ", static_cast<int>(p.p50 + 0.5), " ms, p90 ", static_cast<int>(p.p90 + 0.5),
                " ms, p99 ", static_cast<int>(p.p99 + 0.5), " ms, max ",
                static_cast<int>(p.max + 0.5), " ms");
}

// VmRSS of a process in kB (0 if unknown).
int64_t RssKb(pid_t pid) {
  std::string status = testing::ReadFile(StrCat("/proc/", pid, "/status"));
  size_t at = status.find("VmRSS:");
  if (at == std::string::npos) return 0;
  return std::atoll(status.c_str() + at + 6);
}

// User + system CPU time a process has used so far.
absl::Duration CpuTime(pid_t pid) {
  std::string stat = testing::ReadFile(StrCat("/proc/", pid, "/stat"));
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return absl::ZeroDuration();
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  int64_t utime = 0, stime = 0;
  // After the command: state is field 3; utime and stime are fields 14 and 15.
  for (int index = 3; index <= 15 && fields >> field; ++index) {
    if (index == 14) utime = std::atoll(field.c_str());
    if (index == 15) stime = std::atoll(field.c_str());
  }
  return absl::Seconds(static_cast<double>(utime + stime) / sysconf(_SC_CLK_TCK));
}

// The machine's busy and total jiffies so far (the "cpu" line of /proc/stat).
std::pair<int64_t, int64_t> MachineJiffies() {
  std::istringstream line(testing::ReadFile("/proc/stat"));
  std::string label;
  line >> label;
  int64_t busy = 0, total = 0, value = 0;
  for (int index = 0; index < 8 && line >> value; ++index) {
    total += value;
    if (index != 3 && index != 4) busy += value;  // idle and iowait are not busy
  }
  return {busy, total};
}

pid_t PidFromFile(const std::string& path) {
  std::string text = testing::ReadFile(path);
  return text.empty() ? -1 : std::atoi(text.c_str());
}

// The floor under the kubelet: what containerd takes for one pod's sandbox and
// container, called directly, one pod after another.
absl::StatusOr<std::vector<absl::Duration>> CriFloor(const RealCluster& cluster, int rounds) {
  absl::StatusOr<std::unique_ptr<kubelet::Runtime>> runtime =
      kubelet::NewRemoteRuntime(cluster.cri_endpoint(), absl::Minutes(1));
  if (!runtime.ok()) return runtime.status();
  absl::StatusOr<kubelet::ImageInfo> image = (*runtime)->GetImageStatus("busybox:1.35");
  if (!image.ok()) return image.status();
  std::vector<absl::Duration> totals;
  std::vector<std::string> sandboxes;
  for (int round = 0; round < rounds; ++round) {
    // No io.kubernetes.pod.uid label: the kubelet leaves these sandboxes alone.
    kubelet::PodSandboxConfig pod;
    pod.name = StrCat("cri-floor-", round);
    pod.uid = StrCat("cri-floor-uid-", round);
    pod.namespace_ = "bench";
    pod.hostname = pod.name;
    pod.log_directory = StrCat(cluster.data_dir(), "/cri-floor/", pod.name);
    pod.cgroup_parent = StrCat(cluster.cgroup_root(), "/cri-floor/pod", round);
    std::filesystem::create_directories(pod.log_directory + "/sleeper");
    kubelet::ContainerConfig container;
    container.name = "sleeper";
    container.image = image->id;
    container.command = {"sleep", "3600"};
    container.log_path = "sleeper/0.log";

    absl::Time start = absl::Now();
    absl::StatusOr<std::string> sandbox = (*runtime)->RunPodSandbox(pod);
    if (!sandbox.ok()) return sandbox.status();
    sandboxes.push_back(*sandbox);
    absl::StatusOr<std::string> id = (*runtime)->CreateContainer(*sandbox, container, pod);
    if (!id.ok()) return id.status();
    if (absl::Status started = (*runtime)->StartContainer(*id); !started.ok()) return started;
    totals.push_back(absl::Now() - start);
  }
  // Gone before the pods come, so that they do not compete (and IPs are free).
  for (const std::string& sandbox : sandboxes) {
    (void)(*runtime)->StopPodSandbox(sandbox);
    (void)(*runtime)->RemovePodSandbox(sandbox);
  }
  return totals;
}

Pod BenchPod(int i) {
  Pod pod = testing::BusyboxPod(StrCat("startup-", i), "exec sleep 3600");
  (*pod.mutable_metadata()->mutable_labels())["bench"] = "pod-startup";
  return pod;
}

// Follows the pods' watch, noting when each is first seen Running.
class RunningWatcher {
 public:
  explicit RunningWatcher(const client::Client& client) : client_(client) {}

  absl::Status Start() {
    client::ListOptions options;
    options.label_selector = "bench=pod-startup";
    auto list = client_.List<Pod>("default", options);
    if (!list.ok()) return list.status();
    options.resource_version = list->resource_version;
    auto stream = client_.Watch<Pod>("default", options);
    if (!stream.ok()) return stream.status();
    stream_ = std::move(*stream);
    thread_ = std::thread([this] { Loop(); });
    return absl::OkStatus();
  }

  void Stop() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }

  std::map<std::string, absl::Time> running() {
    absl::MutexLock lock(&mu_);
    return running_;
  }
  // When each pod was first seen bound to the node (the scheduler's part).
  std::map<std::string, absl::Time> bound() {
    absl::MutexLock lock(&mu_);
    return bound_;
  }
  std::string error() {
    absl::MutexLock lock(&mu_);
    return error_;
  }

 private:
  void Loop() {
    while (!stop_.load()) {
      absl::StatusOr<std::vector<client::WatchEvent>> events =
          stream_->Next(absl::Milliseconds(200));
      if (!events.ok()) {
        absl::MutexLock lock(&mu_);
        error_ = std::string(events.status().message());
        return;
      }
      absl::Time now = absl::Now();
      for (const client::WatchEvent& event : *events) {
        const auto* pod = dynamic_cast<const Pod*>(event.object.get());
        if (pod == nullptr) continue;
        absl::MutexLock lock(&mu_);
        if (!pod->spec().nodename().empty()) bound_.emplace(pod->metadata().name(), now);
        if (pod->status().phase() == "Running") running_.emplace(pod->metadata().name(), now);
      }
    }
  }

  const client::Client& client_;
  std::unique_ptr<client::WatchStream> stream_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  absl::Mutex mu_;
  std::map<std::string, absl::Time> running_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, absl::Time> bound_ ABSL_GUARDED_BY(mu_);
  std::string error_ ABSL_GUARDED_BY(mu_);
};

int Run(const Options& options) {
  std::string missing = testing::MissingRealClusterPrerequisites();
  if (!missing.empty()) {
    std::cerr << "pod-startup-bench: cannot run: " << missing << "\n";
    return 2;
  }
  char host[256] = {};
  gethostname(host, sizeof(host) - 1);
  std::cout << "pod-startup-bench on " << host << ", " << std::thread::hardware_concurrency()
            << " cpus, " << absl::FormatTime("%Y-%m-%d %H:%M UTC", absl::Now(), absl::UTCTimeZone())
            << "\n";
  std::cout << "bringing up the cluster (cluster-up.sh --netns) ...\n" << std::flush;
  absl::Time up_start = absl::Now();
  auto cluster = RealCluster::Start();
  if (!cluster.ok()) {
    std::cerr << "pod-startup-bench: " << cluster.status() << "\n";
    return 1;
  }
  std::cout << "cluster up in " << absl::FormatDuration(absl::Trunc(absl::Now() - up_start,
                                                                    absl::Milliseconds(1)))
            << "; kubelet RSS idle " << RssKb((*cluster)->KubeletPid()) / 1024 << " MiB\n";

  const pid_t containerd_pid =
      PidFromFile((*cluster)->data_dir() + "/containerd/containerd.pid");
  const absl::Duration floor_cpu_before = CpuTime(containerd_pid);
  auto floor = CriFloor(**cluster, static_cast<int>(options.cri_rounds));
  // Includes stopping and removing the floor's pods.
  const absl::Duration floor_cpu = CpuTime(containerd_pid) - floor_cpu_before;
  if (!floor.ok()) {
    std::cerr << "pod-startup-bench: CRI floor: " << floor.status() << "\n";
    return 1;
  }

  RunningWatcher watcher((*cluster)->client());
  if (absl::Status status = watcher.Start(); !status.ok()) {
    std::cerr << "pod-startup-bench: watch: " << status << "\n";
    return 1;
  }
  const pid_t kubelet_pid = (*cluster)->KubeletPid();
  const absl::Duration kubelet_cpu_before = CpuTime(kubelet_pid);
  const absl::Duration containerd_cpu_before = CpuTime(containerd_pid);
  const auto machine_before = MachineJiffies();
  std::map<std::string, absl::Time> created;
  const absl::Duration interval = absl::Seconds(1) / std::max<int64_t>(options.rate, 1);
  const absl::Time first = absl::Now();
  for (int i = 0; i < options.pods; ++i) {
    absl::SleepFor(first + i * interval - absl::Now());
    Pod pod = BenchPod(i);
    absl::Time start = absl::Now();
    auto made = (*cluster)->client().Create(pod);
    if (!made.ok()) {
      std::cerr << "pod-startup-bench: create " << pod.metadata().name() << ": " << made.status()
                << "\n";
      watcher.Stop();
      return 1;
    }
    created[pod.metadata().name()] = start;
  }
  const absl::Time deadline = absl::Now() + options.timeout;
  while (watcher.running().size() < created.size() && absl::Now() < deadline &&
         watcher.error().empty()) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  watcher.Stop();
  const absl::Duration pods_took = absl::Now() - first;
  const int64_t kubelet_rss = RssKb(kubelet_pid);
  const int64_t containerd_rss = RssKb(containerd_pid);
  const absl::Duration kubelet_cpu = CpuTime(kubelet_pid) - kubelet_cpu_before;
  const absl::Duration containerd_cpu = CpuTime(containerd_pid) - containerd_cpu_before;
  const auto machine_after = MachineJiffies();
  const double machine_busy =
      100.0 * (machine_after.first - machine_before.first) /
      std::max<int64_t>(machine_after.second - machine_before.second, 1);

  std::map<std::string, absl::Time> running = watcher.running();
  std::map<std::string, absl::Time> bound = watcher.bound();
  std::vector<absl::Duration> latencies, first_tenth, last_tenth, to_bound, bound_to_running;
  const int64_t tenth = std::max<int64_t>(options.pods / 10, 1);
  for (int i = 0; i < options.pods; ++i) {
    const std::string name = StrCat("startup-", i);
    auto it = running.find(name);
    if (it == running.end()) continue;
    absl::Duration latency = it->second - created[name];
    latencies.push_back(latency);
    if (auto b = bound.find(name); b != bound.end()) {
      to_bound.push_back(b->second - created[name]);
      bound_to_running.push_back(it->second - b->second);
    }
    if (i < tenth) first_tenth.push_back(latency);
    if (i >= options.pods - tenth) last_tenth.push_back(latency);
  }
  std::cout << "\nCRI floor, " << floor->size()
            << " pods one at a time (RunPodSandbox + CreateContainer + StartContainer): "
            << Format(Summarize(*floor)) << "; containerd CPU "
            << absl::FormatDuration(absl::Trunc(floor_cpu / std::max<size_t>(floor->size(), 1),
                                                absl::Milliseconds(1)))
            << " per pod (start, stop and removal)\n";
  std::cout << "pod startup, " << options.pods << " pods created at " << options.rate
            << "/s, creation to Running seen by watch: " << Format(Summarize(latencies)) << "\n";
  std::cout << "  creation to bound (scheduler): " << Format(Summarize(to_bound)) << "\n";
  std::cout << "  bound to Running (kubelet): " << Format(Summarize(bound_to_running)) << "\n";
  std::cout << "  first " << tenth << " pods: " << Format(Summarize(first_tenth)) << "\n";
  std::cout << "  last " << tenth << " pods: " << Format(Summarize(last_tenth)) << "\n";
  std::cout << "pods Running: " << latencies.size() << " of " << created.size() << " in "
            << absl::FormatDuration(absl::Trunc(pods_took, absl::Milliseconds(1)))
            << "; CPU used meanwhile: kubelet "
            << absl::FormatDuration(absl::Trunc(kubelet_cpu, absl::Milliseconds(10)))
            << ", containerd "
            << absl::FormatDuration(absl::Trunc(containerd_cpu, absl::Milliseconds(10)))
            << " (shims and runc not counted); all cpus " << static_cast<int>(machine_busy + 0.5)
            << "% busy (everything on the machine)\n";
  std::cout << "kubelet RSS with " << latencies.size() << " pods: " << kubelet_rss / 1024
            << " MiB (containerd " << containerd_rss / 1024 << " MiB)\n";
  if (!watcher.error().empty()) std::cout << "watch ended early: " << watcher.error() << "\n";
  std::cout << "tearing down (cluster-down.sh) ...\n" << std::flush;
  cluster->reset();
  return latencies.size() == created.size() ? 0 : 1;
}

}  // namespace
}  // namespace kube::bench

int main(int argc, char** argv) {
  kube::bench::Options options;
  kube::flags::FlagSet flags("pod-startup-bench",
                             "Measures pod startup latency on a one-node cluster on real "
                             "containerd (root only), beside the direct CRI floor.");
  flags.Int("pods", &options.pods, "Pods to create.");
  flags.Int("rate", &options.rate, "Pods created per second.");
  flags.Int("cri-rounds", &options.cri_rounds, "Pods run straight through CRI for the floor.");
  flags.Duration("timeout", &options.timeout, "How long to wait for every pod to be Running.");
  if (absl::Status status = flags.Parse(argc, argv); !status.ok()) {
    std::cerr << "Error: " << status.message() << "\n\n" << flags.Usage();
    return 2;
  }
  if (flags.help_requested()) {
    std::cout << flags.Usage();
    return 0;
  }
  return kube::bench::Run(options);
}

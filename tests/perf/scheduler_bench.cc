// scheduler-bench: kube-scheduler's throughput, as upstream's scheduler_perf
// SchedulingBasic measures it. Starts the real kube-apiserver, creates N fake Node
// objects and M pending pods up front (small requests, ample capacity), then starts
// the real kube-scheduler and reports the pods bound per second from the first to
// the last binding a watch observes, and the scheduler's peak RSS.
//
//   scheduler-bench --nodes N --pods M [--direct-bind-threads T] [--transport grpc|rest]
//                   [--scheduler-flags=--parallelism=2,--api-workers=32] [--timeout 600s]
//
// With --direct-bind-threads T > 0 a second phase binds M more pods straight from
// the bench with T threads (no scheduler), the same way: the apiserver's own
// ceiling for bindings, to compare the scheduler against.

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "common/client/kubeconfig.h"
#include "common/flags/flag_set.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/scheduler_process.h"

namespace kube::bench {
namespace {

using k8s::core::v1::Pod;

struct Options {
  int64_t nodes = 500;
  int64_t pods = 5000;
  int64_t create_threads = 16;
  int64_t direct_bind_threads = 0;
  std::string transport = "grpc";
  std::vector<std::string> scheduler_flags;
  absl::Duration timeout = absl::Minutes(10);
};

// scheduler_perf's node-default.yaml.
k8s::core::v1::Node BenchNode(int i) {
  k8s::core::v1::Node node;
  node.mutable_metadata()->set_name(StrCat("node-", i));
  (*node.mutable_metadata()->mutable_labels())["kubernetes.io/hostname"] = node.metadata().name();
  for (auto [name, value] : {std::pair{"pods", "110"}, {"cpu", "4"}, {"memory", "32Gi"}}) {
    (*node.mutable_status()->mutable_capacity())[name].set_string(value);
    (*node.mutable_status()->mutable_allocatable())[name].set_string(value);
  }
  auto* ready = node.mutable_status()->add_conditions();
  ready->set_type("Ready");
  ready->set_status("True");
  return node;
}

// scheduler_perf's pod-default.yaml.
Pod BenchPod(const std::string& ns, int i) {
  Pod pod;
  pod.mutable_metadata()->set_name(StrCat("pod-", i));
  pod.mutable_metadata()->set_namespace_(ns);
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("pause");
  container->set_image("registry.k8s.io/pause:3.10");
  container->add_ports()->set_containerport(80);
  for (auto* list : {container->mutable_resources()->mutable_requests(),
                     container->mutable_resources()->mutable_limits()}) {
    (*list)["cpu"].set_string("100m");
    (*list)["memory"].set_string("500Mi");
  }
  return pod;
}

// Runs `work(i)` for i in [0, count) on `threads` threads; returns the failures.
int64_t Parallel(int64_t count, int64_t threads, const std::function<bool(int64_t)>& work) {
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> failures{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int64_t i = next++; i < count; i = next++) {
        if (!work(i)) ++failures;
      }
    });
  }
  for (auto& thread : pool) thread.join();
  return failures.load();
}

// Watches pods in one namespace and notes when each is first seen bound.
class BindingWatch {
 public:
  BindingWatch(const client::Client& client, const std::string& ns, std::string resource_version)
      : client_(client), ns_(ns), resource_version_(std::move(resource_version)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~BindingWatch() {
    stop_ = true;
    thread_.join();
  }
  int64_t bound() {
    absl::MutexLock lock(&mu_);
    return bound_;
  }
  // Waits until `count` pods are bound or `deadline`; true if they are.
  bool WaitFor(int64_t count, absl::Time deadline) {
    absl::MutexLock lock(&mu_);
    auto done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return bound_ >= count; };
    return mu_.AwaitWithDeadline(absl::Condition(&done), deadline);
  }
  absl::Time first() {
    absl::MutexLock lock(&mu_);
    return first_;
  }
  absl::Time last() {
    absl::MutexLock lock(&mu_);
    return last_;
  }

 private:
  void Run() {
    while (!stop_) {
      client::ListOptions options;
      options.resource_version = resource_version_;
      auto stream = client_.Watch<Pod>(ns_, options);
      if (!stream.ok()) {
        absl::SleepFor(absl::Milliseconds(100));
        continue;
      }
      while (!stop_) {
        auto events = (*stream)->Next(absl::Milliseconds(100));
        if (!events.ok()) break;
        const absl::Time now = absl::Now();
        for (const auto& event : *events) {
          if (event.object == nullptr || event.object->GetDescriptor() != Pod::descriptor()) continue;
          const auto& pod = static_cast<const Pod&>(*event.object);
          resource_version_ = pod.metadata().resourceversion();
          if (pod.spec().nodename().empty() || !seen_.insert(pod.metadata().name()).second) continue;
          absl::MutexLock lock(&mu_);
          if (bound_ == 0) first_ = now;
          last_ = now;
          ++bound_;
        }
      }
    }
  }

  const client::Client& client_;
  const std::string ns_;
  std::string resource_version_;  // watch thread only
  std::set<std::string> seen_;    // watch thread only
  std::atomic<bool> stop_{false};
  absl::Mutex mu_;
  int64_t bound_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time first_ ABSL_GUARDED_BY(mu_);
  absl::Time last_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;  // last: started after the members above
};

// The peak resident set of a process in MiB (VmHWM), -1 if unknown.
double PeakRssMiB(pid_t pid) {
  std::ifstream status(StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

// One metric's value from Prometheus text ("0" if absent).
std::string MetricValue(const std::string& text, const std::string& series) {
  size_t at = text.find("\n" + series + " ");
  if (at == std::string::npos) return "0";
  size_t start = at + series.size() + 2;
  return text.substr(start, text.find('\n', start) - start);
}

// CPU time (user + system) a process has used so far, in seconds.
double CpuSeconds(pid_t pid) {
  std::ifstream stat(StrCat("/proc/", pid, "/stat"));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t end = text.rfind(')');
  if (end == std::string::npos) return 0;
  std::istringstream fields(text.substr(end + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
    if (i == 15) break;
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double Rate(int64_t count, absl::Time first, absl::Time last) {
  double seconds = absl::ToDoubleSeconds(last - first);
  return count > 1 && seconds > 0 ? (count - 1) / seconds : 0;
}

int Run(const Options& options) {
  testing::ApiServerProcess server({"--grpc-port=auto"});
  std::string why;
  if (!server.Start(&why)) {
    std::cerr << why << "\n";
    return 1;
  }
  // The bench's own writes (nodes, pods) as the admin, over TLS.
  absl::StatusOr<client::ClientConfig> config = client::LoadKubeconfigFile(
      server.KubeconfigFor(testing::TestPki::Shared().admin(), options.transport == "grpc"));
  if (!config.ok()) {
    std::cerr << config.status() << "\n";
    return 1;
  }
  auto transport = client::NewTransport(*config);
  if (!transport.ok()) {
    std::cerr << transport.status() << "\n";
    return 1;
  }
  client::Client client(std::move(*transport));

  absl::Time start = absl::Now();
  int64_t failed = Parallel(options.nodes, options.create_threads, [&](int64_t i) {
    return client.Create(BenchNode(static_cast<int>(i))).ok();
  });
  double node_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  start = absl::Now();
  failed += Parallel(options.pods, options.create_threads, [&](int64_t i) {
    return client.Create(BenchPod("default", static_cast<int>(i))).ok();
  });
  double pod_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (failed > 0) {
    std::cerr << failed << " creates failed\n";
    return 1;
  }
  std::printf("created %lld nodes in %.1f s, %lld pending pods in %.1f s (%.0f creates/s)\n",
              static_cast<long long>(options.nodes), node_seconds,
              static_cast<long long>(options.pods), pod_seconds, options.pods / pod_seconds);

  auto list = client.List<Pod>("default", {.limit = 1});
  if (!list.ok()) {
    std::cerr << list.status() << "\n";
    return 1;
  }
  BindingWatch watch(client, "default", list->resource_version);
  std::vector<std::string> flags = {"--leader-elect=false"};
  flags.insert(flags.end(), options.scheduler_flags.begin(), options.scheduler_flags.end());
  testing::SchedulerProcess scheduler(server, flags, options.transport == "grpc");
  const absl::Time scheduler_start = absl::Now();
  const double apiserver_cpu_before = CpuSeconds(server.pid());
  if (!scheduler.Start(&why)) {
    std::cerr << why << "\n";
    return 1;
  }
  const absl::Time ready = absl::Now();
  bool all = watch.WaitFor(options.pods, absl::Now() + options.timeout);
  const int64_t bound = watch.bound();
  const double rss = PeakRssMiB(scheduler.pid());
  const double scheduler_cpu = CpuSeconds(scheduler.pid());
  const double apiserver_cpu = CpuSeconds(server.pid()) - apiserver_cpu_before;
  const std::string metrics = scheduler.Metrics();
  scheduler.Terminate();

  const absl::Time first = watch.first(), last = watch.last();
  std::printf(
      "scheduler: %lld/%lld pods bound%s; ready %.2f s after start, first binding %.2f s after "
      "ready\n",
      static_cast<long long>(bound), static_cast<long long>(options.pods),
      all ? "" : " (TIMED OUT)", absl::ToDoubleSeconds(ready - scheduler_start),
      absl::ToDoubleSeconds(first - ready));
  std::printf("THROUGHPUT nodes=%lld pods=%lld: %.0f pods/s (first to last binding, %.2f s); "
              "scheduler peak RSS %.1f MiB\n",
              static_cast<long long>(options.nodes), static_cast<long long>(options.pods),
              Rate(bound, first, last), absl::ToDoubleSeconds(last - first), rss);
  std::printf("cpu: kube-scheduler %.2f s, kube-apiserver %.2f s over %.2f s (%.0f us of apiserver "
              "cpu per bound pod)\n",
              scheduler_cpu, apiserver_cpu, absl::ToDoubleSeconds(absl::Now() - scheduler_start),
              bound > 0 ? 1e6 * apiserver_cpu / bound : 0.0);
  std::string attempt_sum = MetricValue(
      metrics,
      "scheduler_scheduling_attempt_duration_seconds_sum{profile=\"default-scheduler\",result=\"scheduled\"}");
  std::string attempt_count = MetricValue(
      metrics,
      "scheduler_scheduling_attempt_duration_seconds_count{profile=\"default-scheduler\",result=\"scheduled\"}");
  if (std::stod(attempt_count) > 0) {
    std::printf("scheduler: mean attempt (filter+score+assume) %.1f us over %s attempts; "
                "binding calls %s ok / %s failed, mean %.2f ms; events dropped %s\n",
                1e6 * std::stod(attempt_sum) / std::stod(attempt_count), attempt_count.c_str(),
                MetricValue(metrics, "scheduler_bindings_total{result=\"ok\"}").c_str(),
                MetricValue(metrics, "scheduler_bindings_total{result=\"error\"}").c_str(),
                1e3 * std::stod(MetricValue(metrics, "scheduler_binding_duration_seconds_sum")) /
                    std::max(1.0, std::stod(MetricValue(metrics, "scheduler_binding_duration_seconds_count"))),
                MetricValue(metrics, "scheduler_events_dropped").c_str());
  }

  if (options.direct_bind_threads > 0) {
    // The apiserver alone: the same bindings, made by the bench as fast as it can.
    k8s::core::v1::Namespace ns;
    ns.mutable_metadata()->set_name("direct");
    if (!client.Create(ns).ok()) return 1;
    if (Parallel(options.pods, options.create_threads, [&](int64_t i) {
          return client.Create(BenchPod("direct", static_cast<int>(i))).ok();
        }) > 0) {
      return 1;
    }
    auto direct_list = client.List<Pod>("direct", {.limit = 1});
    if (!direct_list.ok()) return 1;
    BindingWatch direct(client, "direct", direct_list->resource_version);
    const absl::Time bind_start = absl::Now();
    const double direct_cpu_before = CpuSeconds(server.pid());
    int64_t bind_failures = Parallel(options.pods, options.direct_bind_threads, [&](int64_t i) {
      k8s::core::v1::Binding binding;
      binding.mutable_metadata()->set_name(StrCat("pod-", i));
      binding.mutable_target()->set_kind("Node");
      binding.mutable_target()->set_name(StrCat("node-", i % options.nodes));
      return client.transport()
          .Create(client::ResourceFor<Pod>(), "direct", binding, {}, "binding")
          .ok();
    });
    const absl::Time bind_end = absl::Now();
    direct.WaitFor(options.pods, absl::Now() + options.timeout);
    const double direct_cpu = CpuSeconds(server.pid()) - direct_cpu_before;
    std::printf("DIRECT %lld threads: %.0f bindings/s observed by watch (%.0f/s by the callers, "
                "%lld failed); apiserver cpu %.2f s (%.0f us per binding)\n",
                static_cast<long long>(options.direct_bind_threads),
                Rate(direct.bound(), direct.first(), direct.last()),
                options.pods / absl::ToDoubleSeconds(bind_end - bind_start),
                static_cast<long long>(bind_failures), direct_cpu,
                1e6 * direct_cpu / std::max<int64_t>(1, direct.bound()));
  }
  return all ? 0 : 1;
}

}  // namespace
}  // namespace kube::bench

int main(int argc, char** argv) {
  kube::bench::Options options;
  kube::flags::FlagSet flags("scheduler-bench",
                             "Measures kube-scheduler's throughput against the real apiserver, as "
                             "scheduler_perf's SchedulingBasic does.");
  flags.Int("nodes", &options.nodes, "Fake Node objects to create.");
  flags.Int("pods", &options.pods, "Pending pods to create before the scheduler starts.");
  flags.Int("create-threads", &options.create_threads, "Threads creating nodes and pods.");
  flags.Int("direct-bind-threads", &options.direct_bind_threads,
            "If positive, also measure the apiserver binding pods directly with this many threads.");
  flags.String("transport", &options.transport, "How the scheduler and bench talk: grpc or rest.");
  flags.StringList("scheduler-flags", &options.scheduler_flags,
                   "Extra kube-scheduler flags, comma-separated.");
  flags.Duration("timeout", &options.timeout, "How long to wait for every pod to be bound.");
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

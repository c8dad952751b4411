// api-write-bench: how much of the storage backend's write rate survives the trip
// through kube-apiserver. In one run it measures raw backend writes (the bytes of a
// pod straight into the store) and pod creates through the real apiserver binary at
// the same concurrency, and prints both rates, their ratio and create latencies.
//
//   api-write-bench --backend sqlite|etcd3 [--duration S] [--concurrency N] [--rate R]
//
// --rate R paces each phase at R writes/s in total (0: as fast as possible), for
// latency at a given load. etcd3 starts a private single-member etcd on loopback.
// The creates go over HTTPS with a client certificate; --identity rbac (the
// default) is a user RBAC allows to create pods through a ClusterRoleBinding among
// the default policy's, so every request pays authentication and an RBAC walk;
// --identity masters is the system:masters admin, whom authorization waves through;
// --identity plain creates over the development-only --insecure-port (plain HTTP,
// no authentication or authorization): the cost of TLS and auth is the difference.
// A third phase creates custom resources of a CRD with a schema (validated, pruned
// and defaulted, stored as JSON) at the same concurrency, beside the pod creates.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <thread>

#include <httplib.h>

#include "absl/synchronization/mutex.h"
#include "apiserver/storage/etcd/etcd_storage.h"
#include "apiserver/storage/sqlite/sqlite_storage.h"
#include "common/codec/json_encode.h"
#include "common/flags/flag_set.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/support/api_client.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/etcd_test_cluster.h"

namespace kube::bench {
namespace {

struct Options {
  std::string backend = "sqlite";
  absl::Duration duration = absl::Seconds(10);
  int64_t concurrency = 8;
  int64_t rate = 0;
  std::string identity = "rbac";  // rbac | masters
};

struct PhaseResult {
  int64_t writes = 0;
  int64_t errors = 0;
  absl::Duration elapsed;
  std::vector<double> latencies_ms;

  double rate() const { return writes / absl::ToDoubleSeconds(elapsed); }
  double Percentile(double p) {
    if (latencies_ms.empty()) return 0;
    std::sort(latencies_ms.begin(), latencies_ms.end());
    size_t index = static_cast<size_t>(p * (latencies_ms.size() - 1));
    return latencies_ms[index];
  }
};

k8s::core::v1::Pod BenchPod(const std::string& name) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("default");
  (*pod.mutable_metadata()->mutable_labels())["app"] = "bench";
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("c");
  container->set_image("busybox");
  container->add_args("sleep");
  container->add_args("3600");
  return pod;
}

// Runs `write(thread, i)` from `concurrency` threads for the duration, paced at
// `rate` writes/s in total when it is positive. Bounded by the duration.
PhaseResult RunPhase(const Options& options,
                     const std::function<bool(int thread, int64_t i)>& write) {
  absl::Mutex mu;
  PhaseResult result;
  std::atomic<int64_t> next{0};
  const absl::Time start = absl::Now();
  const absl::Time end = start + options.duration;
  const absl::Duration interval =
      options.rate > 0 ? absl::Seconds(1) * options.concurrency / options.rate : absl::ZeroDuration();
  std::vector<std::thread> threads;
  for (int t = 0; t < options.concurrency; ++t) {
    threads.emplace_back([&, t] {
      std::vector<double> latencies;
      int64_t writes = 0, errors = 0;
      absl::Time due = start + interval * t / options.concurrency;
      while (absl::Now() < end) {
        if (interval > absl::ZeroDuration()) {
          absl::Time now = absl::Now();
          if (due > now) absl::SleepFor(due - now);
          due += interval;
        }
        int64_t i = next.fetch_add(1);
        absl::Time begin = absl::Now();
        bool ok = write(t, i);
        latencies.push_back(absl::ToDoubleMilliseconds(absl::Now() - begin));
        ok ? ++writes : ++errors;
      }
      absl::MutexLock lock(&mu);
      result.writes += writes;
      result.errors += errors;
      result.latencies_ms.insert(result.latencies_ms.end(), latencies.begin(), latencies.end());
    });
  }
  for (std::thread& thread : threads) thread.join();
  result.elapsed = absl::Now() - start;
  return result;
}

int Main(int argc, char** argv) {
  Options options;
  flags::FlagSet flags("api-write-bench",
                       "Compares raw storage writes with pod creates through kube-apiserver.");
  flags.String("backend", &options.backend, "sqlite or etcd3.");
  flags.Duration("duration", &options.duration, "How long each phase runs.");
  flags.Int("concurrency", &options.concurrency, "Concurrent writers in each phase.");
  flags.Int("rate", &options.rate, "Total writes/s to pace at; 0 runs flat out.");
  flags.String("identity", &options.identity,
               "Who creates: rbac (a user RBAC authorizes), masters (system:masters) or plain "
               "(HTTP on the development-only insecure port, no auth).");
  if (absl::Status status = flags.Parse(argc, argv); !status.ok() || flags.help_requested()) {
    std::cerr << status.message() << "\n" << flags.Usage();
    return status.ok() ? 0 : 2;
  }
  if (options.backend != "sqlite" && options.backend != "etcd3") {
    std::cerr << "--backend must be sqlite or etcd3\n";
    return 2;
  }
  if (options.identity != "rbac" && options.identity != "masters" &&
      options.identity != "plain") {
    std::cerr << "--identity must be rbac, masters or plain\n";
    return 2;
  }

  testing::TempDir dir;
  std::unique_ptr<storage::etcd::testing::EtcdTestCluster> etcd;
  if (options.backend == "etcd3") {
    auto started = storage::etcd::testing::EtcdTestCluster::Start(1);
    if (!started.ok()) {
      std::cerr << "cannot start etcd: " << started.status() << "\n";
      return 1;
    }
    etcd = std::move(*started);
  }

  // Raw: the same pod bytes straight into the backend.
  PhaseResult raw;
  {
    absl::StatusOr<std::unique_ptr<storage::Storage>> store;
    if (etcd) {
      store = storage::OpenEtcdStorage(etcd->Options("/bench-raw"));
    } else {
      store = storage::OpenSqliteStorage(dir.path() + "/raw.db");
    }
    if (!store.ok()) {
      std::cerr << "cannot open the backend: " << store.status() << "\n";
      return 1;
    }
    const std::string bytes = BenchPod("template").SerializeAsString();
    raw = RunPhase(options, [&](int, int64_t i) {
      return (*store)->Create("/registry/pods/default/raw-" + std::to_string(i), bytes).ok();
    });
  }

  // Through the apiserver: JSON pod creates over HTTP with keep-alive.
  std::vector<std::string> apiserver_flags;
  if (etcd) {
    apiserver_flags = {"--storage-backend", "etcd3", "--etcd-servers", etcd->endpoints()[0],
                       "--etcd-prefix", "/bench-api"};
  }
  const int insecure_port = options.identity == "plain" ? testing::FreePort() : 0;
  if (insecure_port != 0) {
    apiserver_flags.insert(apiserver_flags.end(),
                           {"--insecure-port", std::to_string(insecure_port)});
  }
  testing::ApiServerProcess apiserver(apiserver_flags);
  std::string why;
  if (!apiserver.Start(&why)) {
    std::cerr << why << "\n";
    return 1;
  }
  const testing::TestPki& pki = testing::TestPki::Shared();
  testing::TlsIdentity identity = pki.admin();
  if (options.identity == "rbac") {
    identity = pki.Issue("bench-writer");
    testing::ApiClient admin(apiserver);
    const std::string rbac = "/apis/rbac.authorization.k8s.io/v1/";
    if (admin.Post(rbac + "clusterroles",
                   R"({"metadata":{"name":"bench-pod-writer"},"rules":[{"apiGroups":[""],)"
                   R"("resources":["pods"],"verbs":["create"]},{"apiGroups":["bench.example.com"],)"
                   R"("resources":["widgets"],"verbs":["create"]}]})")
                .status != 201 ||
        admin.Post(rbac + "clusterrolebindings",
                   R"({"metadata":{"name":"bench-pod-writer"},"roleRef":{"apiGroup":)"
                   R"("rbac.authorization.k8s.io","kind":"ClusterRole","name":"bench-pod-writer"},)"
                   R"("subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io",)"
                   R"("name":"bench-writer"}]})")
                .status != 201) {
      std::cerr << "cannot grant bench-writer pod creates\n";
      return 1;
    }
  }
  std::vector<std::unique_ptr<httplib::Client>> clients;
  for (int t = 0; t < options.concurrency; ++t) {
    if (insecure_port != 0) {
      clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", insecure_port));
    } else {
      clients.push_back(std::make_unique<httplib::Client>(apiserver.url(), identity.cert_file,
                                                           identity.key_file));
      clients.back()->set_ca_cert_path(pki.ca_file().c_str());
      clients.back()->enable_server_certificate_verification(true);
    }
    clients.back()->set_keep_alive(true);
    clients.back()->set_tcp_nodelay(true);
  }
  // Bodies are spliced from one encoded pod so the client's own encoding cost stays
  // out of the apiserver's figure.
  const std::string templ = codec::EncodeJson(BenchPod("NAME_PLACEHOLDER"));
  const size_t name_at = templ.find("NAME_PLACEHOLDER");
  PhaseResult api = RunPhase(options, [&](int thread, int64_t i) {
    std::string body = templ.substr(0, name_at) + "api-" + std::to_string(i) +
                       templ.substr(name_at + std::string("NAME_PLACEHOLDER").size());
    auto result = clients[thread]->Post("/api/v1/namespaces/default/pods", body, "application/json");
    return result && result->status == 201;
  });

  // Custom resources: a CRD with a schema, then creates of its objects.
  {
    testing::ApiClient admin(apiserver);
    const std::string crd =
        R"({"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",)"
        R"("metadata":{"name":"widgets.bench.example.com"},"spec":{"group":"bench.example.com",)"
        R"("scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},"versions":[{)"
        R"("name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",)"
        R"("properties":{"spec":{"type":"object","properties":{"image":{"type":"string"},)"
        R"("args":{"type":"array","items":{"type":"string"}},)"
        R"("replicas":{"type":"integer","minimum":0,"default":1}}}}}}}]}})";
    if (admin.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd).status != 201) {
      std::cerr << "cannot create the bench CRD\n";
      return 1;
    }
    // Served once established: wait (bounded) until a list answers.
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (admin.Get("/apis/bench.example.com/v1/widgets").status != 200) {
      if (absl::Now() > deadline) {
        std::cerr << "the bench CRD was not served within 30s\n";
        return 1;
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  const std::string widget =
      R"({"apiVersion":"bench.example.com/v1","kind":"Widget","metadata":{"name":"NAME_PLACEHOLDER",)"
      R"("labels":{"app":"bench"}},"spec":{"image":"busybox","args":["sleep","3600"]}})";
  const size_t widget_name_at = widget.find("NAME_PLACEHOLDER");
  PhaseResult custom = RunPhase(options, [&](int thread, int64_t i) {
    std::string body = widget.substr(0, widget_name_at) + "cr-" + std::to_string(i) +
                       widget.substr(widget_name_at + std::string("NAME_PLACEHOLDER").size());
    auto result = clients[thread]->Post("/apis/bench.example.com/v1/namespaces/default/widgets",
                                        body, "application/json");
    return result && result->status == 201;
  });

  std::printf("backend: %s  identity: %s  concurrency: %lld  duration: %.0fs  rate: %s\n",
              options.backend.c_str(), options.identity.c_str(),
              static_cast<long long>(options.concurrency), absl::ToDoubleSeconds(options.duration),
              options.rate > 0 ? std::to_string(options.rate).c_str() : "unpaced");
  std::printf("raw backend writes:    %8.0f/s  (%lld ok, %lld errors)  p50 %.2f ms  p99 %.2f ms\n",
              raw.rate(), static_cast<long long>(raw.writes), static_cast<long long>(raw.errors),
              raw.Percentile(0.50), raw.Percentile(0.99));
  std::printf("apiserver pod creates: %8.0f/s  (%lld ok, %lld errors)  p50 %.2f ms  p99 %.2f ms\n",
              api.rate(), static_cast<long long>(api.writes), static_cast<long long>(api.errors),
              api.Percentile(0.50), api.Percentile(0.99));
  std::printf("apiserver CR creates:  %8.0f/s  (%lld ok, %lld errors)  p50 %.2f ms  p99 %.2f ms\n",
              custom.rate(), static_cast<long long>(custom.writes),
              static_cast<long long>(custom.errors), custom.Percentile(0.50),
              custom.Percentile(0.99));
  std::printf("ratio: %.2f  (custom resources to pods: %.2f)\n",
              raw.rate() > 0 ? api.rate() / raw.rate() : 0.0,
              api.rate() > 0 ? custom.rate() / api.rate() : 0.0);
  return 0;
}

}  // namespace
}  // namespace kube::bench

int main(int argc, char** argv) { return kube::bench::Main(argc, argv); }

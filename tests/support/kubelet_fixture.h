#pragma once

// Header-only helpers for the kubelet's integration tests: a server with one
// kubelet on the fake runtime, a typed client, pods to create and ways to wait.

#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/client_config.h"
#include "tests/support/kubelet_process.h"

namespace kube::testing {

// Polls `done` every 100 ms until it is true or `timeout` passes.
inline bool WaitUntil(const std::function<bool()>& done,
                      absl::Duration timeout = absl::Seconds(30)) {
  absl::Time deadline = absl::Now() + timeout;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return true;
}

// A pod bound to `node` (spec.nodeName set: no scheduler involved) running one
// container per name, with fake runtime annotations.
inline k8s::core::v1::Pod BoundPod(const std::string& name, const std::string& node,
                                   const std::vector<std::string>& containers = {"app"},
                                   const std::map<std::string, std::string>& annotations = {}) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("default");
  for (const auto& [key, value] : annotations) {
    (*pod.mutable_metadata()->mutable_annotations())[key] = value;
  }
  pod.mutable_spec()->set_nodename(node);
  for (const std::string& container : containers) {
    auto* c = pod.mutable_spec()->add_containers();
    c->set_name(container);
    c->set_image("registry.k8s.io/pause:3.9");
  }
  return pod;
}

// The real apiserver (REST and gRPC) and one kubelet on the fake runtime.
class KubeletCluster {
 public:
  explicit KubeletCluster(std::vector<std::string> kubelet_flags = {},
                          const std::string& node = "node-1")
      : server_({"--grpc-port=auto"}) {
    std::string why;
    bool started = server_.Start(&why);
    INFO(why);
    REQUIRE(started);
    auto transport = client::NewTransport(
        ClientConfigFor(server_, /*grpc=*/true));
    REQUIRE(transport.ok());
    client_ = std::make_unique<client::Client>(std::move(*transport));
    kubelet_ = std::make_unique<KubeletProcess>(server_, node, std::move(kubelet_flags));
    bool kubelet_started = kubelet_->Start(&why);
    INFO(why);
    REQUIRE(kubelet_started);
  }

  ApiServerProcess& server() { return server_; }
  KubeletProcess& kubelet() { return *kubelet_; }
  const client::Client& client() const { return *client_; }

  std::unique_ptr<k8s::core::v1::Pod> GetPod(const std::string& name) {
    auto pod = client_->Get<k8s::core::v1::Pod>("default", name);
    return pod.ok() ? std::move(*pod) : nullptr;
  }

  // Waits until the pod satisfies `done` and returns it (nullptr after `timeout`,
  // with the kubelet's log tail attached to the failure).
  std::unique_ptr<k8s::core::v1::Pod> WaitForPod(
      const std::string& name, const std::function<bool(const k8s::core::v1::Pod&)>& done,
      absl::Duration timeout = absl::Seconds(30)) {
    std::unique_ptr<k8s::core::v1::Pod> pod;
    bool ok = WaitUntil(
        [&] {
          pod = GetPod(name);
          return pod != nullptr && done(*pod);
        },
        timeout);
    if (!ok) {
      std::string log = kubelet_->log();
      if (log.size() > 6000) log = log.substr(log.size() - 6000);
      UNSCOPED_INFO("kubelet log tail:\n" << log);
      if (pod != nullptr) UNSCOPED_INFO("last pod status:\n" << pod->status().DebugString());
      return nullptr;
    }
    return pod;
  }

  std::unique_ptr<k8s::core::v1::Pod> Create(const k8s::core::v1::Pod& pod) {
    auto created = client_->Create(pod);
    INFO(created.status());
    REQUIRE(created.ok());
    return std::move(*created);
  }

 private:
  ApiServerProcess server_;
  std::unique_ptr<client::Client> client_;
  std::unique_ptr<KubeletProcess> kubelet_;
};

inline const k8s::core::v1::PodCondition* PodConditionOf(const k8s::core::v1::Pod& pod,
                                                         const std::string& type) {
  for (const auto& condition : pod.status().conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

inline bool PodReady(const k8s::core::v1::Pod& pod) {
  const auto* ready = PodConditionOf(pod, "Ready");
  return ready != nullptr && ready->status() == "True";
}

}  // namespace kube::testing

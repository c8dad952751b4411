#pragma once

// Header-only helpers for the scheduler's integration tests: the real apiserver,
// the real kube-scheduler processes, fake Node objects (no kubelet: status set at
// create), pods to schedule and ways to wait for them.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/time/clock.h"
#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/client_config.h"
#include "tests/support/scheduler_process.h"

namespace kube::testing {

// A Node as a kubelet would register it: capacity = allocatable, Ready.
class FakeNode {
 public:
  explicit FakeNode(const std::string& name) {
    node_.mutable_metadata()->set_name(name);
    (*node_.mutable_metadata()->mutable_labels())["kubernetes.io/hostname"] = name;
    Resource("cpu", "4").Resource("memory", "8Gi").Resource("pods", "110");
    auto* ready = node_.mutable_status()->add_conditions();
    ready->set_type("Ready");
    ready->set_status("True");
    ready->set_reason("KubeletReady");
  }
  FakeNode& Resource(const std::string& name, const std::string& value) {
    (*node_.mutable_status()->mutable_capacity())[name].set_string(value);
    (*node_.mutable_status()->mutable_allocatable())[name].set_string(value);
    return *this;
  }
  FakeNode& Label(const std::string& key, const std::string& value) {
    (*node_.mutable_metadata()->mutable_labels())[key] = value;
    return *this;
  }
  FakeNode& Taint(const std::string& key, const std::string& value, const std::string& effect) {
    auto* taint = node_.mutable_spec()->add_taints();
    taint->set_key(key);
    taint->set_value(value);
    taint->set_effect(effect);
    return *this;
  }
  const k8s::core::v1::Node& Obj() const { return node_; }

 private:
  k8s::core::v1::Node node_;
};

// A pending pod with one pause container.
class TestPod {
 public:
  explicit TestPod(const std::string& name) {
    pod_.mutable_metadata()->set_name(name);
    pod_.mutable_metadata()->set_namespace_("default");
    auto* c = pod_.mutable_spec()->add_containers();
    c->set_name("app");
    c->set_image("registry.k8s.io/pause:3.9");
  }
  TestPod& Request(const std::string& name, const std::string& value) {
    (*pod_.mutable_spec()->mutable_containers(0)->mutable_resources()->mutable_requests())[name]
        .set_string(value);
    return *this;
  }
  // Extended resources cannot be overcommitted: the request is also the limit.
  TestPod& Extended(const std::string& name, const std::string& value) {
    auto* resources = pod_.mutable_spec()->mutable_containers(0)->mutable_resources();
    (*resources->mutable_requests())[name].set_string(value);
    (*resources->mutable_limits())[name].set_string(value);
    return *this;
  }
  TestPod& NodeSelector(const std::string& key, const std::string& value) {
    (*pod_.mutable_spec()->mutable_nodeselector())[key] = value;
    return *this;
  }
  TestPod& Toleration(const std::string& key, const std::string& op, const std::string& value,
                      const std::string& effect) {
    auto* t = pod_.mutable_spec()->add_tolerations();
    t->set_key(key);
    t->set_operator_(op);
    t->set_value(value);
    t->set_effect(effect);
    return *this;
  }
  TestPod& HostPort(int port) {
    auto* p = pod_.mutable_spec()->mutable_containers(0)->add_ports();
    p->set_containerport(port);
    p->set_hostport(port);
    return *this;
  }
  TestPod& Label(const std::string& key, const std::string& value) {
    (*pod_.mutable_metadata()->mutable_labels())[key] = value;
    return *this;
  }
  TestPod& Owner(const std::string& kind, const std::string& name, const std::string& uid) {
    auto* owner = pod_.mutable_metadata()->add_ownerreferences();
    owner->set_apiversion("v1");
    owner->set_kind(kind);
    owner->set_name(name);
    owner->set_uid(uid);
    owner->set_controller(true);
    return *this;
  }
  TestPod& SchedulerName(const std::string& name) {
    pod_.mutable_spec()->set_schedulername(name);
    return *this;
  }
  const k8s::core::v1::Pod& Obj() const { return pod_; }

 private:
  k8s::core::v1::Pod pod_;
};

inline const k8s::core::v1::PodCondition* FindCondition(const k8s::core::v1::Pod& pod,
                                                        const std::string& type) {
  for (const auto& condition : pod.status().conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

// Whether the pod carries PodScheduled=False with reason Unschedulable.
inline bool MarkedUnschedulable(const k8s::core::v1::Pod& pod) {
  const auto* condition = FindCondition(pod, "PodScheduled");
  return pod.spec().nodename().empty() && condition != nullptr && condition->status() == "False" &&
         condition->reason() == "Unschedulable";
}

// The real apiserver (REST and gRPC) with a typed gRPC client; schedulers are
// started on demand.
class SchedulerCluster {
 public:
  SchedulerCluster() : server_({"--grpc-port=auto"}) {
    std::string why;
    bool started = server_.Start(&why);
    INFO(why);
    REQUIRE(started);
    auto transport = client::NewTransport(
        ClientConfigFor(server_, /*grpc=*/true));
    REQUIRE(transport.ok());
    client_ = std::make_unique<client::Client>(std::move(*transport));
  }

  ApiServerProcess& server() { return server_; }
  const client::Client& client() const { return *client_; }

  // Starts a kube-scheduler (REQUIREs it to become ready).
  std::unique_ptr<SchedulerProcess> StartScheduler(std::vector<std::string> flags = {}) {
    auto scheduler = std::make_unique<SchedulerProcess>(server_, std::move(flags));
    std::string why;
    bool started = scheduler->Start(&why);
    INFO(why);
    REQUIRE(started);
    return scheduler;
  }

  void CreateNode(const FakeNode& node) {
    auto created = client_->Create(node.Obj());
    INFO(created.status());
    REQUIRE(created.ok());
  }
  // A merge patch of a node ("{\"spec\":{\"unschedulable\":true}}").
  void PatchNode(const std::string& name, const std::string& patch) {
    auto patched = client_->Patch<k8s::core::v1::Node>("", name, client::kMergePatch, patch);
    INFO(patched.status());
    REQUIRE(patched.ok());
  }
  void CreatePod(const TestPod& pod) {
    auto created = client_->Create(pod.Obj());
    INFO(created.status());
    REQUIRE(created.ok());
  }

  std::unique_ptr<k8s::core::v1::Pod> GetPod(const std::string& name) {
    auto pod = client_->Get<k8s::core::v1::Pod>("default", name);
    return pod.ok() ? std::move(*pod) : nullptr;
  }
  std::string NodeOf(const std::string& name) {
    auto pod = GetPod(name);
    return pod == nullptr ? "" : pod->spec().nodename();
  }

  // Polls until `done` holds for the pod; returns it, or nullptr after `timeout`
  // (with the last state and the scheduler's log attached to the failure).
  std::unique_ptr<k8s::core::v1::Pod> WaitForPod(
      const std::string& name, const std::function<bool(const k8s::core::v1::Pod&)>& done,
      const SchedulerProcess* scheduler = nullptr, absl::Duration timeout = absl::Seconds(30)) {
    absl::Time deadline = absl::Now() + timeout;
    std::unique_ptr<k8s::core::v1::Pod> pod;
    while (absl::Now() < deadline) {
      pod = GetPod(name);
      if (pod != nullptr && done(*pod)) return pod;
      absl::SleepFor(absl::Milliseconds(50));
    }
    if (pod != nullptr) UNSCOPED_INFO("pod " << name << " last seen:\n" << pod->DebugString());
    if (scheduler != nullptr) {
      std::string log = scheduler->log();
      if (log.size() > 6000) log = log.substr(log.size() - 6000);
      UNSCOPED_INFO("kube-scheduler log tail:\n" << log);
    }
    return nullptr;
  }
  std::unique_ptr<k8s::core::v1::Pod> WaitForBound(const std::string& name,
                                                   const SchedulerProcess* scheduler = nullptr) {
    return WaitForPod(name, [](const auto& pod) { return !pod.spec().nodename().empty(); },
                      scheduler);
  }
  std::unique_ptr<k8s::core::v1::Pod> WaitForUnschedulable(
      const std::string& name, const SchedulerProcess* scheduler = nullptr) {
    return WaitForPod(name, MarkedUnschedulable, scheduler);
  }

  // Events with `reason` about pods, by pod name.
  std::map<std::string, int> CountEvents(const std::string& reason) {
    std::map<std::string, int> counts;
    auto events = client_->List<k8s::core::v1::Event>("default");
    if (!events.ok()) return counts;
    for (const auto& event : events->items) {
      if (event->reason() == reason) counts[event->involvedobject().name()] += event->count() > 0 ? event->count() : 1;
    }
    return counts;
  }

 private:
  ApiServerProcess server_;
  std::unique_ptr<client::Client> client_;
};

}  // namespace kube::testing

#pragma once

// Builders for the pods and nodes of the scheduler's unit tests (upstream's
// scheduler/testing wrappers):
//
//   Pod pod = MakePod("web").Namespace("ns").Req({{"cpu", "500m"}}).HostPort(80).Obj();
//   Node node = MakeNode("n1").Capacity({{"cpu", "4"}, {"pods", "110"}}).Label("zone", "a").Obj();

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "k8s/core/v1/core.pb.h"
#include "scheduler/framework/node_info.h"
#include "scheduler/framework/pod_info.h"

namespace kube::scheduler::testing {

using Quantities = std::vector<std::pair<std::string, std::string>>;

class PodWrapper {
 public:
  explicit PodWrapper(std::string name) {
    pod_.mutable_metadata()->set_name(name);
    pod_.mutable_metadata()->set_namespace_("default");
    pod_.mutable_metadata()->set_uid("uid-" + name);
    pod_.mutable_spec()->set_schedulername("default-scheduler");
  }
  PodWrapper& Namespace(const std::string& ns) {
    pod_.mutable_metadata()->set_namespace_(ns);
    return *this;
  }
  PodWrapper& Uid(const std::string& uid) {
    pod_.mutable_metadata()->set_uid(uid);
    return *this;
  }
  PodWrapper& Label(const std::string& key, const std::string& value) {
    (*pod_.mutable_metadata()->mutable_labels())[key] = value;
    return *this;
  }
  PodWrapper& Node(const std::string& node) {
    pod_.mutable_spec()->set_nodename(node);
    return *this;
  }
  PodWrapper& SchedulerName(const std::string& name) {
    pod_.mutable_spec()->set_schedulername(name);
    return *this;
  }
  PodWrapper& Priority(int32_t priority) {
    pod_.mutable_spec()->set_priority(priority);
    return *this;
  }
  // A container with these requests.
  PodWrapper& Req(const Quantities& requests) {
    auto* container = pod_.mutable_spec()->add_containers();
    container->set_name("c" + std::to_string(pod_.spec().containers_size()));
    for (const auto& [name, value] : requests) {
      (*container->mutable_resources()->mutable_requests())[name].set_string(value);
    }
    return *this;
  }
  // An init container with these requests (`sidecar`: restartPolicy Always).
  PodWrapper& InitReq(const Quantities& requests, bool sidecar = false) {
    auto* container = pod_.mutable_spec()->add_initcontainers();
    container->set_name("i" + std::to_string(pod_.spec().initcontainers_size()));
    if (sidecar) container->set_restartpolicy("Always");
    for (const auto& [name, value] : requests) {
      (*container->mutable_resources()->mutable_requests())[name].set_string(value);
    }
    return *this;
  }
  PodWrapper& Overhead(const Quantities& overhead) {
    for (const auto& [name, value] : overhead) {
      (*pod_.mutable_spec()->mutable_overhead())[name].set_string(value);
    }
    return *this;
  }
  PodWrapper& HostPort(int32_t port, const std::string& protocol = "", const std::string& ip = "") {
    if (pod_.spec().containers_size() == 0) pod_.mutable_spec()->add_containers()->set_name("c1");
    auto* p = pod_.mutable_spec()->mutable_containers(0)->add_ports();
    p->set_containerport(port);
    p->set_hostport(port);
    if (!protocol.empty()) p->set_protocol(protocol);
    if (!ip.empty()) p->set_hostip(ip);
    return *this;
  }
  PodWrapper& NodeSelector(const std::string& key, const std::string& value) {
    (*pod_.mutable_spec()->mutable_nodeselector())[key] = value;
    return *this;
  }
  PodWrapper& Toleration(const std::string& key, const std::string& op, const std::string& value,
                         const std::string& effect) {
    auto* t = pod_.mutable_spec()->add_tolerations();
    t->set_key(key);
    t->set_operator_(op);
    t->set_value(value);
    t->set_effect(effect);
    return *this;
  }
  // One required node-affinity term; call again for an ORed term.
  PodWrapper& RequiredTerm(const std::vector<k8s::core::v1::NodeSelectorRequirement>& expressions,
                           const std::vector<k8s::core::v1::NodeSelectorRequirement>& fields = {}) {
    auto* term = pod_.mutable_spec()
                     ->mutable_affinity()
                     ->mutable_nodeaffinity()
                     ->mutable_requiredduringschedulingignoredduringexecution()
                     ->add_nodeselectorterms();
    for (const auto& e : expressions) *term->add_matchexpressions() = e;
    for (const auto& f : fields) *term->add_matchfields() = f;
    return *this;
  }
  PodWrapper& PreferredTerm(int32_t weight,
                            const std::vector<k8s::core::v1::NodeSelectorRequirement>& expressions) {
    auto* preferred = pod_.mutable_spec()
                          ->mutable_affinity()
                          ->mutable_nodeaffinity()
                          ->add_preferredduringschedulingignoredduringexecution();
    preferred->set_weight(weight);
    for (const auto& e : expressions) *preferred->mutable_preference()->add_matchexpressions() = e;
    return *this;
  }
  PodWrapper& Owner(const std::string& kind, const std::string& name, const std::string& uid) {
    auto* owner = pod_.mutable_metadata()->add_ownerreferences();
    owner->set_apiversion("v1");
    owner->set_kind(kind);
    owner->set_name(name);
    owner->set_uid(uid);
    owner->set_controller(true);
    return *this;
  }
  PodWrapper& Phase(const std::string& phase) {
    pod_.mutable_status()->set_phase(phase);
    return *this;
  }

  k8s::core::v1::Pod Obj() const { return pod_; }
  std::shared_ptr<const k8s::core::v1::Pod> Shared() const {
    return std::make_shared<const k8s::core::v1::Pod>(pod_);
  }
  std::shared_ptr<const framework::PodInfo> Info() const { return framework::PodInfo::New(Shared()); }

 private:
  k8s::core::v1::Pod pod_;
};

inline PodWrapper MakePod(const std::string& name) { return PodWrapper(name); }

class NodeWrapper {
 public:
  explicit NodeWrapper(std::string name) {
    node_.mutable_metadata()->set_name(name);
    node_.mutable_metadata()->set_uid("node-uid-" + name);
    (*node_.mutable_metadata()->mutable_labels())["kubernetes.io/hostname"] = name;
  }
  // Sets both capacity and allocatable.
  NodeWrapper& Capacity(const Quantities& capacity) {
    for (const auto& [name, value] : capacity) {
      (*node_.mutable_status()->mutable_capacity())[name].set_string(value);
      (*node_.mutable_status()->mutable_allocatable())[name].set_string(value);
    }
    return *this;
  }
  NodeWrapper& Label(const std::string& key, const std::string& value) {
    (*node_.mutable_metadata()->mutable_labels())[key] = value;
    return *this;
  }
  NodeWrapper& Taint(const std::string& key, const std::string& value, const std::string& effect) {
    auto* taint = node_.mutable_spec()->add_taints();
    taint->set_key(key);
    taint->set_value(value);
    taint->set_effect(effect);
    return *this;
  }
  NodeWrapper& Unschedulable() {
    node_.mutable_spec()->set_unschedulable(true);
    return *this;
  }

  k8s::core::v1::Node Obj() const { return node_; }
  std::shared_ptr<const k8s::core::v1::Node> Shared() const {
    return std::make_shared<const k8s::core::v1::Node>(node_);
  }
  // A NodeInfo of this node with `pods` on it.
  framework::NodeInfo Info(const std::vector<k8s::core::v1::Pod>& pods = {}) const {
    framework::NodeInfo info(Shared());
    for (const auto& pod : pods) {
      info.AddPod(framework::PodInfo::New(std::make_shared<const k8s::core::v1::Pod>(pod)));
    }
    return info;
  }

 private:
  k8s::core::v1::Node node_;
};

inline NodeWrapper MakeNode(const std::string& name) { return NodeWrapper(name); }
// A node with `cpu` cores, 8Gi of memory and room for 110 pods.
inline NodeWrapper MakeSizedNode(const std::string& name, const std::string& cpu = "4") {
  return MakeNode(name).Capacity({{"cpu", cpu}, {"memory", "8Gi"}, {"pods", "110"}});
}

inline k8s::core::v1::NodeSelectorRequirement Expr(const std::string& key, const std::string& op,
                                                   const std::vector<std::string>& values = {}) {
  k8s::core::v1::NodeSelectorRequirement requirement;
  requirement.set_key(key);
  requirement.set_operator_(op);
  for (const auto& value : values) requirement.add_values(value);
  return requirement;
}

}  // namespace kube::scheduler::testing

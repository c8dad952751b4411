#pragma once

// Pod builders for the replicaset unit tests.

#include <memory>
#include <string>

#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::replicaset::testing {

class PodBuilder {
 public:
  explicit PodBuilder(const std::string& name) {
    pod_.mutable_metadata()->set_name(name);
    pod_.mutable_metadata()->set_namespace_("default");
    pod_.mutable_metadata()->mutable_creationtimestamp()->set_seconds(1000);
    pod_.mutable_status()->set_phase("Running");
    pod_.mutable_spec()->set_nodename("node-1");
  }
  PodBuilder& Node(const std::string& node) {
    pod_.mutable_spec()->set_nodename(node);
    return *this;
  }
  PodBuilder& Phase(const std::string& phase) {
    pod_.mutable_status()->set_phase(phase);
    return *this;
  }
  PodBuilder& Created(int64_t seconds) {
    pod_.mutable_metadata()->mutable_creationtimestamp()->set_seconds(seconds);
    return *this;
  }
  PodBuilder& Ready(int64_t since_seconds) {
    auto* condition = pod_.mutable_status()->add_conditions();
    condition->set_type("Ready");
    condition->set_status("True");
    condition->mutable_lasttransitiontime()->set_seconds(since_seconds);
    return *this;
  }
  PodBuilder& Restarts(int32_t count) {
    auto* status = pod_.mutable_status()->add_containerstatuses();
    status->set_name("app");
    status->set_restartcount(count);
    return *this;
  }
  PodBuilder& Label(const std::string& key, const std::string& value) {
    (*pod_.mutable_metadata()->mutable_labels())[key] = value;
    return *this;
  }
  std::shared_ptr<const k8s::core::v1::Pod> Ptr() const {
    return std::make_shared<const k8s::core::v1::Pod>(pod_);
  }

 private:
  k8s::core::v1::Pod pod_;
};

}  // namespace kube::kcm::replicaset::testing

#include "apiserver/registry/core/pod_validation.h"

#include <limits>
#include <set>

#include "apiserver/registry/core/container_validation.h"
#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/volume_validation.h"
#include "apiserver/validation/object_meta_validation.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Container;
using k8s::core::v1::PodSpec;

void ValidateRestartPolicy(const std::string& policy, const std::string& path,
                           api::FieldErrors& errors) {
  if (policy.empty()) {
    errors.push_back(api::Required(path));
  } else if (policy != "Always" && policy != "OnFailure" && policy != "Never") {
    errors.push_back(api::NotSupported(path, policy, {"Always", "OnFailure", "Never"}));
  }
}

void ValidateDnsPolicy(const PodSpec& spec, const std::string& path, api::FieldErrors& errors) {
  const std::string& policy = spec.dnspolicy();
  const std::string policy_path = Child(path, "dnsPolicy");
  if (policy.empty()) {
    errors.push_back(api::Required(policy_path));
  } else if (policy != "ClusterFirstWithHostNet" && policy != "ClusterFirst" &&
             policy != "Default" && policy != "None") {
    errors.push_back(api::NotSupported(policy_path, policy,
                                       {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"}));
  } else if (policy == "None" && !spec.has_dnsconfig()) {
    errors.push_back(
        api::Required(Child(path, "dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"));
  }
}

// Each (protocol, hostIP, hostPort) may be claimed once across the pod's containers.
void ValidateUniqueHostPorts(const google::protobuf::RepeatedPtrField<Container>& containers,
                             const std::string& path, std::set<std::string>& seen,
                             api::FieldErrors& errors) {
  for (int c = 0; c < containers.size(); ++c) {
    const Container& container = containers.Get(c);
    for (int p = 0; p < container.ports_size(); ++p) {
      const auto& port = container.ports(p);
      if (port.hostport() == 0) continue;
      std::string key = StrCat(port.protocol(), "/", port.hostip(), "/", port.hostport());
      if (!seen.insert(key).second) {
        errors.push_back(api::Duplicate(Child(Index(Child(Index(path, c), "ports"), p), "hostPort"), key));
      }
    }
  }
}

void ValidateHostNetworkPorts(const google::protobuf::RepeatedPtrField<Container>& containers,
                              const std::string& path, api::FieldErrors& errors) {
  for (int c = 0; c < containers.size(); ++c) {
    const Container& container = containers.Get(c);
    for (int p = 0; p < container.ports_size(); ++p) {
      const auto& port = container.ports(p);
      // An unset host port is defaulted to the container port (pods only).
      if (port.hostport() != 0 && port.hostport() != port.containerport()) {
        errors.push_back(api::InvalidNumber(Child(Index(Child(Index(path, c), "ports"), p), "hostPort"),
                                            port.hostport(),
                                            "must match `containerPort` when `hostNetwork` is true"));
      }
    }
  }
}

void ValidateOptionalName(const std::string& value, const std::string& path,
                          std::vector<std::string> (*check)(std::string_view),
                          api::FieldErrors& errors) {
  if (value.empty()) return;
  for (const std::string& message : check(value)) errors.push_back(api::Invalid(path, value, message));
}

}  // namespace

void ValidatePreemptionPolicy(const std::string& policy, const std::string& path,
                              api::FieldErrors& errors) {
  if (policy.empty()) {
    errors.push_back(api::Required(path));
  } else if (policy != "PreemptLowerPriority" && policy != "Never") {
    errors.push_back(api::NotSupported(path, policy, {"PreemptLowerPriority", "Never"}));
  }
}

void ValidateTaintEffect(const std::string& effect, bool allow_empty, const std::string& path,
                         api::FieldErrors& errors) {
  if (effect.empty()) {
    if (!allow_empty) errors.push_back(api::Required(path));
    return;
  }
  if (effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute") {
    errors.push_back(api::NotSupported(path, effect, {"NoSchedule", "PreferNoSchedule", "NoExecute"}));
  }
}

void ValidateTolerations(const google::protobuf::RepeatedPtrField<k8s::core::v1::Toleration>& tolerations,
                         const std::string& path, api::FieldErrors& errors) {
  for (int i = 0; i < tolerations.size(); ++i) {
    const auto& toleration = tolerations.Get(i);
    const std::string item = Index(path, i);
    if (!toleration.key().empty()) {
      for (const std::string& message : validation::IsQualifiedName(toleration.key())) {
        errors.push_back(api::Invalid(Child(item, "key"), toleration.key(), message));
      }
    }
    if (toleration.key().empty() && toleration.operator_() != "Exists") {
      errors.push_back(api::Invalid(Child(item, "operator"), toleration.operator_(),
                                    "operator must be Exists when `key` is empty, which means "
                                    "\"match all values and all keys\""));
    }
    if (toleration.has_tolerationseconds() && toleration.effect() != "NoExecute") {
      errors.push_back(api::Invalid(Child(item, "effect"), toleration.effect(),
                                    "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (toleration.operator_().empty() || toleration.operator_() == "Equal") {
      std::vector<std::string> messages = validation::IsValidLabelValue(toleration.value());
      if (!messages.empty()) {
        errors.push_back(api::Invalid(Child(item, "operator"), toleration.value(), StrJoin(messages, ";")));
      }
    } else if (toleration.operator_() == "Exists") {
      if (!toleration.value().empty()) {
        errors.push_back(api::Invalid(Child(item, "operator"), toleration.value(),
                                      "value must be empty when `operator` is 'Exists'"));
      }
    } else {
      errors.push_back(api::NotSupported(Child(item, "operator"), toleration.operator_(), {"Equal", "Exists"}));
    }
    ValidateTaintEffect(toleration.effect(), true, Child(item, "effect"), errors);
  }
}

api::FieldErrors ValidatePodSpec(const PodSpec& spec, const std::string& path) {
  api::FieldErrors errors;
  std::set<std::string> volumes = ValidateVolumes(spec.volumes(), Child(path, "volumes"), errors);

  std::set<std::string> container_names;
  ValidateContainers(spec.initcontainers(), ContainerKind::kInit, volumes,
                     Child(path, "initContainers"), container_names, errors);
  if (spec.containers().empty()) {
    errors.push_back(api::Required(Child(path, "containers")));
  } else {
    ValidateContainers(spec.containers(), ContainerKind::kRegular, volumes,
                       Child(path, "containers"), container_names, errors);
  }
  std::set<std::string> host_ports;
  ValidateUniqueHostPorts(spec.containers(), Child(path, "containers"), host_ports, errors);
  ValidateUniqueHostPorts(spec.initcontainers(), Child(path, "initContainers"), host_ports, errors);
  if (spec.hostnetwork()) {
    ValidateHostNetworkPorts(spec.containers(), Child(path, "containers"), errors);
    ValidateHostNetworkPorts(spec.initcontainers(), Child(path, "initContainers"), errors);
  }

  ValidateRestartPolicy(spec.restartpolicy(), Child(path, "restartPolicy"), errors);
  ValidateDnsPolicy(spec, path, errors);
  Append(errors, ValidateLabels(spec.nodeselector(), Child(path, "nodeSelector")));
  ValidateOptionalName(spec.serviceaccountname(), Child(path, "serviceAccountName"),
                       &validation::IsDns1123Subdomain, errors);
  ValidateOptionalName(spec.nodename(), Child(path, "nodeName"), &validation::IsDns1123Subdomain, errors);
  ValidateOptionalName(spec.hostname(), Child(path, "hostname"), &validation::IsDns1123Label, errors);
  ValidateOptionalName(spec.subdomain(), Child(path, "subdomain"), &validation::IsDns1123Label, errors);
  ValidateOptionalName(spec.priorityclassname(), Child(path, "priorityClassName"),
                       &validation::IsDns1123Subdomain, errors);
  ValidateTolerations(spec.tolerations(), Child(path, "tolerations"), errors);
  if (spec.has_preemptionpolicy()) {
    ValidatePreemptionPolicy(spec.preemptionpolicy(), Child(path, "preemptionPolicy"), errors);
  }
  if (spec.has_runtimeclassname()) {
    for (const std::string& message : validation::IsDns1123Subdomain(spec.runtimeclassname())) {
      errors.push_back(
          api::Invalid(Child(path, "runtimeClassName"), spec.runtimeclassname(), message));
    }
  }
  if (!spec.overhead().empty()) {
    // Upstream validates the overhead as a container's limits.
    k8s::core::v1::ResourceRequirements as_limits;
    *as_limits.mutable_limits() = spec.overhead();
    ValidateResourceRequirements(as_limits, Child(path, "overhead"), errors);
  }
  if (spec.has_activedeadlineseconds()) {
    int64_t value = spec.activedeadlineseconds();
    if (value < 1 || value > std::numeric_limits<int32_t>::max()) {
      errors.push_back(api::InvalidNumber(Child(path, "activeDeadlineSeconds"), value,
                                          "must be between 1 and 2147483647, inclusive"));
    }
  }
  if (spec.has_terminationgraceperiodseconds()) {
    CheckNonnegative(spec.terminationgraceperiodseconds(),
                     Child(path, "terminationGracePeriodSeconds"), errors);
  }
  for (int i = 0; i < spec.imagepullsecrets_size(); ++i) {
    if (spec.imagepullsecrets(i).name().empty()) {
      errors.push_back(api::Required(Child(Index(Child(path, "imagePullSecrets"), i), "name")));
    }
  }
  if (spec.has_resources()) {
    ValidateResourceRequirements(spec.resources(), Child(path, "resources"), errors);
  }
  return errors;
}

api::FieldErrors ValidatePodTemplateSpec(const k8s::core::v1::PodTemplateSpec& spec,
                                         const std::string& path) {
  api::FieldErrors errors = ValidateLabels(spec.metadata().labels(), Child(path, "labels"));
  for (const auto& [key, value] : spec.metadata().annotations()) {
    for (const std::string& message : validation::IsQualifiedName(key)) {
      errors.push_back(api::Invalid(Child(path, "annotations"), key, message));
    }
  }
  Append(errors, ValidatePodSpec(spec.spec(), Child(path, "spec")));
  if (spec.spec().ephemeralcontainers_size() > 0) {
    errors.push_back(api::Forbidden(Child(Child(path, "spec"), "ephemeralContainers"),
                                    "ephemeral containers not allowed in pod template"));
  }
  return errors;
}

}  // namespace kube::apiserver::core

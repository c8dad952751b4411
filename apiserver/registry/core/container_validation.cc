#include "apiserver/registry/core/container_validation.h"

#include <algorithm>
#include <map>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/resource_validation.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Container;
using k8s::core::v1::EnvVar;

const std::vector<std::string> kProtocols = {"SCTP", "TCP", "UDP"};
const std::vector<std::string> kPullPolicies = {"Always", "IfNotPresent", "Never"};
const std::vector<std::string> kTerminationMessagePolicies = {"File", "FallbackToLogsOnError"};
const std::vector<std::string> kEnvResources = {
    "limits.cpu",    "limits.ephemeral-storage", "limits.memory",
    "requests.cpu",  "requests.ephemeral-storage", "requests.memory"};

bool Supported(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Pod fields a container's environment may take from the downward API.
bool IsEnvFieldPath(const std::string& path) {
  static const std::vector<std::string> kPaths = {
      "metadata.name", "metadata.namespace", "metadata.uid",  "spec.nodeName",
      "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
      "status.podIPs"};
  if (Supported(kPaths, path)) return true;
  for (std::string_view prefix : {"metadata.labels['", "metadata.annotations['"}) {
    if (path.size() > prefix.size() + 2 && path.compare(0, prefix.size(), prefix) == 0 &&
        path.compare(path.size() - 2, 2, "']") == 0) {
      return true;
    }
  }
  return path == "metadata.labels" || path == "metadata.annotations";
}

void ValidatePorts(const Container& container, const std::string& path, api::FieldErrors& errors) {
  std::set<std::string> names;
  for (int i = 0; i < container.ports_size(); ++i) {
    const auto& port = container.ports(i);
    const std::string port_path = Index(path, i);
    if (!port.name().empty()) {
      std::vector<std::string> messages = validation::IsValidPortName(port.name());
      for (const std::string& message : messages) {
        errors.push_back(api::Invalid(Child(port_path, "name"), port.name(), message));
      }
      if (messages.empty() && !names.insert(port.name()).second) {
        errors.push_back(api::Duplicate(Child(port_path, "name"), port.name()));
      }
    }
    if (port.containerport() == 0) {
      errors.push_back(api::Required(Child(port_path, "containerPort")));
    } else {
      for (const std::string& message : validation::IsValidPortNumber(port.containerport())) {
        errors.push_back(api::InvalidNumber(Child(port_path, "containerPort"), port.containerport(), message));
      }
    }
    if (port.hostport() != 0) {
      for (const std::string& message : validation::IsValidPortNumber(port.hostport())) {
        errors.push_back(api::InvalidNumber(Child(port_path, "hostPort"), port.hostport(), message));
      }
    }
    if (port.protocol().empty()) {
      errors.push_back(api::Required(Child(port_path, "protocol")));
    } else if (!Supported(kProtocols, port.protocol())) {
      errors.push_back(api::NotSupported(Child(port_path, "protocol"), port.protocol(), kProtocols));
    }
  }
}

void ValidateKeySelector(const std::string& name, const std::string& key, const std::string& path,
                         api::FieldErrors& errors) {
  if (name.empty()) errors.push_back(api::Required(Child(path, "name")));
  if (key.empty()) {
    errors.push_back(api::Required(Child(path, "key")));
  } else {
    for (const std::string& message : validation::IsConfigMapKey(key)) {
      errors.push_back(api::Invalid(Child(path, "key"), key, message));
    }
  }
}

void ValidateEnvValueFrom(const EnvVar& env, const std::string& path, api::FieldErrors& errors) {
  const auto& from = env.valuefrom();
  int sources = 0;
  if (from.has_fieldref()) {
    ++sources;
    const std::string field_path = Child(Child(path, "fieldRef"), "fieldPath");
    const std::string& value = from.fieldref().fieldpath();
    if (value.empty()) {
      errors.push_back(api::Required(field_path));
    } else if (!IsEnvFieldPath(value)) {
      errors.push_back(api::NotSupported(
          field_path, value,
          {"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
           "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
           "status.podIPs"}));
    }
  }
  if (from.has_resourcefieldref()) {
    ++sources;
    const std::string resource_path = Child(Child(path, "resourceFieldRef"), "resource");
    const std::string& resource = from.resourcefieldref().resource();
    if (resource.empty()) {
      errors.push_back(api::Required(resource_path));
    } else if (!Supported(kEnvResources, resource) &&
               resource.rfind("limits.hugepages-", 0) != 0 &&
               resource.rfind("requests.hugepages-", 0) != 0) {
      errors.push_back(api::NotSupported(resource_path, resource, kEnvResources));
    }
  }
  if (from.has_configmapkeyref()) {
    ++sources;
    ValidateKeySelector(from.configmapkeyref().localobjectreference().name(),
                        from.configmapkeyref().key(), Child(path, "configMapKeyRef"), errors);
  }
  if (from.has_secretkeyref()) {
    ++sources;
    ValidateKeySelector(from.secretkeyref().localobjectreference().name(),
                        from.secretkeyref().key(), Child(path, "secretKeyRef"), errors);
  }
  if (from.has_filekeyref()) ++sources;
  if (sources == 0) {
    errors.push_back(api::Invalid(path, "",
                                  "must specify one of: `fieldRef`, `resourceFieldRef`, "
                                  "`configMapKeyRef` or `secretKeyRef`"));
  } else if (!env.value().empty()) {
    errors.push_back(api::Invalid(path, "", "may not be specified when `value` is not empty"));
  } else if (sources > 1) {
    errors.push_back(
        api::Invalid(path, "", "may not have more than one field specified at a time"));
  }
}

void ValidateEnv(const Container& container, const std::string& path, api::FieldErrors& errors) {
  for (int i = 0; i < container.env_size(); ++i) {
    const EnvVar& env = container.env(i);
    const std::string env_path = Index(path, i);
    if (env.name().empty()) {
      errors.push_back(api::Required(Child(env_path, "name")));
    } else {
      for (const std::string& message : validation::IsEnvVarName(env.name())) {
        errors.push_back(api::Invalid(Child(env_path, "name"), env.name(), message));
      }
    }
    if (env.has_valuefrom()) ValidateEnvValueFrom(env, Child(env_path, "valueFrom"), errors);
  }
}

void ValidateVolumeMounts(const Container& container, const std::set<std::string>& volumes,
                          const std::string& path, api::FieldErrors& errors) {
  std::set<std::string> mount_points;
  for (int i = 0; i < container.volumemounts_size(); ++i) {
    const auto& mount = container.volumemounts(i);
    const std::string mount_path = Index(path, i);
    if (mount.name().empty()) errors.push_back(api::Required(Child(mount_path, "name")));
    if (!volumes.contains(mount.name())) {
      errors.push_back(api::NotFoundField(Child(mount_path, "name"), mount.name()));
    }
    if (mount.mountpath().empty()) errors.push_back(api::Required(Child(mount_path, "mountPath")));
    if (!mount_points.insert(mount.mountpath()).second) {
      errors.push_back(api::Invalid(Child(mount_path, "mountPath"), mount.mountpath(), "must be unique"));
    }
    if (!mount.subpath().empty() && !mount.subpathexpr().empty()) {
      errors.push_back(api::Invalid(Child(mount_path, "subPathExpr"), mount.subpathexpr(),
                                    "subPathExpr and subPath are mutually exclusive"));
    }
  }
}

// The handler of a probe or lifecycle hook: exactly one action, each well formed.
template <typename Handler>
void ValidateHandler(const Handler& handler, const std::string& path, api::FieldErrors& errors) {
  int handlers = 0;
  auto count = [&](bool present, std::string_view name) {
    if (!present) return false;
    if (handlers > 0) {
      errors.push_back(api::Forbidden(Child(path, name), "may not specify more than 1 handler type"));
      return false;
    }
    ++handlers;
    return true;
  };
  if (count(handler.has_exec(), "exec") && handler.exec().command().empty()) {
    errors.push_back(api::Required(Child(Child(path, "exec"), "command")));
  }
  if (count(handler.has_httpget(), "httpGet")) {
    const std::string http_path = Child(path, "httpGet");
    const auto& http = handler.httpget();
    if (http.path().empty()) errors.push_back(api::Required(Child(http_path, "path")));
    ValidatePortNumOrName(http.port(), Child(http_path, "port"), errors);
    if (http.scheme() != "HTTP" && http.scheme() != "HTTPS") {
      errors.push_back(api::NotSupported(Child(http_path, "scheme"), http.scheme(), {"HTTP", "HTTPS"}));
    }
  }
  if (count(handler.has_tcpsocket(), "tcpSocket")) {
    ValidatePortNumOrName(handler.tcpsocket().port(), Child(Child(path, "tcpSocket"), "port"), errors);
  }
  if constexpr (std::is_same_v<Handler, k8s::core::v1::ProbeHandler>) {
    if (count(handler.has_grpc(), "grpc")) {
      for (const std::string& message : validation::IsValidPortNumber(handler.grpc().port())) {
        errors.push_back(api::InvalidNumber(Child(Child(path, "grpc"), "port"), handler.grpc().port(), message));
      }
    }
  } else {
    if (count(handler.has_sleep(), "sleep") && handler.sleep().seconds() < 0) {
      errors.push_back(api::InvalidNumber(Child(Child(path, "sleep"), "seconds"),
                                          handler.sleep().seconds(), std::string(kNegativeMessage)));
    }
  }
  if (handlers == 0) errors.push_back(api::Required(path, "must specify a handler type"));
}

void ValidateProbe(const k8s::core::v1::Probe& probe, const std::string& path, bool success_must_be_one,
                   api::FieldErrors& errors) {
  ValidateHandler(probe.handler(), path, errors);
  CheckNonnegative(probe.initialdelayseconds(), Child(path, "initialDelaySeconds"), errors);
  CheckNonnegative(probe.timeoutseconds(), Child(path, "timeoutSeconds"), errors);
  CheckNonnegative(probe.periodseconds(), Child(path, "periodSeconds"), errors);
  CheckNonnegative(probe.successthreshold(), Child(path, "successThreshold"), errors);
  CheckNonnegative(probe.failurethreshold(), Child(path, "failureThreshold"), errors);
  if (probe.has_terminationgraceperiodseconds() && probe.terminationgraceperiodseconds() <= 0) {
    errors.push_back(api::InvalidNumber(Child(path, "terminationGracePeriodSeconds"),
                                        probe.terminationgraceperiodseconds(), "must be greater than 0"));
  }
  if (success_must_be_one && probe.successthreshold() != 1) {
    errors.push_back(api::InvalidNumber(Child(path, "successThreshold"), probe.successthreshold(), "must be 1"));
  }
}

void ValidateProbesAndLifecycle(const Container& container, ContainerKind kind,
                                const std::string& path, api::FieldErrors& errors) {
  const bool sidecar = kind == ContainerKind::kInit && container.has_restartpolicy() &&
                       container.restartpolicy() == "Always";
  if (kind == ContainerKind::kInit && !sidecar) {
    // Plain init containers run to completion: nothing to probe or hook into.
    constexpr std::string_view kDetail = "may not be set for init containers without restartPolicy=Always";
    if (container.has_lifecycle()) errors.push_back(api::Forbidden(Child(path, "lifecycle"), std::string(kDetail)));
    if (container.has_livenessprobe()) errors.push_back(api::Forbidden(Child(path, "livenessProbe"), std::string(kDetail)));
    if (container.has_readinessprobe()) errors.push_back(api::Forbidden(Child(path, "readinessProbe"), std::string(kDetail)));
    if (container.has_startupprobe()) errors.push_back(api::Forbidden(Child(path, "startupProbe"), std::string(kDetail)));
    return;
  }
  if (container.has_lifecycle()) {
    const std::string lifecycle_path = Child(path, "lifecycle");
    if (container.lifecycle().has_poststart()) {
      ValidateHandler(container.lifecycle().poststart(), Child(lifecycle_path, "postStart"), errors);
    }
    if (container.lifecycle().has_prestop()) {
      ValidateHandler(container.lifecycle().prestop(), Child(lifecycle_path, "preStop"), errors);
    }
  }
  if (container.has_livenessprobe()) {
    ValidateProbe(container.livenessprobe(), Child(path, "livenessProbe"), true, errors);
  }
  if (container.has_readinessprobe()) {
    ValidateProbe(container.readinessprobe(), Child(path, "readinessProbe"), false, errors);
  }
  if (container.has_startupprobe()) {
    ValidateProbe(container.startupprobe(), Child(path, "startupProbe"), true, errors);
  }
}

// Extended resources and hugepages may not be overcommitted: request == limit.
bool IsOvercommitAllowed(const std::string& name) {
  bool native = name.find('/') == std::string::npos ||
                name.compare(0, name.find('/'), "kubernetes.io") == 0;
  return native && !IsHugePageResourceName(name);
}

void ValidateContainer(const Container& container, ContainerKind kind,
                       const std::set<std::string>& volumes, const std::string& path,
                       std::set<std::string>& all_names, api::FieldErrors& errors) {
  const std::string name_path = Child(path, "name");
  if (container.name().empty()) {
    errors.push_back(api::Required(name_path));
  } else {
    for (const std::string& message : validation::IsDns1123Label(container.name())) {
      errors.push_back(api::Invalid(name_path, container.name(), message));
    }
  }
  if (!container.name().empty() && !all_names.insert(container.name()).second) {
    errors.push_back(api::Duplicate(name_path, container.name()));
  }
  if (container.image().empty()) errors.push_back(api::Required(Child(path, "image")));
  if (container.has_restartpolicy()) {
    if (kind == ContainerKind::kRegular) {
      errors.push_back(api::Forbidden(Child(path, "restartPolicy"), "may not be set for non-init containers"));
    } else if (container.restartpolicy() != "Always") {
      errors.push_back(api::NotSupported(Child(path, "restartPolicy"), container.restartpolicy(), {"Always"}));
    }
  }
  ValidateProbesAndLifecycle(container, kind, path, errors);
  ValidatePorts(container, Child(path, "ports"), errors);
  ValidateEnv(container, Child(path, "env"), errors);
  ValidateVolumeMounts(container, volumes, Child(path, "volumeMounts"), errors);
  ValidateResourceRequirements(container.resources(), Child(path, "resources"), errors);

  const std::string pull_path = Child(path, "imagePullPolicy");
  if (container.imagepullpolicy().empty()) {
    errors.push_back(api::Required(pull_path));
  } else if (!Supported(kPullPolicies, container.imagepullpolicy())) {
    errors.push_back(api::NotSupported(pull_path, container.imagepullpolicy(), kPullPolicies));
  }
  const std::string message_path = Child(path, "terminationMessagePolicy");
  if (container.terminationmessagepolicy().empty()) {
    errors.push_back(api::Required(message_path));
  } else if (!Supported(kTerminationMessagePolicies, container.terminationmessagepolicy())) {
    errors.push_back(api::NotSupported(message_path, container.terminationmessagepolicy(),
                                       kTerminationMessagePolicies));
  }
}

}  // namespace

void ValidatePortNumOrName(const k8s::util::intstr::IntOrString& port, const std::string& path,
                           api::FieldErrors& errors) {
  if (port.type() == 1) {
    for (const std::string& message : validation::IsValidPortName(port.strval())) {
      errors.push_back(api::Invalid(path, port.strval(), message));
    }
  } else {
    for (const std::string& message : validation::IsValidPortNumber(port.intval())) {
      errors.push_back(api::InvalidNumber(path, port.intval(), message));
    }
  }
}

void ValidateResourceRequirements(const k8s::core::v1::ResourceRequirements& requirements,
                                  const std::string& path, api::FieldErrors& errors) {
  const std::string limits_path = Child(path, "limits");
  const std::string requests_path = Child(path, "requests");
  ValidateResourceList(requirements.limits(), ResourceNameUse::kContainer, limits_path, errors);
  ValidateResourceList(requirements.requests(), ResourceNameUse::kContainer, requests_path, errors);
  std::map<std::string, const k8s::resource::Quantity*> requests;
  for (const auto& [name, quantity] : requirements.requests()) requests.emplace(name, &quantity);
  for (const auto& [name, text] : requests) {
    std::optional<resource::Quantity> request = ParseQuantity(*text);
    auto limit_entry = requirements.limits().find(name);
    if (limit_entry == requirements.limits().end()) {
      if (!IsOvercommitAllowed(name)) {
        errors.push_back(api::Required(limits_path, "Limit must be set for non overcommitable resources"));
      }
      continue;
    }
    std::optional<resource::Quantity> limit = ParseQuantity(limit_entry->second);
    if (!request || !limit) continue;  // already reported
    if (!IsOvercommitAllowed(name) && request->Cmp(*limit) != 0) {
      errors.push_back(api::Invalid(requests_path, request->ToString(),
                                    StrCat("must be equal to ", name, " limit of ", limit->ToString())));
    } else if (request->Cmp(*limit) > 0) {
      errors.push_back(api::Invalid(requests_path, request->ToString(),
                                    StrCat("must be less than or equal to ", name, " limit of ",
                                           limit->ToString())));
    }
  }
}

void ValidateContainers(const google::protobuf::RepeatedPtrField<Container>& containers,
                        ContainerKind kind, const std::set<std::string>& volumes,
                        const std::string& path, std::set<std::string>& all_names,
                        api::FieldErrors& errors) {
  for (int i = 0; i < containers.size(); ++i) {
    ValidateContainer(containers.Get(i), kind, volumes, Index(path, i), all_names, errors);
  }
}

}  // namespace kube::apiserver::core

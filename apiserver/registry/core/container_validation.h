#pragma once

#include <set>
#include <string>

#include "common/api/field_error.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

enum class ContainerKind {
  kRegular,  // spec.containers
  kInit,     // spec.initContainers: no probes or lifecycle unless restartPolicy Always
};

// Upstream's validateContainers / validateInitContainers: names (unique across
// `all_names`, which the caller shares between both lists), image, ports, env,
// volume mounts (against the pod's valid `volumes`), probes, lifecycle, resources
// and the pull and termination-message policies.
void ValidateContainers(const google::protobuf::RepeatedPtrField<k8s::core::v1::Container>& containers,
                        ContainerKind kind, const std::set<std::string>& volumes,
                        const std::string& path, std::set<std::string>& all_names,
                        api::FieldErrors& errors);

// Limits and requests: names and quantities valid, requests <= limits.
void ValidateResourceRequirements(const k8s::core::v1::ResourceRequirements& requirements,
                                  const std::string& path, api::FieldErrors& errors);

// A port given as a number (1-65535) or an IANA service name.
void ValidatePortNumOrName(const k8s::util::intstr::IntOrString& port, const std::string& path,
                           api::FieldErrors& errors);

}  // namespace kube::apiserver::core

#include "apiserver/registry/node/runtime_class_strategy.h"

#include "apiserver/registry/core/container_validation.h"
#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/pod_validation.h"
#include "apiserver/validation/object_meta_validation.h"
#include "common/validation/names.h"
#include "k8s/node/v1/node.pb.h"

namespace kube::apiserver {

using k8s::node::v1::RuntimeClass;

api::FieldErrors RuntimeClassStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& runtime_class = static_cast<const RuntimeClass&>(object);
  api::FieldErrors errors;
  for (const std::string& message : validation::IsDns1123Label(runtime_class.handler())) {
    errors.push_back(api::Invalid("handler", runtime_class.handler(), message));
  }
  if (runtime_class.has_overhead()) {
    // Upstream validates the overhead as a container's limits.
    k8s::core::v1::ResourceRequirements as_limits;
    *as_limits.mutable_limits() = runtime_class.overhead().podfixed();
    core::ValidateResourceRequirements(as_limits, "overhead", errors);
  }
  if (runtime_class.has_scheduling()) {
    const auto& scheduling = runtime_class.scheduling();
    core::Append(errors, ValidateLabels(scheduling.nodeselector(), "scheduling.nodeSelector"));
    core::ValidateTolerations(scheduling.tolerations(), "scheduling.tolerations", errors);
  }
  return errors;
}

api::FieldErrors RuntimeClassStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                      const google::protobuf::Message& old) const {
  const std::string& handler = static_cast<const RuntimeClass&>(object).handler();
  api::FieldErrors errors;
  if (handler != static_cast<const RuntimeClass&>(old).handler()) {
    errors.push_back(api::Invalid("handler", handler, std::string(core::kImmutableMessage)));
  }
  return errors;
}

}  // namespace kube::apiserver

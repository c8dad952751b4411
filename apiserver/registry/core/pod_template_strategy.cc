#include "apiserver/registry/core/pod_template_strategy.h"

#include "apiserver/registry/core/pod_defaults.h"
#include "apiserver/registry/core/pod_validation.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

void PodTemplateStrategy::Default(google::protobuf::Message& object) const {
  auto& pod_template = static_cast<k8s::core::v1::PodTemplate&>(object);
  DefaultPodSpec(*pod_template.mutable_template_()->mutable_spec());
}

api::FieldErrors PodTemplateStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& pod_template = static_cast<const k8s::core::v1::PodTemplate&>(object);
  return ValidatePodTemplateSpec(pod_template.template_(), "template");
}

}  // namespace kube::apiserver::core

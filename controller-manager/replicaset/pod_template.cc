#include "controller-manager/replicaset/pod_template.h"

#include "common/util/strings.h"

namespace kube::kcm::replicaset {

k8s::meta::v1::OwnerReference ControllerReference(const std::string& api_version,
                                                  const std::string& kind,
                                                  const k8s::meta::v1::ObjectMeta& owner) {
  k8s::meta::v1::OwnerReference ref;
  ref.set_apiversion(api_version);
  ref.set_kind(kind);
  ref.set_name(owner.name());
  ref.set_uid(owner.uid());
  ref.set_controller(true);
  ref.set_blockownerdeletion(true);
  return ref;
}

absl::StatusOr<k8s::core::v1::Pod> PodFromTemplate(const k8s::core::v1::PodTemplateSpec& pod_template,
                                                   const k8s::meta::v1::ObjectMeta& owner,
                                                   const k8s::meta::v1::OwnerReference& controller_ref) {
  if (pod_template.metadata().labels().empty()) {
    return absl::InvalidArgumentError(
        StrCat("unable to create pods for ", owner.name(), ": the pod template has no labels"));
  }
  k8s::core::v1::Pod pod;
  auto* meta = pod.mutable_metadata();
  meta->set_generatename(StrCat(owner.name(), "-"));
  meta->set_namespace_(owner.namespace_());
  *meta->mutable_labels() = pod_template.metadata().labels();
  *meta->mutable_annotations() = pod_template.metadata().annotations();
  *meta->mutable_finalizers() = pod_template.metadata().finalizers();
  *meta->add_ownerreferences() = controller_ref;
  *pod.mutable_spec() = pod_template.spec();
  return pod;
}

}  // namespace kube::kcm::replicaset

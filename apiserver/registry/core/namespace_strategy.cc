#include "apiserver/registry/core/namespace_strategy.h"

#include "apiserver/registry/core/field_path.h"
#include "common/validation/names.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Namespace;

constexpr char kMetadataNameLabel[] = "kubernetes.io/metadata.name";
constexpr char kKubernetesFinalizer[] = "kubernetes";

const Namespace& AsNamespace(const google::protobuf::Message& object) {
  return static_cast<const Namespace&>(object);
}
Namespace& AsNamespace(google::protobuf::Message& object) { return static_cast<Namespace&>(object); }

// Upstream's validateFinalizerName: a qualified name, and a bare name must be a
// standard one.
void ValidateFinalizerName(const std::string& name, const std::string& path, api::FieldErrors& errors) {
  for (const std::string& message : validation::IsQualifiedName(name)) {
    errors.push_back(api::Invalid(path, name, message));
  }
  if (name.find('/') == std::string::npos && name != kKubernetesFinalizer &&
      name != "orphan" && name != "foregroundDeletion") {
    errors.push_back(api::Invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified"));
  }
}

}  // namespace

void NamespaceStrategy::Default(google::protobuf::Message& object) const {
  Namespace& ns = AsNamespace(object);
  if (!ns.metadata().name().empty()) {
    (*ns.mutable_metadata()->mutable_labels())[kMetadataNameLabel] = ns.metadata().name();
  }
}

void NamespaceStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  Namespace& ns = AsNamespace(object);
  ns.clear_status();
  ns.mutable_status()->set_phase("Active");
  for (const std::string& finalizer : ns.spec().finalizers()) {
    if (finalizer == kKubernetesFinalizer) return;
  }
  ns.mutable_spec()->add_finalizers(kKubernetesFinalizer);
}

void NamespaceStrategy::PrepareForUpdate(google::protobuf::Message& object,
                                         const google::protobuf::Message& old) const {
  Strategy::PrepareForUpdate(object, old);
  *AsNamespace(object).mutable_spec()->mutable_finalizers() = AsNamespace(old).spec().finalizers();
}

api::FieldErrors NamespaceStrategy::Validate(const google::protobuf::Message& object) const {
  api::FieldErrors errors;
  for (const std::string& finalizer : AsNamespace(object).spec().finalizers()) {
    ValidateFinalizerName(finalizer, "spec.finalizers", errors);
  }
  return errors;
}

api::FieldErrors NamespaceStrategy::ValidateStatusUpdate(const google::protobuf::Message& object,
                                                         const google::protobuf::Message& old) const {
  const Namespace& ns = AsNamespace(object);
  api::FieldErrors errors;
  const std::string& phase = ns.status().phase();
  if (!ns.metadata().has_deletiontimestamp()) {
    if (phase != "Active") {
      errors.push_back(api::Invalid("status.Phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"));
    }
  } else if (phase != "Terminating") {
    errors.push_back(api::Invalid("status.Phase", phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errors;
}

std::optional<std::string> NamespaceStrategy::SelectableField(const google::protobuf::Message& object,
                                                              std::string_view field) const {
  if (field == "status.phase") return AsNamespace(object).status().phase();
  return std::nullopt;
}

bool NamespaceStrategy::HasPendingFinalizers(const google::protobuf::Message& object) const {
  return Strategy::HasPendingFinalizers(object) || !AsNamespace(object).spec().finalizers().empty();
}

void NamespaceStrategy::PrepareForDeletion(google::protobuf::Message& object) const {
  AsNamespace(object).mutable_status()->set_phase("Terminating");
}

void PrepareNamespaceForFinalize(Namespace& ns, const Namespace& old) {
  google::protobuf::RepeatedPtrField<std::string> finalizers = ns.spec().finalizers();
  std::string resource_version = ns.metadata().resourceversion();
  ns = old;
  *ns.mutable_spec()->mutable_finalizers() = std::move(finalizers);
  ns.mutable_metadata()->set_resourceversion(resource_version);
}

api::FieldErrors ValidateNamespaceFinalize(const Namespace& ns) {
  api::FieldErrors errors;
  for (int i = 0; i < ns.spec().finalizers_size(); ++i) {
    ValidateFinalizerName(ns.spec().finalizers(i), Index("spec.finalizers", i), errors);
  }
  return errors;
}

}  // namespace kube::apiserver::core

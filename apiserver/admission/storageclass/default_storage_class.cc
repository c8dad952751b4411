#include "apiserver/admission/storageclass/default_storage_class.h"

#include "apiserver/registry/storage/default_class.h"
#include "common/api/errors.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::admission {
namespace {

using k8s::core::v1::PersistentVolumeClaim;
using k8s::storage::v1::StorageClass;

constexpr char kBetaStorageClassAnnotation[] = "volume.beta.kubernetes.io/storage-class";

// Newest first; the same second ordered by name.
bool Preferred(const StorageClass& a, const StorageClass& b) {
  const auto& a_time = a.metadata().creationtimestamp();
  const auto& b_time = b.metadata().creationtimestamp();
  if (a_time.seconds() != b_time.seconds()) return a_time.seconds() > b_time.seconds();
  if (a_time.nanos() != b_time.nanos()) return a_time.nanos() > b_time.nanos();
  return a.metadata().name() < b.metadata().name();
}

}  // namespace

absl::Status DefaultStorageClass::Admit(Request& request) const {
  if (request.operation != Operation::kCreate || !request.subresource.empty() ||
      request.resource->group != "" || request.resource->kind != "PersistentVolumeClaim") {
    return absl::OkStatus();
  }
  auto& claim = static_cast<PersistentVolumeClaim&>(*request.object);
  if (claim.spec().has_storageclassname() ||
      claim.metadata().annotations().contains(kBetaStorageClassAnnotation)) {
    return absl::OkStatus();  // the user asked for a class, "" included
  }
  absl::StatusOr<std::vector<SharedObject>> classes = storage_classes_.ListShared("");
  if (!classes.ok()) {
    return api::ForbiddenError(request.resource->QualifiedResource(), request.name,
                               std::string(classes.status().message()));
  }
  const StorageClass* chosen = DefaultClassOf(*classes);
  if (chosen != nullptr) claim.mutable_spec()->set_storageclassname(chosen->metadata().name());
  return absl::OkStatus();
}

const StorageClass* DefaultClassOf(const std::vector<SharedObject>& classes) {
  const StorageClass* chosen = nullptr;
  for (const SharedObject& object : classes) {
    const auto& candidate = static_cast<const StorageClass&>(*object);
    if (!storage_rules::IsDefaultStorageClass(candidate.metadata())) continue;
    if (chosen == nullptr || Preferred(candidate, *chosen)) chosen = &candidate;
  }
  return chosen;
}

}  // namespace kube::apiserver::admission

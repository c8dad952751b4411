#pragma once

#include "apiserver/admission/admission.h"
#include "apiserver/generic/store.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver::admission {

// Upstream's DefaultStorageClass admission plugin: a PersistentVolumeClaim
// created without spec.storageClassName (nor the beta storage-class annotation)
// gets the StorageClass annotated storageclass.kubernetes.io/is-default-class
// "true"; of several, the newest (then the first by name), as upstream since
// 1.28. Without a default class the claim is left alone. Thread-safe.
class DefaultStorageClass final : public Plugin {
 public:
  // `storage_classes` (not owned) outlives the plugin.
  explicit DefaultStorageClass(const Store& storage_classes) : storage_classes_(storage_classes) {}

  absl::Status Admit(Request& request) const override;

 private:
  const Store& storage_classes_;
};

// The class marked default among `classes` (StorageClass objects): the newest,
// then the first by name; null when none is marked.
const k8s::storage::v1::StorageClass* DefaultClassOf(const std::vector<SharedObject>& classes);

}  // namespace kube::apiserver::admission

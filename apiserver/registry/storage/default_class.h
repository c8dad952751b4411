#pragma once

#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver::storage_rules {

// Upstream's IsDefaultAnnotation: the class PVCs without one get (the
// DefaultStorageClass admission plugin) and `kubectl get sc` marks "(default)".
inline bool IsDefaultStorageClass(const k8s::meta::v1::ObjectMeta& meta) {
  for (const char* key : {"storageclass.kubernetes.io/is-default-class",
                          "storageclass.beta.kubernetes.io/is-default-class"}) {
    auto it = meta.annotations().find(key);
    if (it != meta.annotations().end() && it->second == "true") return true;
  }
  return false;
}

}  // namespace kube::apiserver::storage_rules

#pragma once

#include <string>
#include <vector>

#include "k8s/meta/v1/meta.pb.h"

namespace kube::kcm {

// The JSON merge patch that sets an object's ownerReferences to `refs` (adopting
// or releasing it), guarded by its uid and resourceVersion so a changed or
// recreated object is not touched (409 instead). A patch, as upstream's
// ControllerRefManager sends: the loops' roles may patch what they adopt, not
// replace it.
std::string OwnerReferencesPatch(const k8s::meta::v1::ObjectMeta& meta,
                                 const std::vector<k8s::meta::v1::OwnerReference>& refs);

}  // namespace kube::kcm

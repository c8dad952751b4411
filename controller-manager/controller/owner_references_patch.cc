#include "controller-manager/controller/owner_references_patch.h"

#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"

namespace kube::kcm {

std::string OwnerReferencesPatch(const k8s::meta::v1::ObjectMeta& meta,
                                 const std::vector<k8s::meta::v1::OwnerReference>& refs) {
  rapidjson::Document patch(rapidjson::kObjectType);
  auto& allocator = patch.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  for (const k8s::meta::v1::OwnerReference& ref : refs) {
    rapidjson::Value encoded;
    codec::EncodeJsonValue(ref, encoded, allocator);
    list.PushBack(encoded, allocator);
  }
  rapidjson::Value metadata(rapidjson::kObjectType);
  // null removes the field: an empty list would be kept as one.
  if (refs.empty()) {
    metadata.AddMember("ownerReferences", rapidjson::Value(), allocator);
  } else {
    metadata.AddMember("ownerReferences", list, allocator);
  }
  metadata.AddMember("uid", rapidjson::Value(meta.uid().c_str(), allocator), allocator);
  metadata.AddMember("resourceVersion",
                     rapidjson::Value(meta.resourceversion().c_str(), allocator), allocator);
  patch.AddMember("metadata", metadata, allocator);
  return codec::WriteJson(patch);
}

}  // namespace kube::kcm

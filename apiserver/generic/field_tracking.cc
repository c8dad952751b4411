#include "apiserver/generic/field_tracking.h"

#include <rapidjson/document.h>

#include "absl/time/clock.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/rfc3339.h"
#include "common/patch/apply.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

rapidjson::Document ToDocument(const google::protobuf::Message& object) {
  rapidjson::Document document;
  codec::EncodeJsonValue(object, document, document.GetAllocator());
  return document;
}

}  // namespace

absl::Status TrackFieldManager(const google::protobuf::Message* old,
                               google::protobuf::Message& object, std::string_view manager,
                               std::string_view api_version, std::string_view subresource) {
  k8s::meta::v1::ObjectMeta& meta = *api::MutableObjectMetaOf(object);
  if (old != nullptr) {
    const k8s::meta::v1::ObjectMeta& old_meta = *api::ObjectMetaOf(*old);
    // A subresource write cannot set managedFields.
    if (!subresource.empty()) *meta.mutable_managedfields() = old_meta.managedfields();
    if (old_meta.managedfields_size() == 0 && meta.managedfields_size() == 0) {
      return absl::OkStatus();
    }
  }
  rapidjson::Document document = ToDocument(object);
  rapidjson::Document old_document;
  if (old != nullptr) old_document = ToDocument(*old);
  const std::string now =
      codec::FormatRfc3339(codec::UnixTime{absl::ToUnixSeconds(absl::Now()), 0});
  absl::Status tracked =
      patch::TrackUpdate(document, old != nullptr ? &old_document : nullptr, std::string(manager),
                         object.GetDescriptor(), api_version, now, subresource);
  if (!tracked.ok()) {
    return api::BadRequestError(StrCat("metadata.managedFields: ", tracked.message()));
  }
  // Only managedFields changed: decode just those back.
  k8s::meta::v1::ObjectMeta tracked_meta;
  auto metadata = document.FindMember("metadata");
  if (metadata != document.MemberEnd() && metadata->value.IsObject()) {
    absl::Status decoded = codec::DecodeJsonValue(metadata->value, tracked_meta, nullptr);
    if (!decoded.ok()) return api::InternalError(std::string(decoded.message()));
  }
  *meta.mutable_managedfields() = std::move(*tracked_meta.mutable_managedfields());
  return absl::OkStatus();
}

}  // namespace kube::apiserver

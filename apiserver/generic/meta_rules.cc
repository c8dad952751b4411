#include "apiserver/generic/meta_rules.h"

#include <google/protobuf/util/message_differencer.h>

#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/util/uuid.h"

namespace kube::apiserver {
namespace {

constexpr size_t kMaxGeneratedPrefixLength = 58;  // 63 - the 5-character suffix

const google::protobuf::FieldDescriptor* SpecField(const google::protobuf::Message& object) {
  const auto* field = object.GetDescriptor()->FindFieldByName("spec");
  return field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE
             ? field
             : nullptr;
}

}  // namespace

absl::Status AssignNamespace(const ResourceInfo& resource, std::string_view ns,
                             k8s::meta::v1::ObjectMeta& meta) {
  if (!resource.namespaced) {
    meta.clear_namespace_();
    return absl::OkStatus();
  }
  if (meta.namespace_().empty()) {
    meta.set_namespace_(std::string(ns));
  } else if (meta.namespace_() != ns) {
    return api::BadRequestError(
        "the namespace of the provided object does not match the namespace sent on the request");
  }
  return absl::OkStatus();
}

std::string GenerateName(std::string_view prefix) {
  std::string name(prefix.substr(0, kMaxGeneratedPrefixLength));
  return name + util::RandomSuffix(5);
}

void StampForCreate(google::protobuf::Message& object) {
  k8s::meta::v1::ObjectMeta& meta = *api::MutableObjectMetaOf(object);
  meta.set_uid(util::NewUuid());
  *meta.mutable_creationtimestamp() = api::Now();
  meta.clear_resourceversion();
  meta.clear_selflink();
  meta.clear_deletiontimestamp();
  meta.clear_deletiongraceperiodseconds();
  if (SpecField(object) != nullptr || api::IsCustomResource(object)) {
    meta.set_generation(1);
  } else {
    meta.clear_generation();
  }
}

bool SpecChanged(const google::protobuf::Message& object, const google::protobuf::Message& old) {
  const auto* field = SpecField(object);
  if (field == nullptr) return false;
  // Compared field by field: serialized bytes are not canonical (map order varies).
  return !google::protobuf::util::MessageDifferencer::Equals(
      object.GetReflection()->GetMessage(object, field), old.GetReflection()->GetMessage(old, field));
}

void CarryOverSystemMetadata(google::protobuf::Message& object,
                             const google::protobuf::Message& old) {
  k8s::meta::v1::ObjectMeta& meta = *api::MutableObjectMetaOf(object);
  const k8s::meta::v1::ObjectMeta& old_meta = *api::ObjectMetaOf(old);
  meta.set_uid(old_meta.uid());
  *meta.mutable_creationtimestamp() = old_meta.creationtimestamp();
  if (old_meta.has_deletiontimestamp()) {
    *meta.mutable_deletiontimestamp() = old_meta.deletiontimestamp();
  } else {
    meta.clear_deletiontimestamp();
  }
  if (old_meta.has_deletiongraceperiodseconds()) {
    meta.set_deletiongraceperiodseconds(old_meta.deletiongraceperiodseconds());
  } else {
    meta.clear_deletiongraceperiodseconds();
  }
  meta.clear_selflink();
  if (old_meta.has_generation()) {
    meta.set_generation(old_meta.generation() + (SpecChanged(object, old) ? 1 : 0));
  } else {
    meta.clear_generation();
  }
  if (meta.name().empty()) meta.set_name(old_meta.name());
  if (meta.namespace_().empty()) meta.set_namespace_(old_meta.namespace_());
}

}  // namespace kube::apiserver

#include "common/api/object.h"

#include "absl/time/clock.h"
#include "k8s/options.pb.h"

namespace kube::api {
namespace {

const google::protobuf::FieldDescriptor* MetadataField(const google::protobuf::Descriptor* type,
                                                       const google::protobuf::Descriptor* meta) {
  const google::protobuf::FieldDescriptor* field = type->FindFieldByName("metadata");
  if (field == nullptr || field->message_type() != meta) return nullptr;
  return field;
}

}  // namespace

const k8s::meta::v1::ObjectMeta* ObjectMetaOf(const google::protobuf::Message& object) {
  const auto* field =
      MetadataField(object.GetDescriptor(), k8s::meta::v1::ObjectMeta::descriptor());
  if (field == nullptr) return nullptr;
  return static_cast<const k8s::meta::v1::ObjectMeta*>(
      &object.GetReflection()->GetMessage(object, field));
}

k8s::meta::v1::ObjectMeta* MutableObjectMetaOf(google::protobuf::Message& object) {
  const auto* field =
      MetadataField(object.GetDescriptor(), k8s::meta::v1::ObjectMeta::descriptor());
  if (field == nullptr) return nullptr;
  return static_cast<k8s::meta::v1::ObjectMeta*>(
      object.GetReflection()->MutableMessage(&object, field));
}

k8s::meta::v1::ListMeta* MutableListMetaOf(google::protobuf::Message& list) {
  const auto* field = MetadataField(list.GetDescriptor(), k8s::meta::v1::ListMeta::descriptor());
  if (field == nullptr) return nullptr;
  return static_cast<k8s::meta::v1::ListMeta*>(
      list.GetReflection()->MutableMessage(&list, field));
}

const google::protobuf::FieldDescriptor* ItemsField(const google::protobuf::Descriptor* list) {
  const google::protobuf::FieldDescriptor* field = list->FindFieldByName("items");
  if (field == nullptr || !field->is_repeated() ||
      field->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
    return nullptr;
  }
  return field;
}

bool IsCustomResource(const google::protobuf::Message& object) {
  const google::protobuf::Descriptor* type = object.GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->options().GetExtension(k8s::json_remainder)) return true;
  }
  return false;
}

k8s::meta::v1::Time Now() {
  k8s::meta::v1::Time time;
  time.set_seconds(absl::ToUnixSeconds(absl::Now()));
  return time;
}

}  // namespace kube::api

#include "apiserver/registry/strategy.h"

#include "common/api/object.h"

namespace kube::apiserver {
namespace {

const google::protobuf::FieldDescriptor* StatusField(const google::protobuf::Message& object) {
  const auto* field = object.GetDescriptor()->FindFieldByName("status");
  return field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE
             ? field
             : nullptr;
}

}  // namespace

void Strategy::PrepareForCreate(google::protobuf::Message& object) const {
  if (const auto* status = StatusField(object)) object.GetReflection()->ClearField(&object, status);
}

void Strategy::PrepareForUpdate(google::protobuf::Message& object,
                                const google::protobuf::Message& old) const {
  const auto* status = StatusField(object);
  if (status == nullptr) return;
  const auto* reflection = object.GetReflection();
  if (old.GetReflection()->HasField(old, status)) {
    reflection->MutableMessage(&object, status)
        ->CopyFrom(old.GetReflection()->GetMessage(old, status));
  } else {
    reflection->ClearField(&object, status);
  }
}

void Strategy::PrepareForStatusUpdate(google::protobuf::Message& object,
                                      const google::protobuf::Message& old) const {
  const auto* status = StatusField(object);
  std::unique_ptr<google::protobuf::Message> new_status;
  if (status != nullptr) {
    new_status.reset(object.GetReflection()->GetMessage(object, status).New());
    new_status->CopyFrom(object.GetReflection()->GetMessage(object, status));
  }
  // Keep the caller's resourceVersion: it is the update's precondition.
  std::string resource_version = api::ObjectMetaOf(object)->resourceversion();
  object.CopyFrom(old);
  api::MutableObjectMetaOf(object)->set_resourceversion(resource_version);
  if (new_status != nullptr) {
    object.GetReflection()->MutableMessage(&object, status)->CopyFrom(*new_status);
  }
}

absl::StatusOr<FinishFunc> Strategy::BeginCreate(google::protobuf::Message& object) const {
  return FinishFunc([](bool) {});
}

absl::StatusOr<FinishFunc> Strategy::BeginUpdate(google::protobuf::Message& object,
                                                 const google::protobuf::Message& old) const {
  return FinishFunc([](bool) {});
}

bool Strategy::HasPendingFinalizers(const google::protobuf::Message& object) const {
  const auto* meta = api::ObjectMetaOf(object);
  return meta != nullptr && meta->finalizers_size() > 0;
}

}  // namespace kube::apiserver

#include "common/codec/present_fields.h"

#include <algorithm>

namespace kube::codec::internal {

using google::protobuf::FieldDescriptor;

PresentFields::PresentFields(const google::protobuf::Message& message,
                             const google::protobuf::Reflection& reflection,
                             const MessageInfo& info) {
  reflection.ListFields(message, &*fields_);  // in field-number order
  std::erase_if(*fields_, [](const FieldDescriptor* field) { return field->is_extension(); });
  if (!info.number_order) {
    std::sort(
        fields_->begin(), fields_->end(),
        [](const FieldDescriptor* a, const FieldDescriptor* b) { return a->index() < b->index(); });
  }
}

}  // namespace kube::codec::internal

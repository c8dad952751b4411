#include "common/codec/zero_values.h"

#include <vector>

#include "common/codec/annotations.h"
#include "common/codec/json_forms.h"
#include "common/codec/reflection_util.h"

namespace kube::codec {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Protobuf parsing stops at 100 levels; programmatic messages deeper than this bound
// are left as they are below it.
constexpr int kMaxDepth = 200;

bool IsTimeForm(const Message& message) {
  k8s::JsonForm form = internal::FormOf(message.GetDescriptor());
  return form == k8s::JSON_TIME || form == k8s::JSON_MICRO_TIME;
}

void Clear(Message& message, int depth) {
  if (depth > kMaxDepth) return;
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->is_map()) {
      const FieldDescriptor* value_field = field->message_type()->map_value();
      if (value_field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int i = 0, n = reflection->FieldSize(message, field); i < n; ++i) {
        Message* entry = reflection->MutableRepeatedMessage(&message, field, i);
        Clear(*entry->GetReflection()->MutableMessage(entry, value_field), depth + 1);
      }
    } else if (field->is_repeated()) {
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int i = 0, n = reflection->FieldSize(message, field); i < n; ++i) {
        Clear(*reflection->MutableRepeatedMessage(&message, field, i), depth + 1);
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Message* child = reflection->MutableMessage(&message, field);
      Clear(*child, depth + 1);
      if (IsTimeForm(*child) && internal::IsZeroTime(*child)) {
        reflection->ClearField(&message, field);
      }
    } else if (!internal::IsPointer(field) && internal::IsZeroScalar(message, field)) {
      reflection->ClearField(&message, field);
    }
  }
}

}  // namespace

void ClearZeroValues(Message& message) { Clear(message, 0); }

}  // namespace kube::codec

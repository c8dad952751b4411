#include "common/codec/zero_values.h"

#include "common/codec/json_forms.h"
#include "common/codec/message_info.h"
#include "common/codec/present_fields.h"
#include "common/codec/reflection_util.h"

namespace kube::codec {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using internal::FieldInfo;
using internal::MessageInfo;

// Protobuf parsing stops at 100 levels; programmatic messages deeper than this bound
// are left as they are below it.
constexpr int kMaxDepth = 200;

// True if Clear would change `message`. Read-only, so that map values are made mutable
// only when they change: a map reached mutably through reflection is rebuilt from its
// entries the next time it is read (by serialization, say).
bool HasZeroValues(const Message& message, const MessageInfo& info, int depth) {
  if (depth > kMaxDepth) return false;
  const Reflection* reflection = message.GetReflection();
  const internal::PresentFields present(message, *reflection, info);
  for (const FieldDescriptor* descriptor : present.fields()) {
    const FieldInfo& field = info.fields[descriptor->index()];
    if (field.is_map) {
      const FieldInfo& value_field = field.MapValue();
      if (value_field.cpp_type != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int i = 0, n = reflection->FieldSize(message, descriptor); i < n; ++i) {
        const Message& entry = reflection->GetRepeatedMessage(message, descriptor, i);
        if (HasZeroValues(entry.GetReflection()->GetMessage(entry, value_field.field),
                          value_field.Message(), depth + 1)) {
          return true;
        }
      }
    } else if (field.is_repeated) {
      if (field.cpp_type != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int i = 0, n = reflection->FieldSize(message, descriptor); i < n; ++i) {
        if (HasZeroValues(reflection->GetRepeatedMessage(message, descriptor, i), field.Message(),
                          depth + 1)) {
          return true;
        }
      }
    } else if (field.cpp_type == FieldDescriptor::CPPTYPE_MESSAGE) {
      const Message& child = reflection->GetMessage(message, descriptor);
      const MessageInfo& child_info = field.Message();
      if (HasZeroValues(child, child_info, depth + 1)) return true;
      if (child_info.is_time && internal::IsZeroTime(child_info, child)) return true;
    } else if (!field.pointer && internal::IsZeroScalar(message, *reflection, descriptor)) {
      return true;
    }
  }
  return false;
}

void Clear(Message& message, const MessageInfo& info, int depth) {
  if (depth > kMaxDepth) return;
  const Reflection* reflection = message.GetReflection();
  const internal::PresentFields present(message, *reflection, info);
  for (const FieldDescriptor* descriptor : present.fields()) {
    const FieldInfo& field = info.fields[descriptor->index()];
    if (field.is_map) {
      const FieldInfo& value_field = field.MapValue();
      if (value_field.cpp_type != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int i = 0, n = reflection->FieldSize(message, descriptor); i < n; ++i) {
        const Message& entry = reflection->GetRepeatedMessage(message, descriptor, i);
        if (!HasZeroValues(entry.GetReflection()->GetMessage(entry, value_field.field),
                           value_field.Message(), depth + 1)) {
          continue;
        }
        Message* changed = reflection->MutableRepeatedMessage(&message, descriptor, i);
        Clear(*changed->GetReflection()->MutableMessage(changed, value_field.field),
              value_field.Message(), depth + 1);
      }
    } else if (field.is_repeated) {
      if (field.cpp_type != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int i = 0, n = reflection->FieldSize(message, descriptor); i < n; ++i) {
        Clear(*reflection->MutableRepeatedMessage(&message, descriptor, i), field.Message(),
              depth + 1);
      }
    } else if (field.cpp_type == FieldDescriptor::CPPTYPE_MESSAGE) {
      Message* child = reflection->MutableMessage(&message, descriptor);
      const MessageInfo& child_info = field.Message();
      Clear(*child, child_info, depth + 1);
      if (child_info.is_time && internal::IsZeroTime(child_info, *child)) {
        reflection->ClearField(&message, descriptor);
      }
    } else if (!field.pointer && internal::IsZeroScalar(message, *reflection, descriptor)) {
      reflection->ClearField(&message, descriptor);
    }
  }
}

}  // namespace

void ClearZeroValues(Message& message) {
  Clear(message, internal::InfoOf(message.GetDescriptor()), 0);
}

}  // namespace kube::codec

#include "common/codec/reflection_util.h"

namespace kube::codec::internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const FieldDescriptor* SingularField(const Message& message, int number) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByNumber(number);
  return field != nullptr && !field->is_repeated() ? field : nullptr;
}

}  // namespace

bool IsZeroScalar(const Message& message, const FieldDescriptor* field) {
  return IsZeroScalar(message, *message.GetReflection(), field);
}

bool IsZeroScalar(const Message& message, const Reflection& reflection,
                  const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return reflection.GetInt32(message, field) == 0;
    case FieldDescriptor::CPPTYPE_INT64:
      return reflection.GetInt64(message, field) == 0;
    case FieldDescriptor::CPPTYPE_UINT32:
      return reflection.GetUInt32(message, field) == 0;
    case FieldDescriptor::CPPTYPE_UINT64:
      return reflection.GetUInt64(message, field) == 0;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return reflection.GetDouble(message, field) == 0;
    case FieldDescriptor::CPPTYPE_FLOAT:
      return reflection.GetFloat(message, field) == 0;
    case FieldDescriptor::CPPTYPE_BOOL:
      return !reflection.GetBool(message, field);
    case FieldDescriptor::CPPTYPE_ENUM:
      return reflection.GetEnumValue(message, field) == 0;
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      return reflection.GetStringReference(message, field, &scratch).empty();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return false;
  }
  return false;
}

int64_t GetIntField(const Message& message, int number) {
  return GetIntField(message, *message.GetReflection(), SingularField(message, number));
}

std::string GetStringField(const Message& message, int number) {
  const FieldDescriptor* field = SingularField(message, number);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return "";
  return message.GetReflection()->GetString(message, field);
}

int64_t GetIntField(const Message& message, const Reflection& reflection,
                    const FieldDescriptor* field) {
  if (field == nullptr) return 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return reflection.GetInt32(message, field);
    case FieldDescriptor::CPPTYPE_INT64:
      return reflection.GetInt64(message, field);
    case FieldDescriptor::CPPTYPE_UINT32:
      return reflection.GetUInt32(message, field);
    case FieldDescriptor::CPPTYPE_UINT64:
      return static_cast<int64_t>(reflection.GetUInt64(message, field));
    default:
      return 0;
  }
}

void SetIntField(Message& message, int number, int64_t value) {
  const FieldDescriptor* field = SingularField(message, number);
  if (field == nullptr || value == 0) return;
  const Reflection* reflection = message.GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      reflection->SetInt32(&message, field, static_cast<int32_t>(value));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      reflection->SetInt64(&message, field, value);
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      reflection->SetUInt32(&message, field, static_cast<uint32_t>(value));
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      reflection->SetUInt64(&message, field, static_cast<uint64_t>(value));
      break;
    default:
      break;
  }
}

void SetStringField(Message& message, int number, std::string value) {
  const FieldDescriptor* field = SingularField(message, number);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return;
  message.GetReflection()->SetString(&message, field, std::move(value));
}

}  // namespace kube::codec::internal

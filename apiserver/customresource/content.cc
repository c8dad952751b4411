#include "apiserver/customresource/content.h"

#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"
#include "k8s/options.pb.h"

namespace kube::apiserver::customresource {
namespace {

const google::protobuf::FieldDescriptor* ContentField(const google::protobuf::Message& object) {
  const google::protobuf::Descriptor* type = object.GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->options().GetExtension(k8s::json_remainder)) return type->field(i);
  }
  return nullptr;
}

}  // namespace

rapidjson::Document ContentOf(const google::protobuf::Message& object) {
  rapidjson::Document content;
  const google::protobuf::FieldDescriptor* field = ContentField(object);
  if (field != nullptr) {
    std::string scratch;
    const std::string& text = object.GetReflection()->GetStringReference(object, field, &scratch);
    if (!text.empty() && codec::ParseJson(text, content).ok() && content.IsObject()) {
      return content;
    }
  }
  content.SetObject();
  return content;
}

void SetContent(google::protobuf::Message& object, rapidjson::Value& content) {
  const google::protobuf::FieldDescriptor* field = ContentField(object);
  if (field == nullptr) return;
  if (!content.IsObject() || content.MemberCount() == 0) {
    object.GetReflection()->ClearField(&object, field);
    return;
  }
  codec::SortKeys(content);
  object.GetReflection()->SetString(&object, field, codec::WriteJson(content));
}

rapidjson::Document ObjectJson(const google::protobuf::Message& object) {
  rapidjson::Document document;
  codec::EncodeJsonValue(object, document, document.GetAllocator());
  return document;
}

}  // namespace kube::apiserver::customresource

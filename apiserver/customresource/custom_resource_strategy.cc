#include "apiserver/customresource/custom_resource_strategy.h"

#include "apiserver/customresource/content.h"
#include "apiserver/customresource/schema/defaulting.h"

namespace kube::apiserver::customresource {
namespace {

// `content` without its status member.
bool EqualOutsideStatus(const rapidjson::Value& a, const rapidjson::Value& b) {
  if (!a.IsObject() || !b.IsObject()) return a == b;
  size_t a_members = 0;
  for (const auto& member : a.GetObject()) {
    if (std::string_view(member.name.GetString()) == "status") continue;
    ++a_members;
    auto other = b.FindMember(member.name);
    if (other == b.MemberEnd() || !(other->value == member.value)) return false;
  }
  size_t b_members = b.MemberCount() - (b.HasMember("status") ? 1 : 0);
  return a_members == b_members;
}

// The members of a whole object's JSON that are content: all but apiVersion, kind
// and metadata.
void TakeContent(rapidjson::Document& whole) {
  whole.RemoveMember("apiVersion");
  whole.RemoveMember("kind");
  whole.RemoveMember("metadata");
}

}  // namespace

CustomResourceStrategy::CustomResourceStrategy(
    std::unique_ptr<const crd_schema::CustomResourceSchema> schema, bool status_subresource)
    : schema_(std::move(schema)), status_subresource_(status_subresource) {}

void CustomResourceStrategy::Apply(google::protobuf::Message& object,
                                   std::vector<std::string>* dropped) const {
  if (schema_ == nullptr) return;
  rapidjson::Document whole = ObjectJson(object);
  if (dropped != nullptr) {
    schema_->PruneAndDefault(whole, whole.GetAllocator(), dropped);
  } else {
    crd_schema::ApplyDefaults(schema_->root(), whole, whole.GetAllocator());
  }
  TakeContent(whole);
  SetContent(object, whole);
}

void CustomResourceStrategy::Default(google::protobuf::Message& object) const {
  Apply(object, nullptr);
}

void CustomResourceStrategy::DefaultOnRead(google::protobuf::Message& object) const {
  Default(object);
}

void CustomResourceStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  if (!status_subresource_) return;
  rapidjson::Document content = ContentOf(object);
  if (content.RemoveMember("status")) SetContent(object, content);
}

void CustomResourceStrategy::PrepareForUpdate(google::protobuf::Message& object,
                                              const google::protobuf::Message& old) const {
  if (!status_subresource_) return;
  rapidjson::Document content = ContentOf(object);
  rapidjson::Document old_content = ContentOf(old);
  content.RemoveMember("status");
  if (auto status = old_content.FindMember("status"); status != old_content.MemberEnd()) {
    content.AddMember("status", status->value, content.GetAllocator());
  }
  SetContent(object, content);
}

void CustomResourceStrategy::PrepareForStatusUpdate(google::protobuf::Message& object,
                                                    const google::protobuf::Message& old) const {
  rapidjson::Document content = ContentOf(object);
  rapidjson::Document merged = ContentOf(old);
  merged.RemoveMember("status");
  if (auto status = content.FindMember("status"); status != content.MemberEnd()) {
    merged.AddMember("status", status->value, merged.GetAllocator());
  }
  // Metadata comes from the stored object, as the base rule has it, but for the
  // caller's resourceVersion (the update's precondition).
  Strategy::PrepareForStatusUpdate(object, old);
  SetContent(object, merged);
}

api::FieldErrors CustomResourceStrategy::Validate(const google::protobuf::Message& object) const {
  if (schema_ == nullptr) return {};
  return schema_->Validate(ObjectJson(object));
}

api::FieldErrors CustomResourceStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  if (schema_ == nullptr) return {};
  rapidjson::Document content = ContentOf(object);
  auto status = content.FindMember("status");
  if (status == content.MemberEnd()) return {};
  return schema_->ValidateStatus(status->value);
}

bool CustomResourceStrategy::NewGeneration(const google::protobuf::Message& object,
                                           const google::protobuf::Message& old) const {
  return !EqualOutsideStatus(ContentOf(object), ContentOf(old));
}

void CustomResourceStrategy::Prune(google::protobuf::Message& object,
                                   std::vector<std::string>& dropped) const {
  Apply(object, &dropped);
}

}  // namespace kube::apiserver::customresource

#include "apiserver/operations/scale.h"

#include <rapidjson/document.h>

#include "apiserver/operations/patch.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/jsonpath/field_path.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/selectors/label_selector.h"
#include "common/selectors/label_selector_proto.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

const Message* SubMessage(const Message& parent, const char* name) {
  const FieldDescriptor* field = parent.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->type() != FieldDescriptor::TYPE_MESSAGE) return nullptr;
  return &parent.GetReflection()->GetMessage(parent, field);
}

int32_t Int32Field(const Message& message, const char* name, int32_t fallback) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_INT32) return fallback;
  if (!message.GetReflection()->HasField(message, field)) return fallback;
  return message.GetReflection()->GetInt32(message, field);
}

// The parent's selector as text: a plain map (ReplicationController) or a
// metav1.LabelSelector (the apps kinds).
std::string SelectorText(const Message& spec) {
  const FieldDescriptor* field = spec.GetDescriptor()->FindFieldByName("selector");
  if (field == nullptr) return "";
  const auto* reflection = spec.GetReflection();
  if (field->is_map()) {
    std::map<std::string, std::string> labels;
    for (int i = 0; i < reflection->FieldSize(spec, field); ++i) {
      const Message& entry = reflection->GetRepeatedMessage(spec, field, i);
      const auto* entry_reflection = entry.GetReflection();
      labels[entry_reflection->GetString(entry, entry.GetDescriptor()->field(0))] =
          entry_reflection->GetString(entry, entry.GetDescriptor()->field(1));
    }
    return selectors::LabelSelector::FromMatchLabels(labels).ToString();
  }
  if (!reflection->HasField(spec, field)) return "";
  const auto& selector =
      static_cast<const k8s::meta::v1::LabelSelector&>(reflection->GetMessage(spec, field));
  absl::StatusOr<selectors::LabelSelector> parsed = selectors::LabelSelectorFromProto(&selector);
  return parsed.ok() ? parsed->ToString() : "";
}

void CopyScaleMetadata(const Message& parent, k8s::autoscaling::v1::Scale& scale) {
  const k8s::meta::v1::ObjectMeta& meta = *api::ObjectMetaOf(parent);
  auto* scale_meta = scale.mutable_metadata();
  scale_meta->set_name(meta.name());
  scale_meta->set_namespace_(meta.namespace_());
  scale_meta->set_uid(meta.uid());
  scale_meta->set_resourceversion(meta.resourceversion());
  *scale_meta->mutable_creationtimestamp() = meta.creationtimestamp();
}

// A custom resource's Scale, read at its CRD's paths as upstream's scale REST does:
// a missing spec replicas is an error, missing status replicas 0, a missing
// selector "".
absl::StatusOr<k8s::autoscaling::v1::Scale> CustomScaleOf(const Message& parent,
                                                          const ScalePaths& paths) {
  k8s::autoscaling::v1::Scale scale;
  CopyScaleMetadata(parent, scale);
  rapidjson::Document object = ObjectDocument(parent);
  absl::StatusOr<const rapidjson::Value*> spec = jsonpath::GetField(object, paths.spec_replicas);
  if (!spec.ok()) return api::InternalError(std::string(spec.status().message()));
  if (*spec == nullptr) {
    return api::InternalError(
        StrCat("the spec replicas field \"", paths.spec_replicas, "\" does not exist"));
  }
  if (!(*spec)->IsInt64()) {
    return api::InternalError(StrCat("the spec replicas field \"", paths.spec_replicas,
                                     "\" is not an integer"));
  }
  scale.mutable_spec()->set_replicas(static_cast<int32_t>((*spec)->GetInt64()));
  absl::StatusOr<const rapidjson::Value*> status = jsonpath::GetField(object, paths.status_replicas);
  if (status.ok() && *status != nullptr && (*status)->IsInt64()) {
    scale.mutable_status()->set_replicas(static_cast<int32_t>((*status)->GetInt64()));
  }
  if (!paths.label_selector.empty()) {
    absl::StatusOr<const rapidjson::Value*> selector =
        jsonpath::GetField(object, paths.label_selector);
    if (selector.ok() && *selector != nullptr && (*selector)->IsString()) {
      scale.mutable_status()->set_selector((*selector)->GetString());
    }
  }
  return scale;
}

absl::StatusOr<k8s::autoscaling::v1::Scale> ScaleOf(const Store& store, const Message& parent) {
  if (const auto& paths = store.resource().scale_paths) return CustomScaleOf(parent, *paths);
  k8s::autoscaling::v1::Scale scale;
  CopyScaleMetadata(parent, scale);
  if (const Message* spec = SubMessage(parent, "spec")) {
    scale.mutable_spec()->set_replicas(Int32Field(*spec, "replicas", 1));
    scale.mutable_status()->set_selector(SelectorText(*spec));
  }
  if (const Message* status = SubMessage(parent, "status")) {
    scale.mutable_status()->set_replicas(Int32Field(*status, "replicas", 0));
  }
  return scale;
}

}  // namespace

absl::StatusOr<k8s::autoscaling::v1::Scale> GetScale(const Store& store, std::string_view ns,
                                                     std::string_view name) {
  absl::StatusOr<ObjectPtr> parent = store.Get(ns, name);
  if (!parent.ok()) return parent.status();
  return ScaleOf(store, **parent);
}

absl::StatusOr<k8s::autoscaling::v1::Scale> UpdateScale(const Store& store, std::string_view ns,
                                                        std::string_view name,
                                                        const k8s::autoscaling::v1::Scale& scale,
                                                        const WriteOptions& options) {
  if (!scale.metadata().name().empty() && scale.metadata().name() != name) {
    return api::BadRequestError(StrCat("the name of the object (", scale.metadata().name(),
                                       ") does not match the name on the URL (", name, ")"));
  }
  const int32_t replicas = scale.spec().replicas();
  const std::string version = scale.metadata().resourceversion();
  auto update = [&](const Message& current) -> absl::StatusOr<ObjectPtr> {
    ObjectPtr object(current.New());
    object->CopyFrom(current);
    api::MutableObjectMetaOf(*object)->set_resourceversion(
        version.empty() ? api::ObjectMetaOf(current)->resourceversion() : version);
    if (const auto& paths = store.resource().scale_paths) {
      rapidjson::Document document = ObjectDocument(*object);
      absl::Status set = jsonpath::SetField(document, paths->spec_replicas,
                                            rapidjson::Value(replicas), document.GetAllocator());
      if (!set.ok()) return api::BadRequestError(std::string(set.message()));
      ObjectPtr scaled(current.New());
      absl::Status decoded = codec::DecodeJsonValue(document, *scaled);
      if (!decoded.ok()) return api::BadRequestError(std::string(decoded.message()));
      return scaled;
    }
    const FieldDescriptor* spec_field = object->GetDescriptor()->FindFieldByName("spec");
    Message* spec = object->GetReflection()->MutableMessage(object.get(), spec_field);
    const FieldDescriptor* replicas_field = spec->GetDescriptor()->FindFieldByName("replicas");
    spec->GetReflection()->SetInt32(spec, replicas_field, replicas);
    return object;
  };
  WriteOptions through_scale = options;
  through_scale.subresource = "scale";
  absl::StatusOr<ObjectPtr> updated =
      store.Update(ns, name, update, UpdateMode::kMain, through_scale);
  if (!updated.ok()) return updated.status();
  return ScaleOf(store, **updated);
}


absl::StatusOr<k8s::autoscaling::v1::Scale> PatchScale(const Store& store, std::string_view ns,
                                                       std::string_view name,
                                                       std::string_view patch_type,
                                                       std::string_view patch_body,
                                                       const WriteOptions& options) {
  absl::StatusOr<k8s::autoscaling::v1::Scale> current = GetScale(store, ns, name);
  if (!current.ok()) return current.status();
  rapidjson::Document document = ObjectDocument(*current);
  absl::Status status =
      ApplyPatchDocument(patch_type, patch_body, document, current->GetDescriptor());
  if (!status.ok()) return status;
  k8s::autoscaling::v1::Scale scale;
  status = codec::DecodeJsonValue(document, scale);
  if (!status.ok()) return api::BadRequestError(std::string(status.message()));
  // A patch that names no resourceVersion is not conditional.
  if (scale.metadata().resourceversion() == current->metadata().resourceversion()) {
    scale.mutable_metadata()->clear_resourceversion();
  }
  return UpdateScale(store, ns, name, scale, options);
}

}  // namespace kube::apiserver

#include "apiserver/endpoints/scale_handler.h"

#include <rapidjson/document.h>

#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/patch_handler.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/responses.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/selectors/label_selector.h"
#include "common/selectors/label_selector_proto.h"
#include "common/util/strings.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"

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

k8s::autoscaling::v1::Scale ScaleOf(const Message& parent) {
  k8s::autoscaling::v1::Scale scale;
  const k8s::meta::v1::ObjectMeta& meta = *api::ObjectMetaOf(parent);
  auto* scale_meta = scale.mutable_metadata();
  scale_meta->set_name(meta.name());
  scale_meta->set_namespace_(meta.namespace_());
  scale_meta->set_uid(meta.uid());
  scale_meta->set_resourceversion(meta.resourceversion());
  *scale_meta->mutable_creationtimestamp() = meta.creationtimestamp();
  if (const Message* spec = SubMessage(parent, "spec")) {
    scale.mutable_spec()->set_replicas(Int32Field(*spec, "replicas", 1));
    scale.mutable_status()->set_selector(SelectorText(*spec));
  }
  if (const Message* status = SubMessage(parent, "status")) {
    scale.mutable_status()->set_replicas(Int32Field(*status, "replicas", 0));
  }
  return scale;
}

// Writes `scale`'s replicas into the parent; its resourceVersion, when set, is the
// precondition.
absl::StatusOr<k8s::autoscaling::v1::Scale> ApplyScale(const ResourceInfo& resource,
                                                       const Store& store,
                                                       const RequestInfo& info,
                                                       const k8s::autoscaling::v1::Scale& scale,
                                                       const WriteOptions& options) {
  if (!scale.metadata().name().empty() && scale.metadata().name() != info.name) {
    return api::BadRequestError(StrCat("the name of the object (", scale.metadata().name(),
                                       ") does not match the name on the URL (", info.name, ")"));
  }
  const int32_t replicas = scale.spec().replicas();
  const std::string version = scale.metadata().resourceversion();
  auto update = [&](const Message& current) -> absl::StatusOr<ObjectPtr> {
    ObjectPtr object(current.New());
    object->CopyFrom(current);
    api::MutableObjectMetaOf(*object)->set_resourceversion(
        version.empty() ? api::ObjectMetaOf(current)->resourceversion() : version);
    const FieldDescriptor* spec_field = object->GetDescriptor()->FindFieldByName("spec");
    Message* spec = object->GetReflection()->MutableMessage(object.get(), spec_field);
    const FieldDescriptor* replicas_field = spec->GetDescriptor()->FindFieldByName("replicas");
    spec->GetReflection()->SetInt32(spec, replicas_field, replicas);
    return object;
  };
  absl::StatusOr<ObjectPtr> updated =
      store.Update(info.namespace_, info.name, update, UpdateMode::kMain, options);
  if (!updated.ok()) return updated.status();
  return ScaleOf(**updated);
}

}  // namespace

absl::Status ServeScale(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                        const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  if (absl::Status status = ValidateDryRun(request); !status.ok()) return status;
  WriteOptions options{DryRun(request)};

  if (request.method == "GET") {
    absl::StatusOr<ObjectPtr> parent = store.Get(info.namespace_, info.name);
    if (!parent.ok()) return parent.status();
    WriteObject(response, 200, ScaleOf(**parent), *format);
    return absl::OkStatus();
  }

  k8s::autoscaling::v1::Scale scale;
  if (request.method == "PUT") {
    absl::StatusOr<DecodedBody> decoded =
        DecodeBody(request.get_header_value("Content-Type"), request.body, scale);
    if (!decoded.ok()) return decoded.status();
    scale.CopyFrom(*decoded->object);
  } else if (request.method == "PATCH") {
    absl::StatusOr<ObjectPtr> parent = store.Get(info.namespace_, info.name);
    if (!parent.ok()) return parent.status();
    k8s::autoscaling::v1::Scale current = ScaleOf(**parent);
    rapidjson::Document document;
    std::string json = codec::EncodeJson(current);
    document.Parse(json.data(), json.size());
    absl::Status status =
        ApplyPatchDocument(BaseMediaType(request.get_header_value("Content-Type")), request.body,
                           document, scale.GetDescriptor());
    if (!status.ok()) return status;
    status = codec::DecodeJsonValue(document, scale);
    if (!status.ok()) return api::BadRequestError(std::string(status.message()));
    // A patch that names no resourceVersion is not conditional.
    if (scale.metadata().resourceversion() == current.metadata().resourceversion()) {
      scale.mutable_metadata()->clear_resourceversion();
    }
  } else {
    return api::MethodNotAllowedError(StrCat(request.method, " is not supported on scale"));
  }
  absl::StatusOr<k8s::autoscaling::v1::Scale> result =
      ApplyScale(resource, store, info, scale, options);
  if (!result.ok()) return result.status();
  WriteObject(response, 200, *result, *format);
  return absl::OkStatus();
}

}  // namespace kube::apiserver

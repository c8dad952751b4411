#include "apiserver/endpoints/patch_handler.h"

#include <rapidjson/document.h>

#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/responses.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/rfc3339.h"
#include "common/codec/yaml.h"
#include "common/patch/apply.h"
#include "common/patch/patch.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

constexpr std::string_view kJsonPatch = "application/json-patch+json";
constexpr std::string_view kMergePatch = "application/merge-patch+json";
constexpr std::string_view kStrategicPatch = "application/strategic-merge-patch+json";
constexpr std::string_view kApplyPatch = "application/apply-patch+yaml";

absl::StatusOr<rapidjson::Document> ParseJsonBody(std::string_view body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError()) {
    return api::BadRequestError(StrCat("the patch is not valid JSON (at offset ",
                                       document.GetErrorOffset(), ")"));
  }
  return document;
}

// The object's JSON as a patch sees it: with kind and apiVersion.
rapidjson::Document ObjectDocument(const google::protobuf::Message& object) {
  rapidjson::Document document;
  std::string json = codec::EncodeJson(object);
  document.Parse(json.data(), json.size());
  return document;
}

// Decodes a patched document back into an object of `prototype`'s type, applying
// fieldValidation to fields the type does not have.
absl::StatusOr<ObjectPtr> DecodePatched(const ResourceInfo& resource,
                                        const rapidjson::Value& document,
                                        const std::string& validation,
                                        std::vector<std::string>& warnings) {
  ObjectPtr object(resource.prototype->New());
  std::vector<std::string> unknown;
  absl::Status status = codec::DecodeJsonValue(document, *object, &unknown);
  if (!status.ok()) return api::BadRequestError(std::string(status.message()));
  if (document.IsObject()) {
    auto kind = document.FindMember("kind");
    if (kind != document.MemberEnd() && kind->value.IsString() &&
        std::string_view(kind->value.GetString()) != resource.kind) {
      return api::BadRequestError(StrCat("the kind of the patched object (",
                                         kind->value.GetString(), ") must stay ", resource.kind));
    }
  }
  if (!unknown.empty()) {
    std::vector<std::string> messages;
    for (const std::string& field : unknown) messages.push_back(StrCat("unknown field \"", field, "\""));
    if (validation == "Strict") {
      return api::BadRequestError(StrCat("strict decoding error: ", StrJoin(messages, ", ")));
    }
    if (validation != "Ignore") warnings.insert(warnings.end(), messages.begin(), messages.end());
  }
  return object;
}

// Server-side apply conflicts are 409 with upstream's own message, which kubectl
// prints before its advice to --force-conflicts.
absl::Status ApplyError(const absl::Status& status) {
  std::string message(status.message());
  return absl::IsFailedPrecondition(status) ? api::ConflictMessageError(message)
                                            : api::BadRequestError(message);
}

// The field manager of a write: ?fieldManager=, else the client's product name
// from its User-Agent ("kubectl/v1.32.4 (...)" -> "kubectl"), as upstream.
std::string FieldManager(const httplib::Request& request) {
  std::string manager = QueryParam(request, "fieldManager");
  if (!manager.empty()) return manager;
  std::string agent = request.get_header_value("User-Agent");
  agent = agent.substr(0, agent.find('/'));
  return agent.empty() ? "unknown" : agent.substr(0, 128);
}

std::string NowRfc3339() { return codec::FormatRfc3339(codec::UnixTime{absl::ToUnixSeconds(absl::Now()), 0}); }

absl::Status ServeApply(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                        const httplib::Request& request, httplib::Response& response,
                        OutputFormat format, const std::string& validation) {
  std::string manager = QueryParam(request, "fieldManager");
  if (manager.empty()) {
    return api::BadRequestError(
        "PATCH requests with apply content type must specify a fieldManager");
  }
  bool force = QueryParam(request, "force") == "true";
  absl::StatusOr<rapidjson::Document> applied = patch::ParseApplyBody(request.body);
  if (!applied.ok()) return api::BadRequestError(std::string(applied.status().message()));
  if (!applied.ok()) return applied.status();
  std::vector<std::string> warnings;
  WriteOptions options{DryRun(request)};
  const auto* type = resource.prototype->GetDescriptor();

  absl::StatusOr<ObjectPtr> current = store.Get(info.namespace_, info.name);
  if (absl::IsNotFound(current.status())) {
    absl::StatusOr<patch::ApplyResult> merged = patch::ServerSideApply(
        nullptr, *applied, manager, force, type, resource.ApiVersion(), NowRfc3339());
    if (!merged.ok()) {
      return ApplyError(merged.status());
    }
    absl::StatusOr<ObjectPtr> object = DecodePatched(resource, merged->object, validation, warnings);
    if (!object.ok()) return object.status();
    api::MutableObjectMetaOf(**object)->set_name(info.name);
    absl::StatusOr<ObjectPtr> created = store.Create(info.namespace_, std::move(*object), options);
    if (!created.ok()) return created.status();
    for (const std::string& warning : warnings) AddWarning(response, warning);
    WriteObject(response, 201, **created, format);
    return absl::OkStatus();
  }
  if (!current.ok()) return current.status();

  auto update = [&](const google::protobuf::Message& live) -> absl::StatusOr<ObjectPtr> {
    rapidjson::Document live_document = ObjectDocument(live);
    absl::StatusOr<patch::ApplyResult> merged = patch::ServerSideApply(
        &live_document, *applied, manager, force, type, resource.ApiVersion(), NowRfc3339());
    if (!merged.ok()) {
      return ApplyError(merged.status());
    }
    warnings.clear();
    return DecodePatched(resource, merged->object, validation, warnings);
  };
  UpdateMode mode = info.subresource == "status" ? UpdateMode::kStatus : UpdateMode::kMain;
  absl::StatusOr<ObjectPtr> updated = store.Update(info.namespace_, info.name, update, mode, options);
  if (!updated.ok()) return updated.status();
  for (const std::string& warning : warnings) AddWarning(response, warning);
  WriteObject(response, 200, **updated, format);
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyPatchDocument(std::string_view patch_type, std::string_view patch_body,
                                rapidjson::Document& document,
                                const google::protobuf::Descriptor* type) {
  absl::StatusOr<rapidjson::Document> patch = ParseJsonBody(patch_body);
  if (!patch.ok()) return patch.status();
  absl::Status status;
  if (patch_type == kJsonPatch) {
    if (!patch->IsArray()) return api::BadRequestError("a JSON patch must be a JSON array of operations");
    status = patch::ApplyJsonPatch(document, *patch);
  } else if (patch_type == kMergePatch) {
    status = patch::ApplyMergePatch(document, *patch);
  } else if (patch_type == kStrategicPatch) {
    if (!patch->IsObject()) return api::BadRequestError("a strategic merge patch must be a JSON object");
    status = patch::ApplyStrategicMergePatch(document, *patch, type);
  } else {
    return api::UnsupportedMediaTypeError(patch_type);
  }
  // Upstream: a patch that parsed but cannot apply to this object is 422.
  if (!status.ok()) return api::UnprocessableEntityError(std::string(status.message()));
  return absl::OkStatus();
}

absl::Status ServePatch(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                        const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  if (absl::Status status = ValidateDryRun(request); !status.ok()) return status;
  std::string validation = QueryParam(request, "fieldValidation");
  std::string patch_type = BaseMediaType(request.get_header_value("Content-Type"));
  if (patch_type == kApplyPatch) {
    return ServeApply(resource, store, info, request, response, *format, validation);
  }
  if (patch_type != kJsonPatch && patch_type != kMergePatch && patch_type != kStrategicPatch) {
    return api::UnsupportedMediaTypeError(request.get_header_value("Content-Type"));
  }
  std::vector<std::string> warnings;
  const std::string manager = FieldManager(request);
  auto update = [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
    rapidjson::Document document = ObjectDocument(current);
    absl::Status status = ApplyPatchDocument(patch_type, request.body, document,
                                             resource.prototype->GetDescriptor());
    if (!status.ok()) return status;
    // Once someone applied server-side, every writer's fields are tracked so a later
    // apply sees the conflict.
    if (api::ObjectMetaOf(current)->managedfields_size() > 0) {
      rapidjson::Document old_document = ObjectDocument(current);
      status = patch::TrackUpdate(document, &old_document, manager,
                                  resource.prototype->GetDescriptor(), resource.ApiVersion(),
                                  NowRfc3339(), info.subresource);
      if (!status.ok()) return api::BadRequestError(std::string(status.message()));
    }
    warnings.clear();
    return DecodePatched(resource, document, validation, warnings);
  };
  UpdateMode mode = info.subresource == "status" ? UpdateMode::kStatus : UpdateMode::kMain;
  absl::StatusOr<ObjectPtr> updated =
      store.Update(info.namespace_, info.name, update, mode, WriteOptions{DryRun(request)});
  if (!updated.ok()) return updated.status();
  for (const std::string& warning : warnings) AddWarning(response, warning);
  WriteObject(response, 200, **updated, *format);
  return absl::OkStatus();
}

}  // namespace kube::apiserver

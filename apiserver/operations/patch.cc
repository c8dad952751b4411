#include "apiserver/operations/patch.h"

#include "apiserver/operations/field_validation.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/rfc3339.h"
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

// Decodes a patched document back into an object of the resource's type, applying
// fieldValidation to fields the type does not have.
absl::StatusOr<ObjectPtr> DecodePatched(const ResourceInfo& resource,
                                        const rapidjson::Value& document,
                                        std::string_view validation,
                                        std::vector<std::string>& warnings) {
  ObjectPtr object(resource.prototype->New());
  std::vector<std::string> unknown;
  absl::Status status = codec::DecodeJsonValue(document, *object, &unknown);
  if (!status.ok()) return api::BadRequestError(std::string(status.message()));
  if (resource.prune) resource.prune(*object, unknown);
  if (document.IsObject()) {
    auto kind = document.FindMember("kind");
    if (kind != document.MemberEnd() && kind->value.IsString() &&
        std::string_view(kind->value.GetString()) != resource.kind) {
      return api::BadRequestError(StrCat("the kind of the patched object (",
                                         kind->value.GetString(), ") must stay ", resource.kind));
    }
  }
  if (absl::Status checked = CheckUnknownFields(unknown, validation, warnings); !checked.ok()) {
    return checked;
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

std::string NowRfc3339() {
  return codec::FormatRfc3339(codec::UnixTime{absl::ToUnixSeconds(absl::Now()), 0});
}

UpdateMode ModeFor(const ResourceInfo& resource, const PatchRequest& request) {
  return UpdateModeFor(resource, request.subresource).value_or(UpdateMode::kMain);
}

absl::StatusOr<PatchResult> Apply(const ResourceInfo& resource, const Store& store,
                                  std::string_view ns, std::string_view name,
                                  const PatchRequest& request) {
  if (request.field_manager.empty()) {
    return api::BadRequestError(
        "PATCH requests with apply content type must specify a fieldManager");
  }
  absl::StatusOr<rapidjson::Document> applied = patch::ParseApplyBody(request.body);
  if (!applied.ok()) return api::BadRequestError(std::string(applied.status().message()));
  const auto* type = resource.prototype->GetDescriptor();
  WriteOptions options{request.dry_run, request.user};
  PatchResult result;

  absl::StatusOr<ObjectPtr> current = store.Get(ns, name);
  if (absl::IsNotFound(current.status())) {
    absl::StatusOr<patch::ApplyResult> merged =
        patch::ServerSideApply(nullptr, *applied, request.field_manager, request.force, type,
                               resource.ApiVersion(), NowRfc3339());
    if (!merged.ok()) return ApplyError(merged.status());
    absl::StatusOr<ObjectPtr> object =
        DecodePatched(resource, merged->object, request.field_validation, result.warnings);
    if (!object.ok()) return object.status();
    api::MutableObjectMetaOf(**object)->set_name(std::string(name));
    absl::StatusOr<ObjectPtr> created = store.Create(ns, std::move(*object), options);
    if (!created.ok()) return created.status();
    result.object = std::move(*created);
    result.created = true;
    return result;
  }
  if (!current.ok()) return current.status();

  auto update = [&](const google::protobuf::Message& live) -> absl::StatusOr<ObjectPtr> {
    rapidjson::Document live_document = ObjectDocument(live);
    absl::StatusOr<patch::ApplyResult> merged =
        patch::ServerSideApply(&live_document, *applied, request.field_manager, request.force,
                               type, resource.ApiVersion(), NowRfc3339());
    if (!merged.ok()) return ApplyError(merged.status());
    result.warnings.clear();
    return DecodePatched(resource, merged->object, request.field_validation, result.warnings);
  };
  absl::StatusOr<ObjectPtr> updated = store.Update(ns, name, update, ModeFor(resource, request), options);
  if (!updated.ok()) return updated.status();
  result.object = std::move(*updated);
  return result;
}

}  // namespace

rapidjson::Document ObjectDocument(const google::protobuf::Message& object) {
  rapidjson::Document document;
  std::string json = codec::EncodeJson(object);
  document.Parse(json.data(), json.size());
  return document;
}

absl::Status ApplyPatchDocument(std::string_view patch_type, std::string_view patch_body,
                                rapidjson::Document& document,
                                const google::protobuf::Descriptor* type) {
  if (patch_type != kJsonPatch && patch_type != kMergePatch && patch_type != kStrategicPatch) {
    return api::UnsupportedMediaTypeError(patch_type);
  }
  absl::StatusOr<rapidjson::Document> patch = ParseJsonBody(patch_body);
  if (!patch.ok()) return patch.status();
  absl::Status status;
  if (patch_type == kJsonPatch) {
    if (!patch->IsArray()) return api::BadRequestError("a JSON patch must be a JSON array of operations");
    status = patch::ApplyJsonPatch(document, *patch);
  } else if (patch_type == kMergePatch) {
    status = patch::ApplyMergePatch(document, *patch);
  } else {
    if (!patch->IsObject()) return api::BadRequestError("a strategic merge patch must be a JSON object");
    status = patch::ApplyStrategicMergePatch(document, *patch, type);
  }
  // Upstream: a patch that parsed but cannot apply to this object is 422.
  if (!status.ok()) return api::UnprocessableEntityError(std::string(status.message()));
  return absl::OkStatus();
}

absl::StatusOr<PatchResult> PatchObject(const ResourceInfo& resource, const Store& store,
                                        std::string_view ns, std::string_view name,
                                        const PatchRequest& request) {
  if (absl::Status status = ValidateFieldValidation(request.field_validation); !status.ok()) {
    return status;
  }
  if (request.patch_type == kApplyPatch) return Apply(resource, store, ns, name, request);
  if ((request.patch_type != kJsonPatch && request.patch_type != kMergePatch &&
       request.patch_type != kStrategicPatch) ||
      (request.patch_type == kStrategicPatch && resource.custom_resource)) {
    return api::UnsupportedMediaTypeError(request.patch_type);
  }
  const auto* type = resource.prototype->GetDescriptor();
  PatchResult result;
  auto update = [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
    rapidjson::Document document = ObjectDocument(current);
    absl::Status status = ApplyPatchDocument(request.patch_type, request.body, document, type);
    if (!status.ok()) return status;
    result.warnings.clear();
    return DecodePatched(resource, document, request.field_validation, result.warnings);
  };
  // The store records the manager's fields, as for any other write.
  WriteOptions options{request.dry_run, request.user, request.field_manager};
  absl::StatusOr<ObjectPtr> updated =
      store.Update(ns, name, update, ModeFor(resource, request), options);
  if (!updated.ok()) return updated.status();
  result.object = std::move(*updated);
  return result;
}

}  // namespace kube::apiserver

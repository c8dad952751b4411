#include "apiserver/endpoints/patch_handler.h"

#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/responses.h"
#include "apiserver/operations/patch.h"

namespace kube::apiserver {

absl::Status ServePatch(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                        const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  if (absl::Status status = ValidateDryRun(request); !status.ok()) return status;
  PatchRequest patch;
  patch.patch_type = BaseMediaType(request.get_header_value("Content-Type"));
  patch.body = request.body;
  patch.field_validation = QueryParam(request, "fieldValidation");
  patch.dry_run = DryRun(request);
  patch.user = info.user;
  patch.subresource = info.subresource;
  patch.force = BoolQueryParam(request, "force");
  // Apply requires an explicit manager; other writes default to the client's name.
  patch.field_manager = patch.patch_type == "application/apply-patch+yaml"
                            ? QueryParam(request, "fieldManager")
                            : FieldManager(request);
  absl::StatusOr<PatchResult> result = PatchObject(resource, store, info.namespace_, info.name, patch);
  if (!result.ok()) return result.status();
  for (const std::string& warning : result->warnings) AddWarning(response, warning);
  WriteObject(response, result->created ? 201 : 200, *result->object, *format);
  return absl::OkStatus();
}

}  // namespace kube::apiserver

#include "apiserver/endpoints/scale_handler.h"

#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/responses.h"
#include "apiserver/operations/scale.h"
#include "common/api/errors.h"
#include "common/util/strings.h"

namespace kube::apiserver {

absl::Status ServeScale(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                        const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  if (absl::Status status = ValidateDryRun(request); !status.ok()) return status;
  WriteOptions options = RequestWriteOptions(request, info);
  absl::StatusOr<k8s::autoscaling::v1::Scale> scale;
  if (request.method == "GET") {
    scale = GetScale(store, info.namespace_, info.name);
  } else if (request.method == "PUT") {
    absl::StatusOr<DecodedBody> decoded =
        DecodeBody(request.get_header_value("Content-Type"), request.body,
                   k8s::autoscaling::v1::Scale::default_instance());
    if (!decoded.ok()) return decoded.status();
    scale = UpdateScale(store, info.namespace_, info.name,
                        static_cast<const k8s::autoscaling::v1::Scale&>(*decoded->object), options);
  } else if (request.method == "PATCH") {
    scale = PatchScale(store, info.namespace_, info.name,
                       BaseMediaType(request.get_header_value("Content-Type")), request.body,
                       options);
  } else {
    return api::MethodNotAllowedError(StrCat(request.method, " is not supported on scale"));
  }
  if (!scale.ok()) return scale.status();
  WriteObject(response, 200, *scale, *format);
  return absl::OkStatus();
}

}  // namespace kube::apiserver

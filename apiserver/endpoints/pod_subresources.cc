#include "apiserver/endpoints/pod_subresources.h"

#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/responses.h"
#include "apiserver/operations/pods.h"
#include "common/api/errors.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

void WriteSuccess(httplib::Response& response, int code) {
  k8s::meta::v1::Status status;
  status.mutable_metadata();
  status.set_status("Success");
  status.set_code(code);
  WriteObject(response, code, status, OutputFormat::kJson);
}

}  // namespace

absl::Status ServeBinding(const Store& pods, const RequestInfo& info,
                          const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<DecodedBody> decoded =
      DecodeBody(request.get_header_value("Content-Type"), request.body,
                 k8s::core::v1::Binding::default_instance());
  if (!decoded.ok()) return decoded.status();
  const auto& binding = static_cast<const k8s::core::v1::Binding&>(*decoded->object);
  // pods/NAME/binding names the pod in the path; /bindings in the body.
  std::string pod_name = info.resource == "bindings" ? binding.metadata().name() : info.name;
  if (info.resource != "bindings" && !binding.metadata().name().empty() &&
      binding.metadata().name() != info.name) {
    return api::BadRequestError(StrCat("the name of the object (", binding.metadata().name(),
                                       ") does not match the name on the URL (", info.name, ")"));
  }
  absl::Status status =
      BindPod(pods, info.namespace_, pod_name, binding, RequestWriteOptions(request, info));
  if (!status.ok()) return status;
  WriteSuccess(response, 201);
  return absl::OkStatus();
}

absl::Status ServeEviction(const StoreView& stores, const Store& pods, const RequestInfo& info,
                           const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<DecodedBody> decoded =
      DecodeBody(request.get_header_value("Content-Type"), request.body,
                 k8s::policy::v1::Eviction::default_instance());
  if (!decoded.ok()) return decoded.status();
  if (!decoded->kind.empty() && decoded->kind != "Eviction") {
    return api::BadRequestError(StrCat("the kind in the data (", decoded->kind,
                                       ") does not match the expected kind (Eviction)"));
  }
  absl::Status status =
      EvictPod(stores, pods, info.namespace_, info.name,
               static_cast<const k8s::policy::v1::Eviction&>(*decoded->object),
               RequestWriteOptions(request, info));
  if (!status.ok()) return status;
  WriteSuccess(response, 201);
  return absl::OkStatus();
}

}  // namespace kube::apiserver

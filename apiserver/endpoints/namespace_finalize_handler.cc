#include "apiserver/endpoints/namespace_finalize_handler.h"

#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/responses.h"
#include "apiserver/operations/namespaces.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {

absl::Status ServeNamespaceFinalize(const Store& namespaces, const RequestInfo& info,
                                    const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  if (absl::Status status = ValidateDryRun(request); !status.ok()) return status;
  absl::StatusOr<DecodedBody> decoded =
      DecodeBody(request.get_header_value("Content-Type"), request.body,
                 k8s::core::v1::Namespace::default_instance());
  if (!decoded.ok()) return decoded.status();
  const auto& body = static_cast<const k8s::core::v1::Namespace&>(*decoded->object);
  absl::StatusOr<ObjectPtr> finalized =
      FinalizeNamespace(namespaces, info.name, body, RequestWriteOptions(request, info));
  if (!finalized.ok()) return finalized.status();
  WriteObject(response, 200, **finalized, *format);
  return absl::OkStatus();
}

}  // namespace kube::apiserver

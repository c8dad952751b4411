#include "kubelet/server/http_status.h"

#include "common/api/errors.h"
#include "common/codec/json_encode.h"

namespace kube::kubelet {

void WriteStatus(httplib::Response& response, const absl::Status& status) {
  k8s::meta::v1::Status api_status = api::ToApiStatus(status);
  response.status = api_status.code() == 0 ? 500 : api_status.code();
  response.set_content(codec::EncodeJson(api_status), "application/json");
}

}  // namespace kube::kubelet

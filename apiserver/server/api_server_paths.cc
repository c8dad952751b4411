// kube-apiserver's paths outside the resource API: health, metrics, version, OpenID
// discovery and OpenAPI.

#include "apiserver/endpoints/responses.h"
#include "apiserver/server/api_server.h"
#include "common/api/errors.h"
#include "common/version/version.h"

namespace kube::apiserver {
namespace {

void WriteText(httplib::Response& response, int code, const std::string& text,
               const char* content_type = "text/plain; charset=utf-8") {
  response.status = code;
  response.set_content(text, content_type);
}

}  // namespace

bool ApiServer::ServeNonResource(const httplib::Request& request, httplib::Response& response) {
  const std::string& path = request.path;
  if (path == "/healthz" || path == "/livez" || path == "/readyz" ||
      path.rfind("/healthz/", 0) == 0 || path.rfind("/livez/", 0) == 0 ||
      path.rfind("/readyz/", 0) == 0) {
    absl::StatusOr<storage::Revision> revision = storage_->CurrentRevision();
    bool storage_ok = revision.ok();
    if (request.has_param("verbose")) {
      std::string text = StrCat("[+]ping ok\n[", storage_ok ? "+" : "-", "]etcd ",
                                storage_ok ? "ok" : "failed", "\n");
      text += storage_ok ? "healthz check passed\n" : "healthz check failed\n";
      WriteText(response, storage_ok ? 200 : 500, text);
    } else {
      WriteText(response, storage_ok ? 200 : 500, storage_ok ? "ok" : "storage unavailable");
    }
    return true;
  }
  if (oidc_discovery_ != nullptr &&
      (path == serviceaccount::kOpenIdConfigurationPath || path == serviceaccount::kJwksPath)) {
    const bool configuration = path == serviceaccount::kOpenIdConfigurationPath;
    response.set_header("Cache-Control", serviceaccount::kDiscoveryCacheControl);
    WriteText(response, 200,
              configuration ? oidc_discovery_->configuration_json() : oidc_discovery_->jwks_json(),
              configuration ? serviceaccount::kOpenIdConfigurationContentType
                            : serviceaccount::kJwksContentType);
    return true;
  }
  if (path == "/metrics") {
    WriteText(response, 200, metrics_.Render(), "text/plain; version=0.0.4; charset=utf-8");
    return true;
  }
  if (path == "/version" || path == "/version/") {
    WriteText(response, 200, version::InfoJson(), "application/json");
    return true;
  }
  // Custom resources come and go: the documents are the current snapshot's.
  const std::shared_ptr<const ServedApi> served =
      path.rfind("/openapi/", 0) == 0 ? Served() : nullptr;
  if (path == "/openapi/v2") {
    std::string accept = request.get_header_value("Accept");
    if (accept.find("protobuf") != std::string::npos) {
      WriteText(response, 200, served->openapi().V2Protobuf(),
                "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
    } else {
      WriteText(response, 200, served->openapi().V2Json(), "application/json");
    }
    return true;
  }
  if (path == "/openapi/v3" || path == "/openapi/v3/") {
    WriteText(response, 200, served->openapi().V3Index(), "application/json");
    return true;
  }
  if (path.rfind("/openapi/v3/", 0) == 0) {
    std::string group_version = path.substr(std::string("/openapi/v3/").size());
    if (const std::string* document = served->openapi().V3Document(group_version)) {
      const std::string* hash = served->openapi().V3Hash(group_version);
      if (hash != nullptr && request.get_param_value("hash") == *hash) {
        response.set_header("Cache-Control", "public, immutable");
      }
      WriteText(response, 200, *document, "application/json");
    } else {
      WriteError(response, api::PathNotFoundError());
    }
    return true;
  }
  return false;
}

}  // namespace kube::apiserver

#pragma once

#include <memory>
#include <string>
#include <vector>

#include <curl/curl.h>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/client/kubeconfig.h"

namespace kube::client::internal {

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, PATCH, DELETE
  std::string path;            // path and query: "/api/v1/pods?limit=5"
  std::string body;
  std::string content_type;  // of the body; "" for none
};

struct HttpResponse {
  long status = 0;
  std::string body;
};

// The libcurl handle of one request and the header list it points at: both live
// as long as the transfer.
struct CurlRequest {
  CURL* handle = nullptr;
  curl_slist* headers = nullptr;
};

// One server as one user over libcurl: the base URL, TLS material and credentials
// of a ClientConfig, and a pool of easy handles so that connections (and TLS
// sessions) are reused across calls. Thread-safe.
class CurlSession {
 public:
  // InvalidArgument when the server URL is not http(s)://host[:port][/prefix].
  static absl::StatusOr<std::unique_ptr<CurlSession>> Create(ClientConfig config);
  ~CurlSession();
  CurlSession(const CurlSession&) = delete;
  CurlSession& operator=(const CurlSession&) = delete;

  // Sends one request on a pooled handle and reads the whole answer. Transport
  // failures (refused, reset, timed out) are Unavailable or DeadlineExceeded; any
  // HTTP status is a response.
  absl::StatusOr<HttpResponse> Do(const HttpRequest& request);

  // A new handle, configured for `request` with no overall timeout, for a stream
  // the caller drives (a watch). The caller sets the write callback and frees it
  // with FreeStreamRequest.
  CurlRequest NewStreamRequest(const HttpRequest& request) const;
  static void FreeStreamRequest(CurlRequest& request);

  const ClientConfig& config() const { return config_; }

 private:
  CurlSession(ClientConfig config, std::string base_url, std::string connect_to);

  // Sets everything but the callbacks on a fresh or reset handle; returns the
  // header list, which must outlive the transfer.
  curl_slist* Configure(CURL* handle, const HttpRequest& request, bool streaming) const;
  // The token source's current token, else the config's token ("" for none).
  std::string BearerToken() const;
  CURL* AcquireHandle();
  void ReleaseHandle(CURL* handle);

  const ClientConfig config_;
  // The URL prefix requests are sent to: config_.server, with the host replaced by
  // tls_server_name when that is set (then connect_to_ maps it back). Constant.
  const std::string base_url_;
  // {"name:port:host:port"} when tls_server_name is set, else null. libcurl does
  // not copy the list, so it lives as long as the session. Constant.
  const std::unique_ptr<curl_slist, void (*)(curl_slist*)> connect_to_;

  absl::Mutex mu_;
  // Idle easy handles, each keeping its connection cache. Bounded by kMaxIdle.
  std::vector<CURL*> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::client::internal

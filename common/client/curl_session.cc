#include "common/client/curl_session.h"

#include <mutex>

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::client::internal {
namespace {

// Idle handles kept for reuse; more concurrent calls than this open and close
// their own connections.
constexpr size_t kMaxIdle = 32;

size_t AppendToString(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void SetBlob(CURL* handle, CURLoption option, const std::string& pem) {
  curl_blob blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
  curl_easy_setopt(handle, option, &blob);
}

absl::Status TransferError(CURLcode code, const char* detail, const std::string& url) {
  std::string message = StrCat(url, ": ", *detail != '\0' ? detail : curl_easy_strerror(code));
  if (code == CURLE_OPERATION_TIMEDOUT) return absl::DeadlineExceededError(message);
  return absl::UnavailableError(message);
}

}  // namespace

absl::StatusOr<std::unique_ptr<CurlSession>> CurlSession::Create(ClientConfig config) {
  const std::string& server = config.server;
  size_t scheme_end = server.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : server.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return absl::InvalidArgumentError(
        StrCat("server \"", server, "\": expected http://host[:port] or https://host[:port]"));
  }
  size_t host_start = scheme_end + 3;
  size_t path_start = server.find('/', host_start);
  std::string authority = server.substr(host_start, path_start - host_start);
  std::string prefix = path_start == std::string::npos ? "" : server.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (authority.empty()) return absl::InvalidArgumentError(StrCat("server \"", server, "\": no host"));

  std::string base_url = StrCat(scheme, "://", authority, prefix);
  std::string connect_to;
  if (scheme == "https" && !config.tls_server_name.empty()) {
    // Verify (and send SNI for) tls_server_name while connecting to the real host.
    size_t colon = authority.rfind(':');
    bool has_port = colon != std::string::npos && authority.find(']', colon) == std::string::npos;
    std::string host = has_port ? authority.substr(0, colon) : authority;
    std::string port = has_port ? authority.substr(colon + 1) : "443";
    base_url = StrCat("https://", config.tls_server_name, ":", port, prefix);
    connect_to = StrCat(config.tls_server_name, ":", port, ":", host, ":", port);
  }
  GlobalInit();
  return std::unique_ptr<CurlSession>(
      new CurlSession(std::move(config), std::move(base_url), std::move(connect_to)));
}

CurlSession::CurlSession(ClientConfig config, std::string base_url, std::string connect_to)
    : config_(std::move(config)), base_url_(std::move(base_url)),
      connect_to_(connect_to.empty() ? nullptr : curl_slist_append(nullptr, connect_to.c_str()),
                  &curl_slist_free_all) {}

CurlSession::~CurlSession() {
  absl::MutexLock lock(&mu_);
  for (CURL* handle : idle_) curl_easy_cleanup(handle);
}

std::string CurlSession::BearerToken() const {
  if (config_.token_source == nullptr) return config_.token;
  absl::StatusOr<std::string> token = config_.token_source->Token();
  if (token.ok()) return *std::move(token);
  // Sent without the source's token, the request fails as unauthenticated and is
  // retried by its caller like any other failure.
  KLOG(Warning) << "no bearer token: " << token.status().message();
  return config_.token;
}

curl_slist* CurlSession::Configure(CURL* handle, const HttpRequest& request,
                                   bool streaming) const {
  std::string url = StrCat(base_url_, request.path);
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPIDLE, 30L);
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPINTVL, 10L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, config_.user_agent.c_str());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(config_.connect_timeout_seconds * 1000));
  if (!streaming) {
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(config_.request_timeout_seconds * 1000));
  }

  if (request.method == "GET") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
      request.method == "PATCH") {
    // COPYPOSTFIELDS keeps the handle independent of the request's lifetime.
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    curl_easy_setopt(handle, CURLOPT_COPYPOSTFIELDS, request.body.c_str());
  }

  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json");
  // No "Expect: 100-continue" round trip before large bodies.
  headers = curl_slist_append(headers, "Expect:");
  if (!request.content_type.empty()) {
    headers = curl_slist_append(headers, StrCat("Content-Type: ", request.content_type).c_str());
  }
  if (std::string token = BearerToken(); !token.empty()) {
    headers = curl_slist_append(headers, StrCat("Authorization: Bearer ", token).c_str());
  } else if (!config_.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(handle, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);

  if (!config_.certificate_authority_pem.empty()) {
    SetBlob(handle, CURLOPT_CAINFO_BLOB, config_.certificate_authority_pem);
  }
  if (!config_.client_certificate_pem.empty()) {
    curl_easy_setopt(handle, CURLOPT_SSLCERTTYPE, "PEM");
    SetBlob(handle, CURLOPT_SSLCERT_BLOB, config_.client_certificate_pem);
    curl_easy_setopt(handle, CURLOPT_SSLKEYTYPE, "PEM");
    SetBlob(handle, CURLOPT_SSLKEY_BLOB, config_.client_key_pem);
  }
  if (config_.insecure_skip_tls_verify) {
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (connect_to_ != nullptr) curl_easy_setopt(handle, CURLOPT_CONNECT_TO, connect_to_.get());
  return headers;
}

CURL* CurlSession::AcquireHandle() {
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      CURL* handle = idle_.back();
      idle_.pop_back();
      // Clears the options but keeps the connection, DNS and TLS session caches.
      curl_easy_reset(handle);
      return handle;
    }
  }
  return curl_easy_init();
}

void CurlSession::ReleaseHandle(CURL* handle) {
  {
    absl::MutexLock lock(&mu_);
    if (idle_.size() < kMaxIdle) {
      idle_.push_back(handle);
      return;
    }
  }
  curl_easy_cleanup(handle);
}

absl::StatusOr<HttpResponse> CurlSession::Do(const HttpRequest& request) {
  CURL* handle = AcquireHandle();
  if (handle == nullptr) return absl::ResourceExhaustedError("curl_easy_init failed");
  curl_slist* headers = Configure(handle, request, /*streaming=*/false);
  HttpResponse response;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &AppendToString);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response.body);
  CURLcode code = curl_easy_perform(handle);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  // The handle must not point at this stack frame once it is back in the pool.
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  ReleaseHandle(handle);
  if (code != CURLE_OK) return TransferError(code, error, StrCat(request.method, " ", request.path));
  return response;
}

CurlRequest CurlSession::NewStreamRequest(const HttpRequest& request) const {
  GlobalInit();
  CurlRequest result;
  result.handle = curl_easy_init();
  if (result.handle != nullptr) result.headers = Configure(result.handle, request, true);
  return result;
}

void CurlSession::FreeStreamRequest(CurlRequest& request) {
  if (request.handle != nullptr) curl_easy_cleanup(request.handle);
  curl_slist_free_all(request.headers);
  request = {};
}

}  // namespace kube::client::internal

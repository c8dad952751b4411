#pragma once

#include <memory>
#include <string>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/support/test_pki.h"

namespace kube::testing {

struct HttpResult {
  int status = 0;  // 0 when the request failed at the transport level
  std::string body;
  std::string content_type;
  httplib::Headers headers;
};

class ApiServerProcess;

// An HTTP client for one server, for tests that check the wire directly.
class ApiClient {
 public:
  // HTTPS to `server`, trusting the test CA, as the admin (system:masters).
  explicit ApiClient(const ApiServerProcess& server);
  // HTTPS to `server` as `identity`.
  ApiClient(const ApiServerProcess& server, const TlsIdentity& identity);
  // HTTPS to `server` with a bearer token ("" for none: anonymous).
  static ApiClient WithToken(const ApiServerProcess& server, const std::string& token);
  // Plain HTTP to a local port (a daemon's health port).
  static ApiClient Plain(int port);
  // HTTPS to a daemon's secure port on 127.0.0.1 that presents a certificate of the
  // test CA (kube-scheduler's, kube-controller-manager's, a kubelet's), as `identity` (none:
  // no certificate) and with bearer `token` when given.
  static ApiClient Daemon(int port, const TlsIdentity& identity = {},
                          const std::string& token = "");

  ApiClient(ApiClient&&) = default;

  HttpResult Get(const std::string& path, const std::string& accept = "application/json");
  HttpResult Post(const std::string& path, const std::string& body,
                  const std::string& content_type = "application/json");
  HttpResult Put(const std::string& path, const std::string& body,
                 const std::string& content_type = "application/json");
  HttpResult Patch(const std::string& path, const std::string& body,
                   const std::string& content_type);
  HttpResult Delete(const std::string& path, const std::string& body = "");
  // With extra request headers (Impersonate-User, ...).
  HttpResult GetWithHeaders(const std::string& path, const httplib::Headers& headers);
  // The underlying client, for requests the methods above do not cover.
  httplib::Client& raw() { return *client_; }

 private:
  explicit ApiClient(std::unique_ptr<httplib::Client> client);

  std::unique_ptr<httplib::Client> client_;
};

// Parses JSON (an empty document on error) and reads values by JSON pointer
// ("/metadata/name"); "" / -1 when absent.
rapidjson::Document ParseJson(const std::string& text);
std::string JsonString(const rapidjson::Value& value, const char* pointer);
int64_t JsonInt(const rapidjson::Value& value, const char* pointer);
size_t JsonArraySize(const rapidjson::Value& value, const char* pointer);

}  // namespace kube::testing

#pragma once

#include <memory>
#include <string>

#include <httplib.h>
#include <rapidjson/document.h>

namespace kube::testing {

struct HttpResult {
  int status = 0;  // 0 when the request failed at the transport level
  std::string body;
  std::string content_type;
  httplib::Headers headers;
};

// A plain HTTP client for one server, for tests that check the wire directly.
class ApiClient {
 public:
  explicit ApiClient(int port);

  HttpResult Get(const std::string& path, const std::string& accept = "application/json");
  HttpResult Post(const std::string& path, const std::string& body,
                  const std::string& content_type = "application/json");
  HttpResult Put(const std::string& path, const std::string& body,
                 const std::string& content_type = "application/json");
  HttpResult Delete(const std::string& path, const std::string& body = "");

 private:
  std::unique_ptr<httplib::Client> client_;
};

// Parses JSON (an empty document on error) and reads values by JSON pointer
// ("/metadata/name"); "" / -1 when absent.
rapidjson::Document ParseJson(const std::string& text);
std::string JsonString(const rapidjson::Value& value, const char* pointer);
int64_t JsonInt(const rapidjson::Value& value, const char* pointer);
size_t JsonArraySize(const rapidjson::Value& value, const char* pointer);

}  // namespace kube::testing

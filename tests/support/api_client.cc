#include "tests/support/api_client.h"

#include <rapidjson/pointer.h>

#include "tests/support/apiserver_process.h"

namespace kube::testing {
namespace {

HttpResult Convert(const httplib::Result& result) {
  HttpResult converted;
  if (!result) return converted;
  converted.status = result->status;
  converted.body = result->body;
  converted.content_type = result->get_header_value("Content-Type");
  converted.headers = result->headers;
  return converted;
}

}  // namespace

ApiClient::ApiClient(std::unique_ptr<httplib::Client> client) : client_(std::move(client)) {
  client_->set_read_timeout(30, 0);
  client_->set_tcp_nodelay(true);
  client_->set_connection_timeout(5, 0);
}

namespace {

std::unique_ptr<httplib::Client> HttpsClient(int port, const TlsIdentity& identity) {
  auto client = std::make_unique<httplib::Client>("https://127.0.0.1:" + std::to_string(port),
                                                  identity.cert_file, identity.key_file);
  client->set_ca_cert_path(TestPki::Shared().ca_file().c_str());
  client->enable_server_certificate_verification(true);
  return client;
}

}  // namespace

ApiClient::ApiClient(const ApiServerProcess& server)
    : ApiClient(HttpsClient(server.port(), TestPki::Shared().admin())) {}

ApiClient::ApiClient(const ApiServerProcess& server, const TlsIdentity& identity)
    : ApiClient(HttpsClient(server.port(), identity)) {}

ApiClient ApiClient::WithToken(const ApiServerProcess& server, const std::string& token) {
  ApiClient client(HttpsClient(server.port(), {}));
  if (!token.empty()) client.client_->set_bearer_token_auth(token.c_str());
  return client;
}

ApiClient ApiClient::Daemon(int port, const TlsIdentity& identity, const std::string& token) {
  ApiClient client(HttpsClient(port, identity));
  if (!token.empty()) client.client_->set_bearer_token_auth(token.c_str());
  return client;
}

ApiClient ApiClient::Plain(int port) {
  return ApiClient(std::make_unique<httplib::Client>("127.0.0.1", port));
}

HttpResult ApiClient::GetWithHeaders(const std::string& path, const httplib::Headers& headers) {
  return Convert(client_->Get(path.c_str(), headers));
}

HttpResult ApiClient::Get(const std::string& path, const std::string& accept) {
  return Convert(client_->Get(path.c_str(), httplib::Headers{{"Accept", accept}}));
}

HttpResult ApiClient::Post(const std::string& path, const std::string& body,
                           const std::string& content_type) {
  return Convert(client_->Post(path.c_str(), body, content_type.c_str()));
}

HttpResult ApiClient::Put(const std::string& path, const std::string& body,
                          const std::string& content_type) {
  return Convert(client_->Put(path.c_str(), body, content_type.c_str()));
}

HttpResult ApiClient::Patch(const std::string& path, const std::string& body,
                            const std::string& content_type) {
  return Convert(client_->Patch(path.c_str(), body, content_type.c_str()));
}

HttpResult ApiClient::Delete(const std::string& path, const std::string& body) {
  if (body.empty()) return Convert(client_->Delete(path.c_str()));
  return Convert(client_->Delete(path.c_str(), body, "application/json"));
}

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  if (document.HasParseError()) document.SetObject();
  return document;
}

std::string JsonString(const rapidjson::Value& value, const char* pointer) {
  const rapidjson::Value* found = rapidjson::Pointer(pointer).Get(value);
  return found != nullptr && found->IsString() ? found->GetString() : "";
}

int64_t JsonInt(const rapidjson::Value& value, const char* pointer) {
  const rapidjson::Value* found = rapidjson::Pointer(pointer).Get(value);
  return found != nullptr && found->IsInt64() ? found->GetInt64() : -1;
}

size_t JsonArraySize(const rapidjson::Value& value, const char* pointer) {
  const rapidjson::Value* found = rapidjson::Pointer(pointer).Get(value);
  return found != nullptr && found->IsArray() ? found->Size() : 0;
}

}  // namespace kube::testing

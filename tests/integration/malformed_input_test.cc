// Malformed JSON, YAML, protobuf and URLs get a 4xx Status; none crashes the server.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

void CheckStatus(const HttpResult& result, int low, int high) {
  INFO("status " << result.status << " body " << result.body);
  CHECK(result.status >= low);
  CHECK(result.status <= high);
  auto document = ParseJson(result.body);
  CHECK(JsonString(document, "/kind") == "Status");
  CHECK(JsonString(document, "/status") == "Failure");
  CHECK(JsonInt(document, "/code") == result.status);
}

TEST_CASE("malformed bodies and paths get 4xx Status errors") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  const std::string pods = "/api/v1/namespaces/default/pods";

  CheckStatus(client.Post(pods, "{\"metadata\":"), 400, 400);
  CheckStatus(client.Post(pods, "[1,2,3]"), 400, 400);
  CheckStatus(client.Post(pods, "{\"metadata\":{\"name\":5}}"), 400, 400);
  CheckStatus(client.Post(pods, "{\"spec\":{\"containers\":\"no\"}}"), 400, 400);
  CheckStatus(client.Post(pods, std::string(5000, '[') + std::string(5000, ']')), 400, 400);
  CheckStatus(client.Post(pods, "{\"kind\":\"Service\",\"apiVersion\":\"v1\"}"), 400, 400);
  CheckStatus(client.Post(pods, ""), 400, 400);
  CheckStatus(client.Post(pods, "metadata: [unclosed", "application/yaml"), 400, 400);
  CheckStatus(client.Post(pods, "a: b\n---\nc: d\n", "application/yaml"), 400, 400);
  CheckStatus(client.Post(pods, std::string("k8s\0\x0a\xff\xff\xff", 8), "application/vnd.kubernetes.protobuf"), 400, 400);
  CheckStatus(client.Post(pods, "not protobuf at all", "application/vnd.kubernetes.protobuf"), 400, 400);
  CheckStatus(client.Post(pods, "<xml/>", "application/xml"), 415, 415);
  CheckStatus(client.Post(pods, std::string(4 * 1024 * 1024, 'x')), 413, 413);

  CheckStatus(client.Get("/api/v1/namespaces/default/nothings"), 404, 404);
  CheckStatus(client.Get("/apis/nogroup/v1/things"), 404, 404);
  CheckStatus(client.Get("/api/v1/namespaces/default/pods/a/b/c/d"), 404, 404);
  CheckStatus(client.Get("/api/v1/namespaces/%zz/pods"), 400, 404);
  CheckStatus(client.Get("/totally/unknown"), 404, 404);
  CheckStatus(client.Get(pods + "?labelSelector=a%20in%20(b"), 400, 400);
  CheckStatus(client.Get(pods + "?limit=abc"), 400, 400);
  CheckStatus(client.Get(pods + "?resourceVersion=abc&watch=true"), 400, 400);
  CheckStatus(client.Get(pods, "text/html"), 406, 406);
  CheckStatus(client.Put(pods + "/p", "{\"metadata\":{\"name\":\"other\"}}"), 400, 404);

  // Still alive and answering.
  CHECK(client.Get("/healthz").status == 200);
  CHECK(client.Get(pods).status == 200);
}

}  // namespace
}  // namespace kube::testing

// kill -9 of the apiserver in the middle of a stream of creates loses no write that
// got a 201, and after a restart on the same data dir resourceVersions keep growing.

#include <atomic>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "absl/synchronization/mutex.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

TEST_CASE("kill -9 during creates loses no acknowledged write") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);

  absl::Mutex mu;
  std::set<std::string> acknowledged;  // guarded by mu
  int64_t highest_version = 0;         // guarded by mu
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int writer = 0; writer < 4; ++writer) {
    writers.emplace_back([&, writer] {
      ApiClient client(server);
      // Bounded: at most 5,000 attempts per writer.
      for (int i = 0; i < 5000 && !stop.load(); ++i) {
        std::string name = "w" + std::to_string(writer) + "-" + std::to_string(i);
        HttpResult result = client.Post(
            "/api/v1/namespaces/default/configmaps",
            "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"i\":\"" + std::to_string(i) + "\"}}");
        if (result.status != 201) continue;
        int64_t version = std::stoll(JsonString(ParseJson(result.body), "/metadata/resourceVersion"));
        absl::MutexLock lock(&mu);
        acknowledged.insert(name);
        highest_version = std::max(highest_version, version);
      }
    });
  }
  // Let a few hundred writes through, then pull the plug mid-stream.
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (absl::Now() < deadline) {
    {
      absl::MutexLock lock(&mu);
      if (acknowledged.size() >= 300) break;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  server.Kill9();
  stop = true;
  for (std::thread& writer : writers) writer.join();

  REQUIRE_STARTED(server);
  ApiClient client(server);
  HttpResult list = client.Get("/api/v1/namespaces/default/configmaps");
  REQUIRE(list.status == 200);
  auto document = ParseJson(list.body);
  std::set<std::string> stored;
  for (const auto& item : document["items"].GetArray()) {
    stored.insert(JsonString(item, "/metadata/name"));
  }
  size_t lost = 0;
  for (const std::string& name : acknowledged) {
    if (stored.count(name) == 0) ++lost;
  }
  INFO("acknowledged " << acknowledged.size() << ", stored " << stored.size());
  CHECK(acknowledged.size() >= 300);
  CHECK(lost == 0);

  HttpResult after = client.Post("/api/v1/namespaces/default/configmaps",
                                 "{\"metadata\":{\"name\":\"after-restart\"}}");
  REQUIRE(after.status == 201);
  CHECK(std::stoll(JsonString(ParseJson(after.body), "/metadata/resourceVersion")) > highest_version);
}

TEST_CASE("SIGTERM stops the apiserver cleanly and data survives a restart") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  {
    ApiClient client(server);
    REQUIRE(client.Post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"kept\"}}").status == 201);
  }
  CHECK(server.Terminate() == 0);
  REQUIRE_STARTED(server);
  ApiClient client(server);
  CHECK(client.Get("/api/v1/namespaces/kept").status == 200);
}

}  // namespace
}  // namespace kube::testing

// The REST transport against an in-process HTTP server that plays the apiserver:
// what goes on the wire, how answers are read, and how watches stream.

#include "common/client/rest_transport.h"

#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "common/client/client.h"
#include "common/client/watch_status.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::client {
namespace {

using k8s::core::v1::Pod;

constexpr char kPodJson[] =
    R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"ns","resourceVersion":"7"}})";

// An httplib server on a free loopback port, serving on its own thread.
class FakeServer {
 public:
  FakeServer() {
    server_.set_keep_alive_max_count(1000);
    // As Go's net/http: without it Nagle holds the body behind the headers until
    // the client's delayed ACK (40 ms) on every reused connection.
    server_.set_tcp_nodelay(true);
  }
  ~FakeServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  httplib::Server& server() { return server_; }
  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

std::shared_ptr<RestTransport> Connect(const FakeServer& server, std::string token = "") {
  ClientConfig config = ConfigForServer(server.url());
  config.token = std::move(token);
  absl::StatusOr<std::unique_ptr<RestTransport>> transport = RestTransport::Create(config);
  REQUIRE(transport.ok());
  return std::move(*transport);
}

TEST_CASE("REST transport: requests carry upstream paths, bodies and headers") {
  FakeServer fake;
  std::mutex mu;
  std::vector<std::string> seen;
  auto record = [&](const httplib::Request& request) {
    std::lock_guard<std::mutex> lock(mu);
    seen.push_back(request.method + " " + request.path + "?" +
                   (request.params.count("fieldManager") ? request.get_param_value("fieldManager")
                                                         : "") +
                   " auth=" + request.get_header_value("Authorization") +
                   " type=" + request.get_header_value("Content-Type") + " body=" + request.body);
  };
  fake.server().Get("/api/v1/namespaces/ns/pods/web", [&](const auto& request, auto& response) {
    record(request);
    response.set_content(kPodJson, "application/json");
  });
  fake.server().Post("/api/v1/namespaces/ns/pods", [&](const auto& request, auto& response) {
    record(request);
    response.status = 201;
    response.set_content(request.body, "application/json");
  });
  fake.server().Put("/api/v1/namespaces/ns/pods/web/status",
                    [&](const auto& request, auto& response) {
                      record(request);
                      response.set_content(kPodJson, "application/json");
                    });
  fake.server().Patch("/api/v1/namespaces/ns/pods/web", [&](const auto& request, auto& response) {
    record(request);
    response.set_content(kPodJson, "application/json");
  });
  fake.server().Delete("/api/v1/namespaces/ns/pods/web", [&](const auto& request, auto& response) {
    record(request);
    response.set_content(R"({"kind":"Status","apiVersion":"v1","status":"Success"})",
                         "application/json");
  });
  fake.Start();
  Client client(Connect(fake, "t0k3n"));

  auto got = client.Get<Pod>("ns", "web");
  REQUIRE(got.ok());
  CHECK((*got)->metadata().resourceversion() == "7");

  Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("ns");
  WriteOptions write;
  write.field_manager = "me";
  auto created = client.Create(pod, write);
  REQUIRE(created.ok());
  CHECK((*created)->metadata().name() == "web");
  REQUIRE(client.UpdateStatus(pod).ok());
  REQUIRE(client.Patch<Pod>("ns", "web", kMergePatch, R"({"metadata":{"labels":{"a":"b"}}})").ok());
  k8s::meta::v1::DeleteOptions options;
  options.set_graceperiodseconds(0);
  auto deleted = client.Delete<Pod>("ns", "web", options);
  REQUIRE(deleted.ok());
  CHECK(*deleted == nullptr);  // the server answered with a Status

  std::lock_guard<std::mutex> lock(mu);
  REQUIRE(seen.size() == 5);
  CHECK(seen[0] == "GET /api/v1/namespaces/ns/pods/web? auth=Bearer t0k3n type= body=");
  CHECK(seen[1] ==
        R"(POST /api/v1/namespaces/ns/pods?me auth=Bearer t0k3n type=application/json )"
        R"(body={"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"ns"}})");
  CHECK(seen[2].rfind("PUT /api/v1/namespaces/ns/pods/web/status?", 0) == 0);
  CHECK(seen[3] ==
        R"(PATCH /api/v1/namespaces/ns/pods/web? auth=Bearer t0k3n )"
        R"(type=application/merge-patch+json body={"metadata":{"labels":{"a":"b"}}})");
  CHECK(seen[4] ==
        R"(DELETE /api/v1/namespaces/ns/pods/web? auth=Bearer t0k3n type=application/json )"
        R"(body={"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0})");
}

TEST_CASE("REST transport: errors come back as the server's Status") {
  FakeServer fake;
  fake.server().Get("/api/v1/namespaces/ns/pods/gone", [](const auto&, auto& response) {
    response.status = 404;
    response.set_content(
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods \"gone\" not found","reason":"NotFound","details":{"name":"gone","kind":"pods"},"code":404})",
        "application/json");
  });
  fake.server().Get("/api/v1/pods", [](const auto&, auto& response) {
    response.status = 410;
    response.set_content(
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"continue expired","reason":"Expired","code":410})",
        "application/json");
  });
  fake.Start();
  Client client(Connect(fake));
  auto gone = client.Get<Pod>("ns", "gone");
  CHECK(gone.status().code() == absl::StatusCode::kNotFound);
  CHECK(gone.status().message() == "pods \"gone\" not found");
  ListOptions page;
  page.continue_token = "x";
  auto list = client.List<Pod>("", page);
  CHECK(IsResourceExpired(list.status()));
  // No handler: httplib's own 404 without a Status body.
  CHECK(client.Get<Pod>("other", "x").status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("REST transport: an unreachable server is Unavailable") {
  int port = 0;
  {
    FakeServer fake;
    fake.Start();
    port = std::stoi(fake.url().substr(fake.url().rfind(':') + 1));
  }
  auto transport = RestTransport::Create(ConfigForServer("http://127.0.0.1:" + std::to_string(port)));
  REQUIRE(transport.ok());
  Client client(std::move(*transport));
  CHECK(client.Get<Pod>("ns", "x").status().code() == absl::StatusCode::kUnavailable);
  CHECK(client.Watch<Pod>("ns", {}).status().code() == absl::StatusCode::kUnavailable);
  CHECK(RestTransport::Create(ConfigForServer("ftp://x")).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("REST transport: connections are reused") {
  FakeServer fake;
  std::mutex mu;
  std::set<int> ports;
  fake.server().Get("/api/v1/namespaces/ns/pods/web", [&](const auto& request, auto& response) {
    std::lock_guard<std::mutex> lock(mu);
    ports.insert(request.remote_port);
    response.set_content(kPodJson, "application/json");
  });
  fake.Start();
  Client client(Connect(fake));
  for (int i = 0; i < 50; ++i) REQUIRE(client.Get<Pod>("ns", "web").ok());
  std::lock_guard<std::mutex> lock(mu);
  CHECK(ports.size() == 1);
}

TEST_CASE("REST watch: events arrive as the server flushes them") {
  FakeServer fake;
  std::atomic<int> step{0};  // the test lets the server write event `step`
  std::string query;
  fake.server().Get("/api/v1/namespaces/ns/pods", [&](const auto& request, auto& response) {
    query = request.get_param_value("watch") + "," + request.get_param_value("resourceVersion") +
            "," + request.get_param_value("allowWatchBookmarks") + "," +
            request.get_param_value("timeoutSeconds");
    auto sent = std::make_shared<int>(0);
    response.set_chunked_content_provider(
        "application/json", [&step, sent](size_t, httplib::DataSink& sink) {
          for (int i = 0; i < 200 && step.load() <= *sent; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
          }
          if (*sent >= 2) {
            sink.done();
            return true;
          }
          if (step.load() <= *sent) return true;
          std::string line =
              *sent == 0
                  ? std::string(R"({"type":"ADDED","object":)") + kPodJson + "}\n"
                  : R"({"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"9"}}})"
                    "\n";
          // Split the line in two writes: the reader must join them.
          size_t half = line.size() / 2;
          sink.write(line.data(), half);
          sink.write(line.data() + half, line.size() - half);
          ++*sent;
          return true;
        });
  });
  fake.Start();
  Client client(Connect(fake));
  ListOptions options;
  options.resource_version = "5";
  options.allow_watch_bookmarks = true;
  options.timeout_seconds = 60;
  auto stream = client.Watch<Pod>("ns", options);
  REQUIRE(stream.ok());
  CHECK(query == "true,5,true,60");

  // Nothing yet: Next returns empty after about its timeout.
  absl::Time start = absl::Now();
  auto none = (*stream)->Next(absl::Milliseconds(200));
  REQUIRE(none.ok());
  CHECK(none->empty());
  CHECK(absl::Now() - start >= absl::Milliseconds(150));
  CHECK(absl::Now() - start < absl::Seconds(2));

  // An event is returned as soon as it is written, well before the timeout.
  step = 1;
  start = absl::Now();
  auto added = (*stream)->Next(absl::Seconds(10));
  REQUIRE(added.ok());
  CHECK(absl::Now() - start < absl::Seconds(1));
  REQUIRE(added->size() == 1);
  CHECK((*added)[0].type == "ADDED");
  CHECK(static_cast<Pod&>(*(*added)[0].object).metadata().name() == "web");

  step = 2;
  std::vector<WatchEvent> events;
  absl::Status end;
  for (int i = 0; i < 50 && end.ok(); ++i) {
    auto next = (*stream)->Next(absl::Milliseconds(200));
    if (!next.ok()) {
      end = next.status();
      break;
    }
    for (auto& event : *next) events.push_back(std::move(event));
  }
  REQUIRE(events.size() == 1);
  CHECK(events[0].type == "BOOKMARK");
  CHECK(IsWatchClosed(end));
}

TEST_CASE("REST watch: a refused watch returns the server's error") {
  FakeServer fake;
  fake.server().Get("/api/v1/pods", [](const auto&, auto& response) {
    response.status = 400;
    response.set_content(
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"bad selector","reason":"BadRequest","code":400})",
        "application/json");
  });
  fake.Start();
  Client client(Connect(fake));
  auto stream = client.Watch<Pod>("", {});
  CHECK(stream.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(stream.status().message() == "bad selector");
}

}  // namespace
}  // namespace kube::client

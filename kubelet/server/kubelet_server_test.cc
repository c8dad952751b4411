// The kubelet server in-process, on the fake runtime: health, /pods, logs, exec
// over WebSocket, stats and metrics.

#include "kubelet/server/kubelet_server.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "common/websocket/channel_websocket.h"
#include "kubelet/container/labels.h"
#include "kubelet/runtime/fake/fake_runtime.h"
#include "kubelet/server/exec_handler.h"

namespace kube::kubelet {
namespace {

struct Fixture {
  Fixture() {
    std::signal(SIGPIPE, SIG_IGN);
    root = std::filesystem::temp_directory_path() /
           ("kubelet_server_test_" + std::to_string(getpid()));
    std::filesystem::create_directories(root);
    fake::FakeRuntimeOptions options;
    options.write_logs = true;
    auto created = fake::FakeRuntime::Create(options);
    REQUIRE(created.ok());
    runtime = std::move(*created);

    pod.mutable_metadata()->set_name("web");
    pod.mutable_metadata()->set_namespace_("default");
    pod.mutable_metadata()->set_uid("uid-1");
    pod.mutable_spec()->add_containers()->set_name("app");
    PodSandboxConfig sandbox;
    sandbox.name = "web";
    sandbox.uid = "uid-1";
    sandbox.namespace_ = "default";
    sandbox.log_directory = (root / "pods" / "uid-1").string();
    sandbox.labels = SandboxLabels(pod);
    auto sandbox_id = runtime->RunPodSandbox(sandbox);
    REQUIRE(sandbox_id.ok());
    REQUIRE(runtime->PullImage("busybox").ok());
    ContainerConfig config;
    config.name = "app";
    config.image = "busybox";
    config.log_path = "app/0.log";
    config.labels = ContainerLabels(pod, "app");
    auto id = runtime->CreateContainer(*sandbox_id, config, sandbox);
    REQUIRE(id.ok());
    REQUIRE(runtime->StartContainer(*id).ok());
    container_id = *id;
    log_path = sandbox.log_directory + "/app/0.log";

    KubeletServerOptions server_options;
    server_options.address = "127.0.0.1";
    server_options.port = 0;
    server_options.node_name = "node-1";
    server_options.root_dir = root.string();
    KubeletServerSources sources;
    sources.pods = [this] {
      return std::vector<std::shared_ptr<const k8s::core::v1::Pod>>{
          std::make_shared<k8s::core::v1::Pod>(pod)};
    };
    server = std::make_unique<KubeletServer>(server_options, *runtime, sources);
    REQUIRE(server->Start().ok());
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
  }
  ~Fixture() {
    server->Stop();
    std::filesystem::remove_all(root);
  }

  std::filesystem::path root;
  std::unique_ptr<fake::FakeRuntime> runtime;
  k8s::core::v1::Pod pod;
  std::string container_id;
  std::string log_path;
  std::unique_ptr<KubeletServer> server;
  std::unique_ptr<httplib::Client> client;
};

TEST_CASE("health, pods, stats and metrics answer") {
  Fixture f;
  for (const char* path : {"/healthz", "/livez", "/readyz"}) {
    auto answer = f.client->Get(path);
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->body == "ok");
  }
  auto pods = f.client->Get("/pods");
  REQUIRE(pods);
  CHECK(pods->status == 200);
  CHECK(pods->body.find("\"kind\":\"PodList\"") != std::string::npos);
  CHECK(pods->body.find("\"name\":\"web\"") != std::string::npos);

  auto summary = f.client->Get("/stats/summary");
  REQUIRE(summary);
  CHECK(summary->status == 200);
  CHECK(summary->body.find("\"nodeName\":\"node-1\"") != std::string::npos);
  CHECK(summary->body.find("\"usageCoreNanoSeconds\"") != std::string::npos);
  CHECK(summary->body.find("\"podRef\":{\"name\":\"web\",\"namespace\":\"default\"") !=
        std::string::npos);
  CHECK(summary->body.find("\"workingSetBytes\":8388608") != std::string::npos);

  auto metrics = f.client->Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(metrics->body.find("kubelet_running_pods 1\n") != std::string::npos);
  CHECK(metrics->body.find("kubelet_running_containers{container_state=\"running\"} 1\n") !=
        std::string::npos);
  CHECK(metrics->body.find("# TYPE process_resident_memory_bytes gauge") != std::string::npos);
  CHECK(f.client->Get("/nothing")->status == 404);
}

TEST_CASE("container logs are served from the CRI log file") {
  Fixture f;
  {
    std::ofstream out(f.log_path, std::ios::app);
    out << "2030-01-01T00:00:00Z stdout F line two\n2030-01-01T00:00:01Z stderr F line three\n";
  }
  auto all = f.client->Get("/containerLogs/default/web/app");
  REQUIRE(all);
  CHECK(all->status == 200);
  CHECK(all->body == "fake container started\nline two\nline three\n");
  auto tail = f.client->Get("/containerLogs/default/web/app?tailLines=1&timestamps=true");
  REQUIRE(tail);
  CHECK(tail->body == "2030-01-01T00:00:01Z line three\n");
  auto limited = f.client->Get("/containerLogs/default/web/app?limitBytes=4");
  REQUIRE(limited);
  CHECK(limited->body == "fake");

  auto missing = f.client->Get("/containerLogs/default/web/nope");
  REQUIRE(missing);
  CHECK(missing->status == 400);
  CHECK(missing->body.find("\"kind\":\"Status\"") != std::string::npos);
  auto previous = f.client->Get("/containerLogs/default/web/app?previous=true");
  REQUIRE(previous);
  CHECK(previous->status == 400);
  CHECK(previous->body.find("previous terminated container") != std::string::npos);
  CHECK(f.client->Get("/containerLogs/default/web/app?tailLines=x")->status == 400);
}

TEST_CASE("a followed log streams until the container exits") {
  Fixture f;
  std::thread exiter([&] {
    absl::SleepFor(absl::Milliseconds(500));
    std::ofstream(f.log_path, std::ios::app) << "2030-01-01T00:00:00Z stdout F later\n";
    absl::SleepFor(absl::Milliseconds(300));
    (void)f.runtime->ExitContainer(f.container_id, 0, "Completed");
  });
  absl::Time start = absl::Now();
  auto followed = f.client->Get("/containerLogs/default/web/app?follow=true");
  exiter.join();
  REQUIRE(followed);
  CHECK(followed->status == 200);
  CHECK(followed->body ==
        "fake container started\nlater\nfake container exited with code 0\n");
  CHECK(absl::Now() - start < absl::Seconds(10));
}

TEST_CASE("exec runs the command and reports its exit code over WebSocket") {
  Fixture f;
  for (const char* protocol : {websocket::kProtocolV5, websocket::kProtocolV4}) {
    INFO(protocol);
    auto ws = websocket::ChannelWebSocket::Connect(
        "127.0.0.1", f.server->port(),
        "/exec/default/web/app?command=sh&command=-c&command=echo%20hi%3B%20echo%20oops%20%3E%262"
        "%3B%20exit%203&stdout=true&stderr=true",
        {protocol});
    REQUIRE(ws.ok());
    CHECK((*ws)->protocol() == protocol);
    std::map<int, std::string> channels;
    while (true) {
      absl::StatusOr<websocket::ChannelMessage> message = (*ws)->Read(absl::Seconds(10));
      if (!message.ok()) {
        CHECK(absl::IsOutOfRange(message.status()));
        break;
      }
      channels[message->channel] += message->data;
    }
    CHECK(channels[websocket::kStdout] == "hi\n");
    CHECK(channels[websocket::kStderr] == "oops\n");
    CHECK(channels[websocket::kError].find("\"reason\":\"NonZeroExitCode\"") != std::string::npos);
    CHECK(channels[websocket::kError].find("{\"reason\":\"ExitCode\",\"message\":\"3\"}") !=
          std::string::npos);
  }
}

TEST_CASE("exec refusals come before the upgrade, as Status answers") {
  Fixture f;
  httplib::Headers spdy = {{"Connection", "Upgrade"}, {"Upgrade", "SPDY/3.1"},
                           {"X-Stream-Protocol-Version", "v4.channel.k8s.io"}};
  auto refused = f.client->Post("/exec/default/web/app?command=true&stdout=true", spdy, "",
                                "text/plain");
  REQUIRE(refused);
  CHECK(refused->status == 400);
  CHECK(refused->body.find("does not speak SPDY") != std::string::npos);
  auto plain = f.client->Get("/exec/default/web/app?command=true&stdout=true");
  REQUIRE(plain);
  CHECK(plain->status == 400);
  CHECK(plain->body.find("Upgrade request required") != std::string::npos);
  // What a WebSocket client sees before any upgrade: a Status and its code.
  httplib::Headers websocket = {{"Connection", "Upgrade"},
                                {"Upgrade", "websocket"},
                                {"Sec-WebSocket-Version", "13"},
                                {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                {"Sec-WebSocket-Protocol", "v5.channel.k8s.io"}};
  auto no_command = f.client->Get("/exec/default/web/app?stdout=true", websocket);
  REQUIRE(no_command);
  CHECK(no_command->status == 400);
  CHECK(no_command->body.find("at least 1 command") != std::string::npos);
  auto no_container = f.client->Get("/exec/default/web/nope?command=true&stdout=true", websocket);
  REQUIRE(no_container);
  CHECK(no_container->status == 404);
  websocket.erase("Sec-WebSocket-Protocol");
  websocket.emplace("Sec-WebSocket-Protocol", "channel.k8s.io");
  auto old_protocol = f.client->Get("/exec/default/web/app?command=true&stdout=true", websocket);
  REQUIRE(old_protocol);
  CHECK(old_protocol->status == 400);
  CHECK(old_protocol->body.find("no supported WebSocket") != std::string::npos);
  CHECK_FALSE(websocket::ChannelWebSocket::Connect(
                  "127.0.0.1", f.server->port(), "/exec/default/web/nope?command=true&stdout=true",
                  {websocket::kProtocolV5})
                  .ok());
}

TEST_CASE("exec statuses are what kubectl reads") {
  CHECK(ExecResultStatusJson(0) == "{\"metadata\":{},\"status\":\"Success\"}");
  std::string failed = ExecResultStatusJson(7);
  CHECK(failed.find("\"status\":\"Failure\"") != std::string::npos);
  CHECK(failed.find("\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"7\"}]") !=
        std::string::npos);
}

}  // namespace
}  // namespace kube::kubelet

// The client library's REST transport and typed client against the real
// kube-apiserver: verbs, subresources, errors and watches.

#include <catch2/catch.hpp>

#include "common/client/client.h"
#include "common/client/event_sink.h"
#include "common/client/rest_transport.h"
#include "common/client/watch_status.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/integration/client_transports.h"
#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

using client::Client;
using k8s::core::v1::ConfigMap;
using k8s::core::v1::Pod;

Client Connect(const ApiServerProcess& server, const std::string& kind) {
  if (kind == "rest") {
    // Also proves the kubeconfig path: the server and namespace come from it.
    auto transport = client::NewRestTransportFromKubeconfig(server.kubeconfig());
    INFO(transport.status());
    REQUIRE(transport.ok());
    CHECK((*transport)->config().server == server.url());
    CHECK((*transport)->config().namespace_ == "default");
    return Client(std::move(*transport));
  }
  return Client(TransportTo(server, kind));
}

Pod MakePod(const std::string& name, const std::string& node = "") {
  Pod pod;
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_name(name);
  (*pod.mutable_metadata()->mutable_labels())["app"] = "web";
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("main");
  container->set_image("busybox");
  if (!node.empty()) pod.mutable_spec()->set_nodename(node);
  return pod;
}

ConfigMap MakeConfigMap(const std::string& name, const std::string& value) {
  ConfigMap map;
  map.mutable_metadata()->set_namespace_("default");
  map.mutable_metadata()->set_name(name);
  (*map.mutable_data())["key"] = value;
  return map;
}

TEST_CASE("client: CRUD, status, patch and delete through either transport", "[client]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  Client client = Connect(server, transport_kind);

  auto created = client.Create(MakePod("web-1"));
  INFO(created.status());
  REQUIRE(created.ok());
  CHECK((*created)->metadata().uid().size() == 36);
  CHECK_FALSE((*created)->metadata().resourceversion().empty());
  CHECK((*created)->spec().restartpolicy() == "Always");  // defaulted by the server

  auto got = client.Get<Pod>("default", "web-1");
  REQUIRE(got.ok());
  CHECK((*got)->metadata().uid() == (*created)->metadata().uid());

  // Status goes through the status subresource; spec changes there are ignored.
  Pod with_status = **got;
  with_status.mutable_status()->set_phase("Running");
  with_status.mutable_status()->set_podip("10.0.0.5");
  auto status = client.UpdateStatus(with_status);
  INFO(status.status());
  REQUIRE(status.ok());
  CHECK((*status)->status().phase() == "Running");
  CHECK((*status)->status().podip() == "10.0.0.5");
  CHECK(std::stoll((*status)->metadata().resourceversion()) >
        std::stoll((*got)->metadata().resourceversion()));

  auto patched = client.Patch<Pod>("default", "web-1", client::kMergePatch,
                                   R"({"metadata":{"labels":{"tier":"front"}}})");
  INFO(patched.status());
  REQUIRE(patched.ok());
  CHECK((*patched)->metadata().labels().at("tier") == "front");
  CHECK((*patched)->metadata().labels().at("app") == "web");
  CHECK((*patched)->status().phase() == "Running");

  // Update (PUT) with the current resourceVersion.
  Pod labeled = **patched;
  (*labeled.mutable_metadata()->mutable_labels())["tier"] = "back";
  auto updated = client.Update(labeled);
  REQUIRE(updated.ok());
  CHECK((*updated)->metadata().labels().at("tier") == "back");

  // Lists, with a label selector and pages.
  REQUIRE(client.Create(MakePod("web-2")).ok());
  REQUIRE(client.Create(MakePod("web-3")).ok());
  client::ListOptions selected;
  selected.label_selector = "tier=back";
  auto back = client.List<Pod>("default", selected);
  REQUIRE(back.ok());
  REQUIRE(back->items.size() == 1);
  CHECK(back->items[0]->metadata().name() == "web-1");
  client::ListOptions page;
  page.limit = 2;
  auto first = client.List<Pod>("", page);
  REQUIRE(first.ok());
  CHECK(first->items.size() == 2);
  REQUIRE_FALSE(first->continue_token.empty());
  page.continue_token = first->continue_token;
  auto second = client.List<Pod>("", page);
  REQUIRE(second.ok());
  CHECK(second->items.size() == 1);
  CHECK(second->continue_token.empty());
  CHECK(second->resource_version == first->resource_version);

  // Dry run leaves nothing behind.
  client::WriteOptions dry_run;
  dry_run.dry_run = true;
  REQUIRE(client.Create(MakeConfigMap("dry", "x"), dry_run).ok());
  CHECK(client.Get<ConfigMap>("default", "dry").status().code() == absl::StatusCode::kNotFound);

  // Delete: an unbound pod goes at once.
  auto deleted = client.Delete<Pod>("default", "web-1");
  INFO(deleted.status());
  REQUIRE(deleted.ok());
  if (*deleted != nullptr) CHECK((*deleted)->metadata().name() == "web-1");
  CHECK(client.Get<Pod>("default", "web-1").status().code() == absl::StatusCode::kNotFound);

  // Cluster-scoped kinds ignore the namespace.
  auto namespaces = client.List<k8s::core::v1::Namespace>("");
  REQUIRE(namespaces.ok());
  CHECK(namespaces->items.size() >= 4);
  auto system = client.Get<k8s::core::v1::Namespace>("", "kube-system");
  REQUIRE(system.ok());

  // A group resource.
  k8s::apps::v1::Deployment deployment;
  deployment.mutable_metadata()->set_namespace_("default");
  deployment.mutable_metadata()->set_name("d");
  auto* selector = deployment.mutable_spec()->mutable_selector();
  (*selector->mutable_matchlabels())["app"] = "d";
  auto* template_ = deployment.mutable_spec()->mutable_template_();
  (*template_->mutable_metadata()->mutable_labels())["app"] = "d";
  auto* container = template_->mutable_spec()->add_containers();
  container->set_name("c");
  container->set_image("nginx");
  auto made = client.Create(deployment);
  INFO(made.status());
  REQUIRE(made.ok());
  CHECK((*made)->spec().replicas() == 1);
}

TEST_CASE("client: API errors map to status codes", "[client]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  Client client = Connect(server, transport_kind);

  auto missing = client.Get<ConfigMap>("default", "nope");
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(missing.status().message() == "configmaps \"nope\" not found");
  CHECK(client.Delete<ConfigMap>("default", "nope").status().code() ==
        absl::StatusCode::kNotFound);

  auto first = client.Create(MakeConfigMap("a", "1"));
  REQUIRE(first.ok());
  CHECK(client.Create(MakeConfigMap("a", "1")).status().code() ==
        absl::StatusCode::kAlreadyExists);

  ConfigMap changed = **first;
  (*changed.mutable_data())["key"] = "2";
  REQUIRE(client.Update(changed).ok());
  (*changed.mutable_data())["key"] = "3";  // still at the first resourceVersion
  auto conflict = client.Update(changed);
  CHECK(conflict.status().code() == absl::StatusCode::kAborted);
  CHECK(Contains(std::string(conflict.status().message()), "the object has been modified"));

  Pod invalid = MakePod("bad");
  invalid.mutable_spec()->clear_containers();
  CHECK(client.Create(invalid).status().code() == absl::StatusCode::kInvalidArgument);

  client::ListOptions bad_selector;
  bad_selector.label_selector = "a in (";
  CHECK(client.List<Pod>("default", bad_selector).status().code() ==
        absl::StatusCode::kInvalidArgument);

  ConfigMap elsewhere = MakeConfigMap("x", "1");
  elsewhere.mutable_metadata()->set_namespace_("ghost");
  CHECK(client.Create(elsewhere).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("client: a watch receives events promptly", "[client]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  Client client = Connect(server, transport_kind);
  auto list = client.List<ConfigMap>("default");
  REQUIRE(list.ok());

  client::ListOptions options;
  options.resource_version = list->resource_version;
  options.allow_watch_bookmarks = true;
  options.timeout_seconds = 30;
  auto stream = client.Watch<ConfigMap>("default", options);
  INFO(stream.status());
  REQUIRE(stream.ok());

  // Nothing happens: Next returns empty after its timeout.
  absl::Time start = absl::Now();
  auto idle = (*stream)->Next(absl::Milliseconds(300));
  REQUIRE(idle.ok());
  CHECK(idle->empty());
  CHECK(absl::Now() - start < absl::Seconds(2));

  for (int i = 0; i < 3; ++i) {
    std::string name = "m" + std::to_string(i);
    absl::Time written = absl::Now();
    REQUIRE(client.Create(MakeConfigMap(name, "v")).ok());
    std::vector<client::WatchEvent> events;
    for (int round = 0; round < 50 && events.empty(); ++round) {
      auto next = (*stream)->Next(absl::Milliseconds(100));
      REQUIRE(next.ok());
      events = std::move(*next);
    }
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "ADDED");
    CHECK(static_cast<ConfigMap&>(*events[0].object).metadata().name() == name);
    CHECK(absl::Now() - written < absl::Seconds(1));
  }

  REQUIRE(client.Delete<ConfigMap>("default", "m0").ok());
  std::vector<client::WatchEvent> deleted;
  for (int round = 0; round < 50 && deleted.empty(); ++round) {
    auto next = (*stream)->Next(absl::Milliseconds(100));
    REQUIRE(next.ok());
    deleted = std::move(*next);
  }
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0].type == "DELETED");

  // A watch the server ends (timeoutSeconds) closes cleanly.
  client::ListOptions short_watch;
  short_watch.timeout_seconds = 1;
  auto brief = client.Watch<ConfigMap>("default", short_watch);
  REQUIRE(brief.ok());
  absl::Status end;
  for (int round = 0; round < 100 && end.ok(); ++round) {
    auto next = (*brief)->Next(absl::Milliseconds(100));
    if (!next.ok()) end = next.status();
  }
  CHECK(client::IsWatchClosed(end));
}

TEST_CASE("client: the event sink records and aggregates events", "[client]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  Client client = Connect(server, transport_kind);
  auto pod = client.Create(MakePod("noisy"));
  REQUIRE(pod.ok());
  {
    events::EventRecorder recorder(client::NewEventSink(client.shared_transport()),
                                   {"test-controller", "host-1"});
    recorder.Record(**pod, "Warning", "BackOff", "restarting failed container");
    recorder.Record(**pod, "Warning", "BackOff", "restarting failed container");
    REQUIRE(recorder.Flush(absl::Seconds(10)));
  }
  auto events = client.List<k8s::core::v1::Event>("default");
  REQUIRE(events.ok());
  REQUIRE(events->items.size() == 1);
  const k8s::core::v1::Event& event = *events->items[0];
  CHECK(event.reason() == "BackOff");
  CHECK(event.count() == 2);
  CHECK(event.involvedobject().name() == "noisy");
  CHECK(event.source().component() == "test-controller");
}

}  // namespace
}  // namespace kube::testing

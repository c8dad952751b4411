// The gRPC API beside REST: the same verbs, validation and errors, and watch as a
// server stream.

#include <grpcpp/grpcpp.h>

#include <catch2/catch.hpp>

#include "common/api/errors.h"
#include "common/api/grpc_status.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "kube/api/v1/api_service.grpc.pb.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

// A TLS channel to the server's gRPC port with the admin's certificate.
std::shared_ptr<grpc::Channel> AdminChannel(const ApiServerProcess& server) {
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = ReadFile(TestPki::Shared().ca_file());
  tls.pem_cert_chain = ReadFile(TestPki::Shared().admin().cert_file);
  tls.pem_private_key = ReadFile(TestPki::Shared().admin().key_file);
  return grpc::CreateChannel("127.0.0.1:" + std::to_string(server.grpc_port()),
                             grpc::SslCredentials(tls));
}

using kube::api::v1::Api;

kube::api::v1::ResourceRef Ref(const std::string& resource, const std::string& ns,
                               const std::string& name = "", const std::string& sub = "") {
  kube::api::v1::ResourceRef ref;
  ref.set_version("v1");
  ref.set_resource(resource);
  ref.set_namespace_(ns);
  ref.set_name(name);
  ref.set_subresource(sub);
  return ref;
}

TEST_CASE("the gRPC API serves the same verbs, validation and errors as REST") {
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  auto channel = AdminChannel(server);
  REQUIRE(channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10)));
  auto stub = Api::NewStub(channel);

  // Create and get.
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("p");
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("c");
  container->set_image("busybox");
  kube::api::v1::CreateRequest create;
  *create.mutable_ref() = Ref("pods", "default");
  create.mutable_object()->PackFrom(pod);
  google::protobuf::Any created;
  grpc::ClientContext create_context;
  grpc::Status status = stub->Create(&create_context, create, &created);
  INFO(status.error_message());
  REQUIRE(status.ok());
  k8s::core::v1::Pod stored;
  REQUIRE(created.UnpackTo(&stored));
  CHECK(stored.metadata().uid().size() == 36);
  CHECK(stored.spec().restartpolicy() == "Always");  // defaulted by the same registry
  CHECK(stored.status().phase() == "Pending");

  // The REST side sees it.
  ApiClient rest(server);
  CHECK(rest.Get("/api/v1/namespaces/default/pods/p").status == 200);

  // Errors carry the Kubernetes Status.
  grpc::ClientContext duplicate_context;
  google::protobuf::Any ignored;
  grpc::Status duplicate = stub->Create(&duplicate_context, create, &ignored);
  CHECK(duplicate.error_code() == grpc::StatusCode::ALREADY_EXISTS);
  CHECK(api::ToApiStatus(api::FromGrpcStatus(duplicate)).reason() == "AlreadyExists");
  CHECK(api::HttpCode(api::FromGrpcStatus(duplicate)) == 409);

  k8s::core::v1::Pod invalid = pod;
  invalid.mutable_metadata()->set_name("Bad_Name");
  invalid.mutable_spec()->mutable_containers(0)->clear_image();
  create.mutable_object()->PackFrom(invalid);
  grpc::ClientContext invalid_context;
  grpc::Status rejected = stub->Create(&invalid_context, create, &ignored);
  CHECK(rejected.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  k8s::meta::v1::Status why = api::ToApiStatus(api::FromGrpcStatus(rejected));
  CHECK(why.code() == 422);
  CHECK(why.details().causes_size() >= 2);

  // Status update, patch and binding.
  stored.mutable_status()->set_phase("Running");
  kube::api::v1::UpdateRequest update;
  *update.mutable_ref() = Ref("pods", "default", "p", "status");
  update.mutable_object()->PackFrom(stored);
  google::protobuf::Any updated;
  grpc::ClientContext update_context;
  REQUIRE(stub->Update(&update_context, update, &updated).ok());
  kube::api::v1::PatchRequest patch;
  *patch.mutable_ref() = Ref("pods", "default", "p");
  patch.set_patch_type("application/merge-patch+json");
  patch.set_patch(R"({"metadata":{"labels":{"via":"grpc"}}})");
  google::protobuf::Any patched;
  grpc::ClientContext patch_context;
  REQUIRE(stub->Patch(&patch_context, patch, &patched).ok());
  k8s::core::v1::Pod patched_pod;
  REQUIRE(patched.UnpackTo(&patched_pod));
  CHECK(patched_pod.metadata().labels().at("via") == "grpc");
  CHECK(patched_pod.status().phase() == "Running");

  k8s::core::v1::Binding binding;
  binding.mutable_metadata()->set_name("p");
  binding.mutable_target()->set_kind("Node");
  binding.mutable_target()->set_name("node-1");
  kube::api::v1::CreateRequest bind;
  *bind.mutable_ref() = Ref("pods", "default", "p", "binding");
  bind.mutable_object()->PackFrom(binding);
  grpc::ClientContext bind_context;
  REQUIRE(stub->Create(&bind_context, bind, &ignored).ok());
  CHECK(JsonString(ParseJson(rest.Get("/api/v1/namespaces/default/pods/p").body),
                   "/spec/nodeName") == "node-1");

  // List with a selector.
  kube::api::v1::ListRequest list;
  *list.mutable_ref() = Ref("pods", "default");
  list.set_label_selector("via=grpc");
  kube::api::v1::ListResponse listed;
  grpc::ClientContext list_context;
  REQUIRE(stub->List(&list_context, list, &listed).ok());
  CHECK(listed.items_size() == 1);
  CHECK(!listed.resource_version().empty());
}

TEST_CASE("the gRPC watch streams events and reports expired versions") {
  ApiServerProcess server({"--grpc-port=auto", "--etcd-compaction-interval", "1s"});
  REQUIRE_STARTED(server);
  auto channel = AdminChannel(server);
  auto stub = Api::NewStub(channel);
  ApiClient rest(server);
  REQUIRE(rest.Post("/api/v1/namespaces/default/configmaps", R"({"metadata":{"name":"a"}})").status == 201);

  kube::api::v1::WatchRequest watch;
  *watch.mutable_ref() = Ref("configmaps", "default");
  watch.set_timeout_seconds(3);
  grpc::ClientContext context;
  auto reader = stub->Watch(&context, watch);
  kube::api::v1::WatchEvent event;
  REQUIRE(reader->Read(&event));
  CHECK(event.type() == "ADDED");  // the current state first
  REQUIRE(rest.Post("/api/v1/namespaces/default/configmaps", R"({"metadata":{"name":"b"}})").status == 201);
  REQUIRE(reader->Read(&event));
  CHECK(event.type() == "ADDED");
  k8s::core::v1::ConfigMap map;
  REQUIRE(event.object().UnpackTo(&map));
  CHECK(map.metadata().name() == "b");
  while (reader->Read(&event)) {
  }
  CHECK(reader->Finish().ok());

  for (int i = 0; i < 3; ++i) {
    rest.Post("/api/v1/namespaces/default/configmaps",
              "{\"metadata\":{\"name\":\"c" + std::to_string(i) + "\"}}");
  }
  absl::SleepFor(absl::Milliseconds(2600));
  rest.Post("/api/v1/namespaces/default/configmaps", R"({"metadata":{"name":"d"}})");
  absl::SleepFor(absl::Milliseconds(1200));
  watch.set_resource_version("1");
  grpc::ClientContext old_context;
  auto old_reader = stub->Watch(&old_context, watch);
  REQUIRE(old_reader->Read(&event));
  CHECK(event.type() == "ERROR");
  k8s::meta::v1::Status expired;
  REQUIRE(event.object().UnpackTo(&expired));
  CHECK(expired.code() == 410);
}

TEST_CASE("the gRPC watch serves WatchList with its end bookmark", "[watchlist]") {
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  auto stub = Api::NewStub(AdminChannel(server));
  ApiClient rest(server);
  REQUIRE(rest.Post("/api/v1/namespaces/default/configmaps", R"({"metadata":{"name":"a"}})").status == 201);

  kube::api::v1::WatchRequest watch;
  *watch.mutable_ref() = Ref("configmaps", "default");
  watch.set_timeout_seconds(30);
  watch.set_allow_watch_bookmarks(true);
  watch.set_send_initial_events(true);
  watch.set_resource_version_match("NotOlderThan");
  grpc::ClientContext context;
  auto reader = stub->Watch(&context, watch);
  kube::api::v1::WatchEvent event;
  REQUIRE(reader->Read(&event));
  CHECK(event.type() == "ADDED");
  REQUIRE(reader->Read(&event));
  CHECK(event.type() == "BOOKMARK");
  k8s::core::v1::ConfigMap bookmark;
  REQUIRE(event.object().UnpackTo(&bookmark));
  CHECK(bookmark.metadata().annotations().at("k8s.io/initial-events-end") == "true");
  CHECK(!bookmark.metadata().resourceversion().empty());
  // Then changes, as any watch.
  REQUIRE(rest.Post("/api/v1/namespaces/default/configmaps", R"({"metadata":{"name":"b"}})").status == 201);
  REQUIRE(reader->Read(&event));
  CHECK(event.type() == "ADDED");
  context.TryCancel();

  watch.clear_resource_version_match();
  grpc::ClientContext invalid_context;
  auto invalid = stub->Watch(&invalid_context, watch);
  while (invalid->Read(&event)) {
  }
  grpc::Status status = invalid->Finish();
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(Contains(status.error_message(), "sendInitialEvents requires setting resourceVersionMatch"));
}

}  // namespace
}  // namespace kube::testing

namespace kube::testing {
namespace {

TEST_CASE("the apiserver counts REST and gRPC requests, watches and storage calls at /metrics") {
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  ApiClient rest(server);
  REQUIRE(rest.Get("/api/v1/namespaces/default/pods").status == 200);
  REQUIRE(rest.Get("/api/v1/namespaces/default/pods/missing").status == 404);
  auto channel = AdminChannel(server);
  auto stub = Api::NewStub(channel);
  kube::api::v1::GetRequest get;
  *get.mutable_ref() = Ref("namespaces", "", "default");
  google::protobuf::Any got;
  grpc::ClientContext get_context;
  REQUIRE(stub->Get(&get_context, get, &got).ok());
  // A watch stays open while its stream does.
  kube::api::v1::WatchRequest watch;
  *watch.mutable_ref() = Ref("nodes", "");
  grpc::ClientContext watch_context;
  auto stream = stub->Watch(&watch_context, watch);

  std::string text;
  bool watching = false;
  for (int attempt = 0; attempt < 100 && !watching; ++attempt) {
    text = rest.Get("/metrics", "*/*").body;
    watching = text.find("apiserver_longrunning_requests{verb=\"WATCH\",group=\"\",version=\"v1\","
                         "resource=\"nodes\",subresource=\"\",scope=\"cluster\","
                         "component=\"apiserver\"} 1") != std::string::npos;
    if (!watching) absl::SleepFor(absl::Milliseconds(50));
  }
  INFO(text);
  CHECK(watching);
  CHECK(text.find("apiserver_request_total{verb=\"LIST\",group=\"\",version=\"v1\",resource=\"pods\","
                  "subresource=\"\",scope=\"namespace\",component=\"apiserver\",code=\"200\"} 1") !=
        std::string::npos);
  CHECK(text.find("resource=\"pods\",subresource=\"\",scope=\"resource\",component=\"apiserver\","
                  "code=\"404\"} 1") != std::string::npos);
  CHECK(text.find("apiserver_request_total{verb=\"GET\",group=\"\",version=\"v1\","
                  "resource=\"namespaces\",subresource=\"\",scope=\"resource\","
                  "component=\"apiserver\",code=\"200\"} 1") != std::string::npos);
  CHECK(text.find("apiserver_request_duration_seconds_bucket{verb=\"LIST\"") != std::string::npos);
  CHECK(text.find("etcd_request_duration_seconds_count{operation=\"get\",type=\"namespaces\"}") !=
        std::string::npos);
  watch_context.TryCancel();
}

}  // namespace
}  // namespace kube::testing

// CustomResourceDefinitions as the server keeps them: the naming and establishing
// conditions, a name another CRD of the group holds refused, discovery (legacy and
// aggregated) following CRDs as they come and go, two versions served from one
// storage, the custom resources stored as JSON and served again after a restart,
// and the cleanup finalizer deleting every custom resource before the CRD goes.

#include <grpcpp/grpcpp.h>

#include <catch2/catch.hpp>

#include "apiserver/storage/etcd/etcd_storage.h"
#include "common/codec/json_text.h"
#include "kube/api/v1/api_service.grpc.pb.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/etcd_test_cluster.h"
#include "tests/support/eventually.h"

namespace kube::testing {
namespace {

const std::string kCrds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

std::string Crd(const std::string& plural, const std::string& kind, const std::string& short_name,
                const std::string& versions) {
  return R"({"metadata":{"name":")" + plural +
         R"(.stable.example.com"},"spec":{"group":)"
         R"("stable.example.com","scope":"Namespaced","names":{"plural":")" +
         plural + R"(","kind":")" + kind + R"(","shortNames":[")" + short_name +
         R"("]},"versions":)" + versions + "}}";
}

std::string Version(const std::string& name, bool storage) {
  return R"({"name":")" + name + R"(","served":true,"storage":)" + (storage ? "true" : "false") +
         R"(,"schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object",)"
         R"("properties":{"size":{"type":"integer","default":3}}}}}}})";
}

// The condition's status, or "" while it is missing.
std::string Condition(ApiClient& client, const std::string& name, const std::string& type) {
  rapidjson::Document crd;
  HttpResult got = client.Get(kCrds + "/" + name);
  if (got.status != 200 || !codec::ParseJson(got.body, crd).ok()) return "";
  auto status = crd.FindMember("status");
  if (status == crd.MemberEnd() || !status->value.HasMember("conditions")) return "";
  for (const auto& condition : status->value["conditions"].GetArray()) {
    if (condition["type"].GetString() == type) return condition["status"].GetString();
  }
  return "";
}

TEST_CASE("CRDs are named, established, discovered, stored and cleaned up as upstream does",
          "[crd][crd-serving]") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);

  REQUIRE(client
              .Post(kCrds, Crd("widgets", "Widget", "wd",
                               "[" + Version("v1", true) + "," + Version("v2", false) + "]"))
              .status == 201);
  REQUIRE(Eventually(
      [&] { return Condition(client, "widgets.stable.example.com", "Established") == "True"; }));
  CHECK(Condition(client, "widgets.stable.example.com", "NamesAccepted") == "True");

  // A second CRD of the group may not take the first one's short name.
  REQUIRE(
      client.Post(kCrds, Crd("gadgets", "Gadget", "wd", "[" + Version("v1", true) + "]")).status ==
      201);
  REQUIRE(Eventually(
      [&] { return Condition(client, "gadgets.stable.example.com", "NamesAccepted") == "False"; }));
  CHECK(Condition(client, "gadgets.stable.example.com", "Established") == "False");
  CHECK(Contains(client.Get(kCrds + "/gadgets.stable.example.com").body,
                 "\\\"wd\\\" is already in use"));

  // Discovery: the group with both versions (v2 preferred, as upstream orders them),
  // the resource with its short name, in the aggregated document too.
  HttpResult group = client.Get("/apis/stable.example.com");
  REQUIRE(group.status == 200);
  CHECK(Contains(group.body, R"("preferredVersion":{"groupVersion":"stable.example.com/v2")"));
  HttpResult resources = client.Get("/apis/stable.example.com/v1");
  CHECK(Contains(resources.body, R"("name":"widgets")"));
  CHECK(Contains(resources.body, R"("shortNames":["wd"])"));
  CHECK(!Contains(resources.body, "gadgets"));  // not established
  HttpResult aggregated =
      client.Get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  CHECK(Contains(aggregated.body, R"("name":"stable.example.com")"));

  // Created through v1, defaulted, read through v2 (conversion None).
  const std::string v1 = "/apis/stable.example.com/v1/namespaces/default/widgets";
  const std::string v2 = "/apis/stable.example.com/v2/namespaces/default/widgets";
  HttpResult created = client.Post(v1, R"({"apiVersion":"stable.example.com/v1","kind":"Widget",)"
                                       R"("metadata":{"name":"w1"},"spec":{}})");
  REQUIRE(created.status == 201);
  CHECK(Contains(created.body, R"("spec":{"size":3})"));
  HttpResult as_v2 = client.Get(v2 + "/w1");
  REQUIRE(as_v2.status == 200);
  CHECK(Contains(as_v2.body, R"("apiVersion":"stable.example.com/v2")"));
  CHECK(Contains(as_v2.body, R"("spec":{"size":3})"));
  // A body of the wrong version is refused with upstream's message.
  HttpResult wrong = client.Post(v2, R"({"apiVersion":"stable.example.com/v1","kind":"Widget",)"
                                     R"("metadata":{"name":"w2"}})");
  CHECK(wrong.status == 400);
  // No protobuf form: a protobuf-only client is turned away, a protobuf body refused.
  CHECK(client.Get(v1 + "/w1", "application/vnd.kubernetes.protobuf").status == 406);
  CHECK(client.Post(v1, "k8s\\0", "application/vnd.kubernetes.protobuf").status == 415);
  CHECK(client.Patch(v1 + "/w1", R"({"spec":{"size":4}})", "application/strategic-merge-patch+json")
            .status == 415);

  // After a restart the CRD is served before the first request.
  std::string why;
  REQUIRE(server.Restart(&why));
  ApiClient after(server);
  HttpResult listed = after.Get(v1);
  REQUIRE(listed.status == 200);
  CHECK(Contains(listed.body, R"("kind":"WidgetList")"));
  CHECK(Contains(listed.body, R"("name":"w1")"));

  // Deleting the CRD deletes its custom resources, then the CRD, then the endpoints.
  REQUIRE(after.Delete(kCrds + "/widgets.stable.example.com").status == 200);
  REQUIRE(
      Eventually([&] { return after.Get(kCrds + "/widgets.stable.example.com").status == 404; }));
  CHECK(after.Get(v1).status == 404);
  // (The group may stay: the waiting CRD of the group takes over the freed name.)
  CHECK(!Contains(after.Get("/apis/stable.example.com/v1").body, R"("name":"widgets")"));
  // The short name it held is free again: the waiting CRD takes it.
  REQUIRE(Eventually(
      [&] { return Condition(after, "gadgets.stable.example.com", "Established") == "True"; }));
  // Created again (under another short name), nothing of the old objects is left.
  REQUIRE(
      after.Post(kCrds, Crd("widgets", "Widget", "wdg", "[" + Version("v1", true) + "]")).status ==
      201);
  REQUIRE(Eventually([&] { return after.Get(v1).status == 200; }));
  CHECK(!Contains(after.Get(v1).body, R"("name":"w1")"));
}

// A TLS channel to the server's gRPC port with the admin's certificate.
std::shared_ptr<grpc::Channel> AdminGrpcChannel(const ApiServerProcess& server) {
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = ReadFile(TestPki::Shared().ca_file());
  tls.pem_cert_chain = ReadFile(TestPki::Shared().admin().cert_file);
  tls.pem_private_key = ReadFile(TestPki::Shared().admin().key_file);
  return grpc::CreateChannel("127.0.0.1:" + std::to_string(server.grpc_port()),
                             grpc::SslCredentials(tls));
}

TEST_CASE("Custom resources over gRPC travel as JSON, and REST watches serve WatchList",
          "[crd][crd-serving][watchlist]") {
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  ApiClient client(server);
  REQUIRE(
      client.Post(kCrds, Crd("widgets", "Widget", "wd", "[" + Version("v1", true) + "]")).status ==
      201);
  const std::string v1 = "/apis/stable.example.com/v1/namespaces/default/widgets";
  REQUIRE(Eventually([&] { return client.Get(v1).status == 200; }));

  auto channel = AdminGrpcChannel(server);
  REQUIRE(channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10)));
  auto stub = kube::api::v1::Api::NewStub(channel);
  kube::api::v1::ResourceRef ref;
  ref.set_group("stable.example.com");
  ref.set_version("v1");
  ref.set_resource("widgets");
  ref.set_namespace_("default");

  // Created from JSON (an unknown field pruned, the default applied), read back as JSON.
  kube::api::v1::JsonObject posted;
  posted.set_json(R"({"apiVersion":"stable.example.com/v1","kind":"Widget",)"
                  R"("metadata":{"name":"g1"},"spec":{"bogus":true}})");
  kube::api::v1::CreateRequest create;
  *create.mutable_ref() = ref;
  create.mutable_object()->PackFrom(posted);
  google::protobuf::Any created;
  grpc::ClientContext create_context;
  grpc::Status status = stub->Create(&create_context, create, &created);
  REQUIRE(status.ok());
  kube::api::v1::JsonObject created_json;
  REQUIRE(created.UnpackTo(&created_json));
  CHECK(Contains(created_json.json(), R"("spec":{"size":3})"));

  kube::api::v1::GetRequest get;
  *get.mutable_ref() = ref;
  get.mutable_ref()->set_name("g1");
  google::protobuf::Any got;
  grpc::ClientContext get_context;
  REQUIRE(stub->Get(&get_context, get, &got).ok());
  kube::api::v1::JsonObject got_json;
  REQUIRE(got.UnpackTo(&got_json));
  CHECK(Contains(got_json.json(), R"("kind":"Widget","apiVersion":"stable.example.com/v1")"));
  CHECK(Contains(got_json.json(), R"("name":"g1")"));

  kube::api::v1::ListRequest list;
  *list.mutable_ref() = ref;
  kube::api::v1::ListResponse listed;
  grpc::ClientContext list_context;
  REQUIRE(stub->List(&list_context, list, &listed).ok());
  REQUIRE(listed.items_size() == 1);
  CHECK(listed.items(0).Is<kube::api::v1::JsonObject>());

  // A message of another type is refused with upstream's code.
  kube::api::v1::CreateRequest wrong = create;
  wrong.mutable_object()->PackFrom(ref);
  google::protobuf::Any refused;
  grpc::ClientContext wrong_context;
  CHECK(stub->Create(&wrong_context, wrong, &refused).error_code() ==
        grpc::StatusCode::INVALID_ARGUMENT);

  // WatchList over REST: the state as ADDED events, then the bookmark that ends them.
  HttpResult watched = client.Get(v1 +
                                  "?watch=1&sendInitialEvents=true&allowWatchBookmarks=true"
                                  "&resourceVersionMatch=NotOlderThan&timeoutSeconds=1");
  REQUIRE(watched.status == 200);
  CHECK(Contains(watched.body, R"("type":"ADDED","object":{"kind":"Widget")"));
  CHECK(Contains(watched.body, R"("k8s.io/initial-events-end":"true")"));
}

TEST_CASE("Two apiservers on one etcd both serve a CRD's custom resources, stored as JSON",
          "[crd][crd-serving][etcd]") {
  if (!storage::etcd::testing::EtcdInstalled()) {
    WARN(storage::etcd::testing::kSkipped);
    return;
  }
  auto cluster = storage::etcd::testing::EtcdTestCluster::Start(1);
  REQUIRE(cluster.ok());
  std::vector<std::string> flags = {"--storage-backend",        "etcd3",         "--etcd-servers",
                                    (*cluster)->endpoints()[0], "--etcd-prefix", "/crds"};
  ApiServerProcess first(flags);
  ApiServerProcess second(flags);
  REQUIRE_STARTED(first);
  REQUIRE_STARTED(second);
  ApiClient one(first);
  ApiClient two(second);

  // Each server's controller serves the CRD the other's request created.
  REQUIRE(one.Post(kCrds, Crd("widgets", "Widget", "wd", "[" + Version("v1", true) + "]")).status ==
          201);
  const std::string v1 = "/apis/stable.example.com/v1/namespaces/default/widgets";
  REQUIRE(Eventually([&] { return two.Get(v1).status == 200; }));
  REQUIRE(Eventually([&] { return one.Get(v1).status == 200; }));
  REQUIRE(one.Post(v1, R"({"apiVersion":"stable.example.com/v1","kind":"Widget",)"
                       R"("metadata":{"name":"w1"},"spec":{}})")
              .status == 201);
  HttpResult read = two.Get(v1 + "/w1");
  REQUIRE(read.status == 200);
  CHECK(Contains(read.body, R"("spec":{"size":3})"));

  // Stored under upstream's key, as JSON.
  absl::StatusOr<std::unique_ptr<storage::Storage>> raw =
      storage::OpenEtcdStorage((*cluster)->Options("/crds"));
  REQUIRE(raw.ok());
  absl::StatusOr<storage::KeyValue> stored =
      (*raw)->Get("/registry/stable.example.com/widgets/default/w1");
  REQUIRE(stored.ok());
  CHECK(stored->value.rfind(R"({"kind":"Widget","apiVersion":"stable.example.com/v1")", 0) == 0);

  // Deleted through one server, gone from both.
  REQUIRE(two.Delete(kCrds + "/widgets.stable.example.com").status == 200);
  CHECK(Eventually([&] { return one.Get(v1).status == 404 && two.Get(v1).status == 404; }));
  CHECK(Eventually([&] {
    return absl::IsNotFound(
        (*raw)->Get("/registry/stable.example.com/widgets/default/w1").status());
  }));
}

}  // namespace
}  // namespace kube::testing

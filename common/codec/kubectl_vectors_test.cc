// Request bodies captured from kubectl v1.32 (application/vnd.kubernetes.protobuf; see
// /work/shared/research/kubectl-protobuf/README.md), decoded into the real API types and
// re-encoded as the JSON kubectl sends for the same command. kubectl's own printout also
// has "creationTimestamp": null, which reads back the same (null is absent).

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "common/codec/envelope.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/zero_values.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "common/codec/testing/kubectl_vectors.h"

namespace kube::codec {
namespace {

// Decodes the body into T, checks the envelope's type, returns the object's JSON.
template <typename T>
std::string JsonOf(const std::string& name, std::string_view api_version, std::string_view kind) {
  absl::StatusOr<ProtobufEnvelope> envelope = DecodeProtobufEnvelope(testing::ReadKubectlVector(name));
  REQUIRE(envelope.ok());
  CHECK(envelope->api_version == api_version);
  CHECK(envelope->kind == kind);
  CHECK(envelope->content_encoding.empty());
  CHECK(envelope->content_type.empty());
  T object;
  REQUIRE(object.ParseFromString(envelope->raw));
  ClearZeroValues(object);
  std::string json = EncodeJson(object);
  // And back: the JSON decodes to the same object, which re-encodes to the same body.
  T again;
  std::vector<std::string> unknown;
  REQUIRE(DecodeJson(json, again, &unknown).ok());
  CHECK(unknown.empty());
  CHECK(EncodeJson(again) == json);
  CHECK(DecodeProtobufEnvelope(EncodeProtobufEnvelope(api_version, kind, again))->raw ==
        again.SerializeAsString());
  return json;
}

TEST_CASE("kubectl create namespace", "[kubectl]") {
  CHECK(JsonOf<k8s::core::v1::Namespace>("create-namespace.bin", "v1", "Namespace") ==
        R"({"kind":"Namespace","apiVersion":"v1","metadata":{"name":"shop"},)"
        R"("spec":{},"status":{}})");
}

TEST_CASE("kubectl create configmap", "[kubectl]") {
  CHECK(JsonOf<k8s::core::v1::ConfigMap>("create-configmap.bin", "v1", "ConfigMap") ==
        R"({"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cfg","namespace":"shop"},)"
        R"("data":{"a":"b"}})");
}

TEST_CASE("kubectl create secret generic", "[kubectl]") {
  CHECK(JsonOf<k8s::core::v1::Secret>("create-secret.bin", "v1", "Secret") ==
        R"({"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1","namespace":"shop"},)"
        R"("data":{"k":"dg=="}})");
}

TEST_CASE("kubectl create deployment", "[kubectl]") {
  CHECK(JsonOf<k8s::apps::v1::Deployment>("create-deployment.bin", "apps/v1", "Deployment") ==
        R"({"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web",)"
        R"("namespace":"shop","labels":{"app":"web"}},"spec":{"replicas":2,)"
        R"("selector":{"matchLabels":{"app":"web"}},"template":{"metadata":)"
        R"({"labels":{"app":"web"}},"spec":{"containers":[{"name":"busybox",)"
        R"("image":"busybox","command":["sleep","3600"],"resources":{}}]}},)"
        R"("strategy":{}},"status":{}})");
}

}  // namespace
}  // namespace kube::codec

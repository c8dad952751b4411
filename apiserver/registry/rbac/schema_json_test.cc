// The rbac, authentication and authorization schemas through the codec: samples
// from the Kubernetes API reference decode, and encode back as upstream writes
// them (field names, omitted empties, always-written fields).

#include <catch2/catch.hpp>
#include <string>

#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "k8s/authentication/v1/authentication.pb.h"
#include "k8s/authorization/v1/authorization.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver {
namespace {

template <typename T>
std::string RoundTrip(const std::string& json) {
  T message;
  const absl::Status status = codec::DecodeJson(json, message);
  INFO(status.message());
  REQUIRE(status.ok());
  return codec::EncodeJson(message);
}

TEST_CASE("A ClusterRole with an aggregation rule round-trips", "[rbac][schema]") {
  const std::string json =
      R"({"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1",)"
      R"("metadata":{"name":"monitoring"},"rules":[{"verbs":["get","list"],"apiGroups":[""],)"
      R"("resources":["pods","pods/log"],"resourceNames":["a"]},)"
      R"({"verbs":["get"],"nonResourceURLs":["/metrics"]}],)"
      R"("aggregationRule":{"clusterRoleSelectors":[{"matchLabels":)"
      R"({"rbac.example.com/aggregate-to-monitoring":"true"}}]}})";
  CHECK(RoundTrip<k8s::rbac::v1::ClusterRole>(json) == json);

  // `rules` is always written (upstream's has no omitempty; a nil list is null there).
  CHECK(RoundTrip<k8s::rbac::v1::ClusterRole>(
            R"({"metadata":{"name":"admin"},"rules":null})") ==
        R"({"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1",)"
        R"("metadata":{"name":"admin"},"rules":[]})");
  // A rule always carries its verbs.
  CHECK(RoundTrip<k8s::rbac::v1::Role>(R"({"rules":[{"apiGroups":[""]}]})") ==
        R"({"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","rules":[{"verbs":[],)"
        R"("apiGroups":[""]}]})");
}

TEST_CASE("Bindings round-trip with roleRef always written", "[rbac][schema]") {
  const std::string json =
      R"({"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1",)"
      R"("metadata":{"name":"read-pods","namespace":"default"},)"
      R"("subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"jane"},)"
      R"({"kind":"ServiceAccount","name":"default","namespace":"kube-system"}],)"
      R"("roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"pod-reader"}})";
  CHECK(RoundTrip<k8s::rbac::v1::RoleBinding>(json) == json);
  CHECK(RoundTrip<k8s::rbac::v1::ClusterRoleBinding>(R"({"metadata":{"name":"x"}})") ==
        R"({"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1",)"
        R"("metadata":{"name":"x"},"roleRef":{"apiGroup":"","kind":"","name":""}})");
}

TEST_CASE("Access reviews round-trip as kubectl auth can-i sends them", "[rbac][schema]") {
  // kubectl auth can-i list pods -n default
  const std::string request =
      R"({"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",)"
      R"("metadata":{},"spec":{"resourceAttributes":{"namespace":"default","verb":"list",)"
      R"("resource":"pods"}},"status":{"allowed":false}})";
  CHECK(RoundTrip<k8s::authorization::v1::SelfSubjectAccessReview>(request) == request);

  const std::string sar =
      R"({"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1",)"
      R"("spec":{"resourceAttributes":{"namespace":"ns","verb":"get","group":"apps",)"
      R"("version":"v1","resource":"deployments","subresource":"scale","name":"web",)"
      R"("fieldSelector":{"requirements":[{"key":"spec.nodeName","operator":"In","values":["n1"]}]},)"
      R"("labelSelector":{"rawSelector":"app=web"}},)"
      R"("user":"jane","groups":["devs"],"extra":{"scopes":["a","b"]},"uid":"42"},)"
      R"("status":{"allowed":true,"reason":"RBAC: allowed by RoleBinding \"x/ns\" of ClusterRole \"edit\" to User \"jane\""}})";
  CHECK(RoundTrip<k8s::authorization::v1::SubjectAccessReview>(sar) == sar);

  CHECK(RoundTrip<k8s::authorization::v1::SelfSubjectAccessReview>(
            R"({"spec":{"nonResourceAttributes":{"path":"/healthz","verb":"get"}}})") ==
        R"({"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",)"
        R"("spec":{"nonResourceAttributes":{"path":"/healthz","verb":"get"}},)"
        R"("status":{"allowed":false}})");

  const std::string rules =
      R"({"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1",)"
      R"("spec":{"namespace":"default"},"status":{"resourceRules":[{"verbs":["create"],)"
      R"("apiGroups":["authorization.k8s.io"],"resources":["selfsubjectaccessreviews"]}],)"
      R"("nonResourceRules":[{"verbs":["get"],"nonResourceURLs":["/api","/api/*"]}],)"
      R"("incomplete":false}})";
  CHECK(RoundTrip<k8s::authorization::v1::SelfSubjectRulesReview>(rules) == rules);
}

TEST_CASE("Token reviews and requests round-trip", "[rbac][schema]") {
  // A failed review: upstream writes the empty user struct.
  CHECK(RoundTrip<k8s::authentication::v1::TokenReview>(
            R"({"spec":{"token":"abc","audiences":["api"]},"status":{"error":"invalid"}})") ==
        R"({"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1",)"
        R"("spec":{"token":"abc","audiences":["api"]},"status":{"user":{},"error":"invalid"}})");

  const std::string review =
      R"({"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1",)"
      R"("spec":{"token":"abc"},"status":{"authenticated":true,)"
      R"("user":{"username":"system:serviceaccount:default:sa","uid":"u1",)"
      R"("groups":["system:serviceaccounts","system:authenticated"]},"audiences":["api"]}})";
  CHECK(RoundTrip<k8s::authentication::v1::TokenReview>(review) == review);

  // kubectl create token: nil pointers without omitempty are written as null.
  CHECK(RoundTrip<k8s::authentication::v1::TokenRequest>(R"({"spec":{"audiences":null}})") ==
        R"({"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1",)"
        R"("spec":{"audiences":[],"boundObjectRef":null,"expirationSeconds":null},)"
        R"("status":{"token":"","expirationTimestamp":null}})");
  const std::string bound =
      R"({"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1",)"
      R"("metadata":{"name":"sa","namespace":"default"},"spec":{"audiences":["https://kubernetes.default.svc"],)"
      R"("boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"p","uid":"123"},)"
      R"("expirationSeconds":3600},"status":{"token":"t","expirationTimestamp":"2024-01-01T00:00:00Z"}})";
  CHECK(RoundTrip<k8s::authentication::v1::TokenRequest>(bound) == bound);

  // kubectl auth whoami with a service account token: extra values are string arrays.
  const std::string whoami =
      R"({"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1",)"
      R"("status":{"userInfo":{"username":"system:serviceaccount:default:sa",)"
      R"("groups":["system:serviceaccounts"],"extra":{)"
      R"("authentication.kubernetes.io/credential-id":["JTI=abc"],)"
      R"("authentication.kubernetes.io/pod-name":["p"]}}}})";
  CHECK(RoundTrip<k8s::authentication::v1::SelfSubjectReview>(whoami) == whoami);
  k8s::authentication::v1::SelfSubjectReview decoded;
  REQUIRE(codec::DecodeJson(whoami, decoded).ok());
  CHECK(decoded.status().userinfo().extra().at("authentication.kubernetes.io/pod-name").items(0) ==
        "p");
}

TEST_CASE("Protobuf field numbers are upstream's", "[rbac][schema]") {
  // Spot checks against k8s.io/api generated.proto.
  CHECK(k8s::rbac::v1::ClusterRole::kAggregationRuleFieldNumber == 3);
  CHECK(k8s::rbac::v1::PolicyRule::kNonResourceURLsFieldNumber == 5);
  CHECK(k8s::rbac::v1::Subject::kNamespaceFieldNumber == 4);
  CHECK(k8s::authorization::v1::SubjectAccessReviewStatus::kDeniedFieldNumber == 4);
  CHECK(k8s::authorization::v1::ResourceAttributes::kLabelSelectorFieldNumber == 9);
  CHECK(k8s::authorization::v1::SubjectAccessReviewSpec::kUidFieldNumber == 6);
  CHECK(k8s::authentication::v1::TokenRequestSpec::kExpirationSecondsFieldNumber == 4);
  CHECK(k8s::authentication::v1::TokenReviewStatus::kAudiencesFieldNumber == 4);
  CHECK(k8s::authentication::v1::SelfSubjectReview::kStatusFieldNumber == 2);
}

}  // namespace
}  // namespace kube::apiserver

#include "apiserver/serviceaccount/claims.h"

#include <catch2/catch.hpp>

namespace kube::serviceaccount {
namespace {

constexpr char kIssuer[] = "https://kubernetes.default.svc.cluster.local";

TokenRequestClaims PodBoundClaims() {
  TokenRequestClaims claims;
  claims.issuer = kIssuer;
  claims.audiences = {kIssuer};
  claims.issued_at = absl::FromUnixSeconds(1700000000) + absl::Milliseconds(700);
  claims.expiration = absl::Seconds(3600);
  claims.namespace_name = "default";
  claims.service_account_name = "default";
  claims.service_account_uid = "sa-uid";
  claims.pod = BoundObject{"web-0", "pod-uid"};
  claims.node = BoundObject{"node-a", "node-uid"};
  claims.warn_after = absl::FromUnixSeconds(1700003607);
  claims.jti = "4f1c5b6e-0d5e-4c1a-9a57-3c1f0e9d2b11";
  return claims;
}

TEST_CASE("TokenRequest claims encode as upstream's sorted JSON", "[serviceaccount]") {
  absl::StatusOr<std::string> json = EncodeTokenRequestClaims(PodBoundClaims());
  REQUIRE(json.ok());
  CHECK(*json ==
        R"({"aud":["https://kubernetes.default.svc.cluster.local"],"exp":1700003600,)"
        R"("iat":1700000000,"iss":"https://kubernetes.default.svc.cluster.local",)"
        R"("jti":"4f1c5b6e-0d5e-4c1a-9a57-3c1f0e9d2b11","kubernetes.io":{"namespace":"default",)"
        R"("node":{"name":"node-a","uid":"node-uid"},"pod":{"name":"web-0","uid":"pod-uid"},)"
        R"("serviceaccount":{"name":"default","uid":"sa-uid"},"warnafter":1700003607},)"
        R"("nbf":1700000000,"sub":"system:serviceaccount:default:default"})");
}

TEST_CASE("unbound claims leave out what is empty", "[serviceaccount]") {
  TokenRequestClaims claims;
  claims.issued_at = absl::FromUnixSeconds(100);
  claims.expiration = absl::Seconds(600);
  claims.namespace_name = "ns";
  claims.service_account_name = "bot";
  claims.secret = BoundObject{"s", ""};
  absl::StatusOr<std::string> json = EncodeTokenRequestClaims(claims);
  REQUIRE(json.ok());
  CHECK(*json ==
        R"({"exp":700,"iat":100,"kubernetes.io":{"namespace":"ns","secret":{"name":"s"},)"
        R"("serviceaccount":{"name":"bot"}},"nbf":100,"sub":"system:serviceaccount:ns:bot"})");

  claims.pod = BoundObject{"p", "u"};
  absl::StatusOr<std::string> both = EncodeTokenRequestClaims(claims);
  REQUIRE_FALSE(both.ok());
  CHECK(both.status().message() == "internal error, token can only be bound to one object type");
}

TEST_CASE("legacy claims encode the flat keys", "[serviceaccount]") {
  CHECK(EncodeLegacyClaims({"kube-system", "calico-node", "530a0377", "calico-node-token-bvwbn"}) ==
        R"({"iss":"kubernetes/serviceaccount",)"
        R"("kubernetes.io/serviceaccount/namespace":"kube-system",)"
        R"("kubernetes.io/serviceaccount/secret.name":"calico-node-token-bvwbn",)"
        R"("kubernetes.io/serviceaccount/service-account.name":"calico-node",)"
        R"("kubernetes.io/serviceaccount/service-account.uid":"530a0377",)"
        R"("sub":"system:serviceaccount:kube-system:calico-node"})");
}

TEST_CASE("encoded claims parse back", "[serviceaccount]") {
  absl::StatusOr<ParsedClaims> parsed = ParseClaims(*EncodeTokenRequestClaims(PodBoundClaims()));
  REQUIRE(parsed.ok());
  CHECK(parsed->issuer == kIssuer);
  CHECK(parsed->subject == "system:serviceaccount:default:default");
  CHECK(parsed->audiences == std::vector<std::string>{kIssuer});
  CHECK(parsed->issued_at == 1700000000);
  CHECK(parsed->not_before == 1700000000);
  CHECK(parsed->expiry == 1700003600);
  CHECK(parsed->jti == "4f1c5b6e-0d5e-4c1a-9a57-3c1f0e9d2b11");
  CHECK(parsed->namespace_name == "default");
  CHECK(parsed->service_account == BoundObject{"default", "sa-uid"});
  CHECK(parsed->pod == BoundObject{"web-0", "pod-uid"});
  CHECK(parsed->node == BoundObject{"node-a", "node-uid"});
  CHECK_FALSE(parsed->secret.has_value());
  CHECK(parsed->warn_after == 1700003607);

  absl::StatusOr<ParsedClaims> legacy = ParseClaims(EncodeLegacyClaims({"ns", "sa", "uid", "sec"}));
  REQUIRE(legacy.ok());
  CHECK(legacy->issuer == kLegacyIssuer);
  CHECK(legacy->legacy.namespace_name == "ns");
  CHECK(legacy->legacy.service_account_name == "sa");
  CHECK(legacy->legacy.service_account_uid == "uid");
  CHECK(legacy->legacy.secret_name == "sec");
  CHECK_FALSE(legacy->expiry.has_value());
}

TEST_CASE("claims accept a single audience string, fractions and nulls", "[serviceaccount]") {
  absl::StatusOr<ParsedClaims> parsed =
      ParseClaims(R"({"aud":"api","exp":12.9,"nbf":null,"kubernetes.io":{"pod":{}}})");
  REQUIRE(parsed.ok());
  CHECK(parsed->audiences == std::vector<std::string>{"api"});
  CHECK(parsed->expiry == 12);
  CHECK_FALSE(parsed->not_before.has_value());
  CHECK(parsed->pod == BoundObject{});
}

TEST_CASE("claims of the wrong JSON type are refused", "[serviceaccount]") {
  CHECK_FALSE(ParseClaims("[]").ok());
  CHECK_FALSE(ParseClaims("{").ok());
  CHECK(ParseClaims(R"({"sub":5})").status().message() == "claim \"sub\" is not a string");
  CHECK_FALSE(ParseClaims(R"({"aud":[1]})").ok());
  CHECK_FALSE(ParseClaims(R"({"exp":"soon"})").ok());
  CHECK_FALSE(ParseClaims(R"({"kubernetes.io":"x"})").ok());
  CHECK(ParseClaims(R"({"kubernetes.io":{"pod":[]}})").status().message() ==
        "claim \"kubernetes.io.pod\" is not an object");
}

}  // namespace
}  // namespace kube::serviceaccount

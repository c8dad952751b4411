#include "apiserver/serviceaccount/token_request.h"

#include <catch2/catch.hpp>

#include "apiserver/serviceaccount/test_keys.h"
#include "apiserver/serviceaccount/token_authenticator.h"
#include "apiserver/serviceaccount/token_generator.h"
#include "apiserver/serviceaccount/token_id.h"

namespace kube::serviceaccount {
namespace {

using testing::CopyOf;
using testing::FakeLookup;
using testing::LiveObject;
using testing::LivePod;
using testing::SharedRsaKey;

constexpr char kApiAudience[] = "https://kubernetes.default.svc.cluster.local";
const absl::Time kRequestTime = absl::FromUnixSeconds(1710000000);

class TokenRequestFixture {
 public:
  TokenRequestFixture() {
    lookup.service_accounts["team/bot"] = LiveObject("sa-uid");
    lookup.pods["team/runner"] = LivePod("pod-uid", "node-a", "bot");
    lookup.pods["team/pending"] = LivePod("pending-uid", "", "bot");
    lookup.pods["team/other-sa"] = LivePod("other-uid", "node-a", "someone-else");
    lookup.secrets["team/creds"] = LiveObject("secret-uid");
    lookup.nodes["node-a"] = LiveObject("node-uid");
    policy.api_audiences = {kApiAudience};
  }

  absl::StatusOr<PlannedToken> Plan(const TokenRequestSpec& spec) const {
    return PlanTokenRequest("team", "bot", spec, policy, lookup, kRequestTime, "the-jti");
  }

  static TokenRequestSpec BoundTo(std::string kind, std::string name, std::string uid = "",
                                  std::string api_version = "v1") {
    TokenRequestSpec spec;
    spec.bound_object_ref =
        BoundObjectReference{std::move(kind), std::move(api_version), std::move(name),
                             std::move(uid)};
    return spec;
  }

  std::string Failure(const TokenRequestSpec& spec, absl::StatusCode code) const {
    absl::StatusOr<PlannedToken> planned = Plan(spec);
    REQUIRE_FALSE(planned.ok());
    CHECK(planned.status().code() == code);
    return std::string(planned.status().message());
  }

  FakeLookup lookup;
  TokenRequestPolicy policy;
};

TEST_CASE_METHOD(TokenRequestFixture, "an empty request gets an hour for the apiserver",
                 "[serviceaccount]") {
  absl::StatusOr<PlannedToken> planned = Plan(TokenRequestSpec{});
  REQUIRE(planned.ok());
  CHECK(planned->spec.expiration_seconds == 3600);
  CHECK(planned->spec.audiences == std::vector<std::string>{kApiAudience});
  CHECK(planned->expiration_timestamp == kRequestTime + absl::Hours(1));
  CHECK(planned->warnings.empty());
  const TokenRequestClaims& claims = planned->claims;
  CHECK(claims.audiences == std::vector<std::string>{kApiAudience});
  CHECK(claims.issued_at == kRequestTime);
  CHECK(claims.expiration == absl::Hours(1));
  CHECK(claims.namespace_name == "team");
  CHECK(claims.service_account_name == "bot");
  CHECK(claims.service_account_uid == "sa-uid");
  CHECK(claims.jti == "the-jti");
  CHECK_FALSE(claims.pod.has_value());
  CHECK_FALSE(claims.warn_after.has_value());
}

TEST_CASE("defaulting keeps what the request says", "[serviceaccount]") {
  TokenRequestPolicy policy;
  policy.api_audiences = {"api"};
  TokenRequestSpec spec;
  spec.audiences = {"vault"};
  spec.expiration_seconds = 0;
  TokenRequestSpec defaulted = DefaultTokenRequestSpec(spec, policy);
  CHECK(defaulted.audiences == std::vector<std::string>{"vault"});
  CHECK(defaulted.expiration_seconds == 0);
}

TEST_CASE_METHOD(TokenRequestFixture, "expirations outside [10 minutes, 2^32 s] are invalid",
                 "[serviceaccount]") {
  TokenRequestSpec spec;
  spec.expiration_seconds = 60;
  CHECK(Failure(spec, absl::StatusCode::kInvalidArgument) ==
        "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid "
        "value: 60: may not specify a duration less than 10 minutes");
  std::vector<SpecViolation> violations = ValidateTokenRequestSpec(spec);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].field == "spec.expirationSeconds");
  CHECK(violations[0].value == 60);

  spec.expiration_seconds = 0;
  CHECK_FALSE(Plan(spec).ok());
  spec.expiration_seconds = 600;
  CHECK(Plan(spec).ok());
  spec.expiration_seconds = (int64_t{1} << 32) + 1;
  CHECK(Failure(spec, absl::StatusCode::kInvalidArgument) ==
        "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid "
        "value: 4294967297: may not specify a duration larger than 2^32 seconds");
}

TEST_CASE_METHOD(TokenRequestFixture, "the service account must exist", "[serviceaccount]") {
  lookup.service_accounts.clear();
  CHECK(Failure(TokenRequestSpec{}, absl::StatusCode::kNotFound) ==
        "serviceaccounts \"bot\" not found");
}

TEST_CASE_METHOD(TokenRequestFixture, "the maximum expiration cuts long requests with a warning",
                 "[serviceaccount]") {
  policy.max_expiration = absl::Hours(2);
  TokenRequestSpec spec;
  spec.expiration_seconds = 86400;
  absl::StatusOr<PlannedToken> planned = Plan(spec);
  REQUIRE(planned.ok());
  CHECK(planned->spec.expiration_seconds == 7200);
  CHECK(planned->claims.expiration == absl::Hours(2));
  CHECK(planned->expiration_timestamp == kRequestTime + absl::Hours(2));
  CHECK(planned->warnings ==
        std::vector<std::string>{"requested expiration of 86400 seconds shortened to 7200 seconds"});
}

TEST_CASE_METHOD(TokenRequestFixture, "pod-bound 3607 s tokens are extended to a year",
                 "[serviceaccount]") {
  TokenRequestSpec spec = BoundTo("Pod", "runner");
  spec.expiration_seconds = kWarnOnlyBoundTokenExpirationSeconds;
  absl::StatusOr<PlannedToken> planned = Plan(spec);
  REQUIRE(planned.ok());
  CHECK(planned->claims.expiration == absl::Seconds(365 * 24 * 3600));
  CHECK(planned->claims.warn_after == kRequestTime + absl::Seconds(3607));
  // The response still reports what was asked for.
  CHECK(planned->expiration_timestamp == kRequestTime + absl::Seconds(3607));
  CHECK(planned->spec.expiration_seconds == 3607);

  SECTION("not without the flag") {
    policy.extend_expiration = false;
    CHECK(Plan(spec)->claims.expiration == absl::Seconds(3607));
  }
  SECTION("not for other audiences") {
    spec.audiences = {"vault"};
    CHECK_FALSE(Plan(spec)->claims.warn_after.has_value());
  }
  SECTION("not for other durations") {
    spec.expiration_seconds = 3608;
    CHECK(Plan(spec)->claims.expiration == absl::Seconds(3608));
  }
  SECTION("not for tokens bound to something else") {
    TokenRequestSpec secret = BoundTo("Secret", "creds");
    secret.expiration_seconds = 3607;
    CHECK(Plan(secret)->claims.expiration == absl::Seconds(3607));
  }
  SECTION("not when the maximum is shorter") {
    policy.max_expiration = absl::Hours(1);
    CHECK(Plan(spec)->claims.expiration == absl::Hours(1));
  }
}

TEST_CASE_METHOD(TokenRequestFixture, "pod binding records the pod and its node",
                 "[serviceaccount]") {
  absl::StatusOr<PlannedToken> planned = Plan(BoundTo("Pod", "runner", "pod-uid"));
  REQUIRE(planned.ok());
  CHECK(planned->claims.pod == BoundObject{"runner", "pod-uid"});
  CHECK(planned->claims.node == BoundObject{"node-a", "node-uid"});

  lookup.nodes.clear();
  CHECK(Plan(BoundTo("Pod", "runner"))->claims.node == BoundObject{"node-a", ""});
  CHECK_FALSE(Plan(BoundTo("Pod", "pending"))->claims.node.has_value());
}

TEST_CASE_METHOD(TokenRequestFixture, "secrets and nodes can be bound", "[serviceaccount]") {
  absl::StatusOr<PlannedToken> secret = Plan(BoundTo("Secret", "creds", "secret-uid"));
  REQUIRE(secret.ok());
  CHECK(secret->claims.secret == BoundObject{"creds", "secret-uid"});
  absl::StatusOr<PlannedToken> node = Plan(BoundTo("Node", "node-a", "", ""));
  REQUIRE(node.ok());
  CHECK(node->claims.node == BoundObject{"node-a", "node-uid"});
  CHECK_FALSE(node->claims.pod.has_value());
}

TEST_CASE_METHOD(TokenRequestFixture, "bound objects are checked as upstream's TokenREST",
                 "[serviceaccount]") {
  CHECK(Failure(BoundTo("Pod", "gone"), absl::StatusCode::kNotFound) == "pods \"gone\" not found");
  CHECK(Failure(BoundTo("Secret", "gone"), absl::StatusCode::kNotFound) ==
        "secrets \"gone\" not found");
  CHECK(Failure(BoundTo("Node", "gone"), absl::StatusCode::kNotFound) == "nodes \"gone\" not found");
  CHECK(Failure(BoundTo("Pod", "other-sa"), absl::StatusCode::kInvalidArgument) ==
        "cannot bind token for serviceaccount \"bot\" to pod running with different "
        "serviceaccount name.");
  CHECK(Failure(BoundTo("ConfigMap", "x"), absl::StatusCode::kInvalidArgument) ==
        "cannot bind token to object of type /v1, Kind=ConfigMap");
  CHECK(Failure(BoundTo("Pod", "runner", "", "apps/v1"), absl::StatusCode::kInvalidArgument) ==
        "cannot bind token to object of type apps/v1, Kind=Pod");
  CHECK(Failure(BoundTo("Pod", "runner", "old-uid"), absl::StatusCode::kAborted) ==
        "Operation cannot be fulfilled on Pod \"runner\": the UID in the bound object reference "
        "(old-uid) does not match the UID in record. The object might have been deleted and then "
        "recreated");
}

TEST_CASE_METHOD(TokenRequestFixture, "a planned token signs and authenticates",
                 "[serviceaccount]") {
  TokenRequestSpec spec = BoundTo("Pod", "runner");
  spec.expiration_seconds = 3607;
  absl::StatusOr<std::string> jti = NewTokenId();
  REQUIRE(jti.ok());
  absl::StatusOr<PlannedToken> planned =
      PlanTokenRequest("team", "bot", spec, policy, lookup, kRequestTime, *jti);
  REQUIRE(planned.ok());
  TokenGenerator generator(kApiAudience, CopyOf(SharedRsaKey()));
  absl::StatusOr<std::string> token = generator.Generate(planned->claims);
  REQUIRE(token.ok());

  std::vector<PublicKey> keys;
  keys.push_back(*PublicKey::FromEvpPkey(SharedRsaKey().evp_pkey()));
  TokenAuthenticatorConfig config;
  config.issuers = {kApiAudience};
  config.api_audiences = {kApiAudience};
  TokenAuthenticator authenticator(config, std::make_shared<const PublicKeySet>(std::move(keys)),
                                   lookup);
  // Still good long after the requested hour: the extension at work.
  absl::StatusOr<std::optional<auth::UserInfo>> user =
      authenticator.Authenticate(*token, kRequestTime + absl::Hours(24 * 30), nullptr);
  REQUIRE(user.ok());
  REQUIRE(user->has_value());
  CHECK((*user)->name == "system:serviceaccount:team:bot");
  CHECK((*user)->extra.at("authentication.kubernetes.io/credential-id") ==
        std::vector<std::string>{"JTI=" + *jti});
  CHECK((*user)->extra.at("authentication.kubernetes.io/node-name") ==
        std::vector<std::string>{"node-a"});
}

TEST_CASE("token ids are random version 4 UUIDs", "[serviceaccount]") {
  std::string first = *NewTokenId();
  std::string second = *NewTokenId();
  CHECK(first != second);
  REQUIRE(first.size() == 36);
  CHECK(first[8] == '-');
  CHECK(first[14] == '4');
  CHECK(std::string("89ab").find(first[19]) != std::string::npos);
}

}  // namespace
}  // namespace kube::serviceaccount

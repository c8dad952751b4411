#include "kubelet/token/token_manager.h"

#include <catch2/catch.hpp>
#include <vector>

#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

using k8s::authentication::v1::TokenRequest;

// A clock the test moves by hand.
struct ManualClock {
  absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  std::function<absl::Time()> AsFunction() {
    return [this] { return now; };
  }
};

// An API server stand-in: answers each request with a numbered token that expires
// `expirationSeconds` after the clock's now (as the real one), or with `error`.
struct FakeTokenServer {
  explicit FakeTokenServer(ManualClock& clock) : clock(clock) {}
  ManualClock& clock;
  absl::Status error = absl::OkStatus();
  std::vector<TokenRequest> requests;

  TokenFetcher AsFetcher() {
    return [this](const std::string& ns, const std::string& name,
                  const TokenRequest& request) -> absl::StatusOr<TokenRequestPtr> {
      TokenRequest seen = request;
      seen.mutable_metadata()->set_namespace_(ns);
      seen.mutable_metadata()->set_name(name);
      requests.push_back(seen);
      if (!error.ok()) return error;
      auto answer = std::make_shared<TokenRequest>(seen);
      answer->mutable_status()->set_token(kube::StrCat("token-", requests.size()));
      answer->mutable_status()->mutable_expirationtimestamp()->set_seconds(
          absl::ToUnixSeconds(clock.now + absl::Seconds(request.spec().expirationseconds())));
      return TokenRequestPtr(std::move(answer));
    };
  }
};

TokenRequest PodTokenRequest(const std::string& pod_uid, int64_t seconds,
                             const std::string& audience = "") {
  TokenRequest request;
  if (!audience.empty()) request.mutable_spec()->add_audiences(audience);
  request.mutable_spec()->set_expirationseconds(seconds);
  auto* ref = request.mutable_spec()->mutable_boundobjectref();
  ref->set_kind("Pod");
  ref->set_apiversion("v1");
  ref->set_name("web");
  ref->set_uid(pod_uid);
  return request;
}

TokenManagerOptions NoJitter(ManualClock& clock) {
  TokenManagerOptions options;
  options.clock = clock.AsFunction();
  options.max_jitter = absl::ZeroDuration();
  return options;
}

std::string TokenOf(const absl::StatusOr<TokenRequestPtr>& token) {
  INFO(token.status());
  REQUIRE(token.ok());
  return (*token)->status().token();
}

TEST_CASE("tokens are cached and refreshed past 80% of their lifetime") {
  ManualClock clock;
  FakeTokenServer server(clock);
  TokenManager tokens(server.AsFetcher(), NoJitter(clock));
  const TokenRequest request = PodTokenRequest("uid-1", 600, "vault");

  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-1");
  REQUIRE(server.requests.size() == 1);
  CHECK(server.requests[0].metadata().namespace_() == "shop");
  CHECK(server.requests[0].metadata().name() == "robot");
  CHECK(server.requests[0].spec().audiences(0) == "vault");

  clock.now += absl::Seconds(480);  // exactly 80%: still fresh
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-1");
  CHECK(server.requests.size() == 1);
  clock.now += absl::Seconds(1);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-2");
  CHECK(server.requests.size() == 2);
  // The new one is fresh for another 480 s.
  clock.now += absl::Seconds(400);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-2");
  CHECK(tokens.CachedTokens() == 1);
}

TEST_CASE("a long-lived token is refreshed after 24 hours") {
  ManualClock clock;
  FakeTokenServer server(clock);
  TokenManager tokens(server.AsFetcher(), NoJitter(clock));
  const TokenRequest request = PodTokenRequest("uid-1", 7 * 24 * 3600);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-1");
  clock.now += absl::Hours(24);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-1");
  clock.now += absl::Seconds(1);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-2");
}

TEST_CASE("RequiresRefresh follows the server's expiration timestamp") {
  TokenRequest token = PodTokenRequest("uid-1", 1000);
  const absl::Time expiration = absl::FromUnixSeconds(1'700'001'000);
  token.mutable_status()->mutable_expirationtimestamp()->set_seconds(
      absl::ToUnixSeconds(expiration));
  const absl::Time issued = expiration - absl::Seconds(1000);
  CHECK_FALSE(RequiresRefresh(token, issued, absl::ZeroDuration()));
  CHECK_FALSE(RequiresRefresh(token, issued + absl::Seconds(800), absl::ZeroDuration()));
  CHECK(RequiresRefresh(token, issued + absl::Seconds(801), absl::ZeroDuration()));
  // The jitter brings it forward.
  CHECK(RequiresRefresh(token, issued + absl::Seconds(795), absl::Seconds(10)));
  // Issued in the future: the clock went back.
  CHECK(RequiresRefresh(token, issued - absl::Seconds(1), absl::ZeroDuration()));
}

TEST_CASE("each audience, lifetime and pod has a token of its own; deleted pods' are forgotten") {
  ManualClock clock;
  FakeTokenServer server(clock);
  TokenManager tokens(server.AsFetcher(), NoJitter(clock));
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", PodTokenRequest("uid-1", 600))) ==
        "token-1");
  CHECK(TokenOf(tokens.GetServiceAccountToken(
            "shop", "robot", PodTokenRequest("uid-1", 600, "vault"))) == "token-2");
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", PodTokenRequest("uid-1", 900))) ==
        "token-3");
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", PodTokenRequest("uid-2", 600))) ==
        "token-4");
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "other", PodTokenRequest("uid-2", 600))) ==
        "token-5");
  CHECK(tokens.CachedTokens() == 5);

  tokens.DeletePodTokens("uid-1");
  CHECK(tokens.CachedTokens() == 2);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", PodTokenRequest("uid-2", 600))) ==
        "token-4");
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", PodTokenRequest("uid-1", 600))) ==
        "token-6");
}

TEST_CASE("expired tokens are dropped from the cache") {
  ManualClock clock;
  FakeTokenServer server(clock);
  TokenManager tokens(server.AsFetcher(), NoJitter(clock));
  REQUIRE(tokens.GetServiceAccountToken("shop", "robot", PodTokenRequest("uid-1", 600)).ok());
  clock.now += absl::Seconds(30);
  REQUIRE(tokens.GetServiceAccountToken("shop", "robot", PodTokenRequest("uid-2", 3600)).ok());
  clock.now += absl::Seconds(601);
  REQUIRE(tokens.GetServiceAccountToken("shop", "robot", PodTokenRequest("uid-2", 3600)).ok());
  CHECK(tokens.CachedTokens() == 1);
}

TEST_CASE("a failed request says why, keeps the server's code and backs off") {
  ManualClock clock;
  FakeTokenServer server(clock);
  server.error = absl::NotFoundError("serviceaccounts \"robot\" not found");
  TokenManager tokens(server.AsFetcher(), NoJitter(clock));
  const TokenRequest request = PodTokenRequest("uid-1", 600);

  absl::StatusOr<TokenRequestPtr> token = tokens.GetServiceAccountToken("shop", "robot", request);
  REQUIRE_FALSE(token.ok());
  CHECK(absl::IsNotFound(token.status()));
  CHECK(token.status().message() == "failed to fetch token: serviceaccounts \"robot\" not found");
  CHECK(server.requests.size() == 1);

  // Within the back-off (1 s, then 2 s, ...) the server is not asked again.
  token = tokens.GetServiceAccountToken("shop", "robot", request);
  CHECK(token.status().message() == "failed to fetch token: serviceaccounts \"robot\" not found");
  CHECK(server.requests.size() == 1);
  clock.now += absl::Seconds(1);
  CHECK_FALSE(tokens.GetServiceAccountToken("shop", "robot", request).ok());
  CHECK(server.requests.size() == 2);
  clock.now += absl::Seconds(1);
  CHECK_FALSE(tokens.GetServiceAccountToken("shop", "robot", request).ok());
  CHECK(server.requests.size() == 2);

  // The account appears: the next attempt after the back-off succeeds.
  server.error = absl::OkStatus();
  clock.now += absl::Seconds(1);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-3");
  CHECK(server.requests.size() == 3);
}

TEST_CASE("a failed refresh keeps the current token until it expires") {
  ManualClock clock;
  FakeTokenServer server(clock);
  TokenManager tokens(server.AsFetcher(), NoJitter(clock));
  const TokenRequest request = PodTokenRequest("uid-1", 600);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-1");

  server.error = absl::PermissionDeniedError("forbidden");
  clock.now += absl::Seconds(500);
  CHECK(TokenOf(tokens.GetServiceAccountToken("shop", "robot", request)) == "token-1");
  CHECK(server.requests.size() == 2);
  clock.now += absl::Seconds(101);  // past its expiration: dropped, asked for again
  absl::StatusOr<TokenRequestPtr> token = tokens.GetServiceAccountToken("shop", "robot", request);
  REQUIRE_FALSE(token.ok());
  CHECK(absl::IsPermissionDenied(token.status()));
  CHECK(token.status().message() == "failed to fetch token: forbidden");
  CHECK(server.requests.size() == 3);
  CHECK(tokens.CachedTokens() == 0);
}

}  // namespace
}  // namespace kube::kubelet

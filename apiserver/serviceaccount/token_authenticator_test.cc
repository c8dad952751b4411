#include "apiserver/serviceaccount/token_authenticator.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "apiserver/serviceaccount/claims.h"
#include "apiserver/serviceaccount/jwt.h"
#include "apiserver/serviceaccount/test_keys.h"
#include "apiserver/serviceaccount/token_generator.h"

namespace kube::serviceaccount {
namespace {

using testing::CopyOf;
using testing::FakeLookup;
using testing::GenerateRsaKey;
using testing::LiveObject;
using testing::LivePod;
using testing::LiveTokenSecret;
using testing::MakeSigningKey;
using testing::SharedEcKey;
using testing::SharedRsaKey;

constexpr char kIssuerUrl[] = "https://kubernetes.default.svc.cluster.local";
const absl::Time kIssued = absl::FromUnixSeconds(1700000000);

class AuthenticatorFixture {
 public:
  AuthenticatorFixture()
      : rsa_(kIssuerUrl, CopyOf(SharedRsaKey())), ec_(kIssuerUrl, CopyOf(SharedEcKey())) {
    lookup.service_accounts["default/builder"] = LiveObject("sa-uid");
    lookup.pods["default/web-0"] = LivePod("pod-uid", "node-a", "builder");
    lookup.secrets["default/build-secret"] = LiveObject("secret-uid");
    lookup.nodes["node-a"] = LiveObject("node-uid");
    config.issuers = {kIssuerUrl, "https://old.example"};
    config.api_audiences = {kIssuerUrl};
  }

  TokenAuthenticator Authenticator() const {
    std::vector<PublicKey> keys;
    keys.push_back(*PublicKey::FromEvpPkey(SharedRsaKey().evp_pkey()));
    keys.push_back(*PublicKey::FromEvpPkey(SharedEcKey().evp_pkey()));
    return TokenAuthenticator(config, std::make_shared<const PublicKeySet>(std::move(keys)),
                              lookup);
  }

  static TokenRequestClaims PodClaims() {
    TokenRequestClaims claims;
    claims.audiences = {kIssuerUrl};
    claims.issued_at = kIssued;
    claims.expiration = absl::Seconds(3600);
    claims.namespace_name = "default";
    claims.service_account_name = "builder";
    claims.service_account_uid = "sa-uid";
    claims.pod = BoundObject{"web-0", "pod-uid"};
    claims.node = BoundObject{"node-a", "node-uid"};
    claims.jti = "0b7c1c2e-6a8f-4d7e-9f1a-2b3c4d5e6f70";
    return claims;
  }

  std::string Token(const TokenRequestClaims& claims) const { return *rsa_.Generate(claims); }
  std::string EcToken(const TokenRequestClaims& claims) const { return *ec_.Generate(claims); }
  std::string LegacyToken() const {
    return *rsa_.GenerateLegacy({"default", "builder", "sa-uid", "builder-token"});
  }

  // The error text of a token that must be refused.
  std::string Refusal(const std::string& token, absl::Time now = kIssued) const {
    absl::StatusOr<std::optional<auth::UserInfo>> result =
        Authenticator().Authenticate(token, now, nullptr);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == absl::StatusCode::kUnauthenticated);
    return std::string(result.status().message());
  }

  bool Accepted(const std::string& token, absl::Time now = kIssued) const {
    absl::StatusOr<std::optional<auth::UserInfo>> result =
        Authenticator().Authenticate(token, now, nullptr);
    return result.ok() && result->has_value();
  }

  bool NotOurs(const std::string& token) const {
    absl::StatusOr<std::optional<auth::UserInfo>> result =
        Authenticator().Authenticate(token, kIssued, nullptr);
    return result.ok() && !result->has_value();
  }

  FakeLookup lookup;
  TokenAuthenticatorConfig config;

 private:
  TokenGenerator rsa_;
  TokenGenerator ec_;
};

TEST_CASE_METHOD(AuthenticatorFixture, "a pod-bound RS256 token authenticates its service account",
                 "[serviceaccount]") {
  std::vector<std::string> audiences;
  absl::StatusOr<std::optional<auth::UserInfo>> user =
      Authenticator().Authenticate(Token(PodClaims()), kIssued + absl::Minutes(5), &audiences);
  REQUIRE(user.ok());
  REQUIRE(user->has_value());
  const auth::UserInfo& info = **user;
  CHECK(info.name == "system:serviceaccount:default:builder");
  CHECK(info.uid == "sa-uid");
  CHECK(info.groups ==
        std::vector<std::string>{"system:serviceaccounts", "system:serviceaccounts:default"});
  CHECK(info.extra == std::map<std::string, std::vector<std::string>>{
                          {"authentication.kubernetes.io/credential-id",
                           {"JTI=0b7c1c2e-6a8f-4d7e-9f1a-2b3c4d5e6f70"}},
                          {"authentication.kubernetes.io/node-name", {"node-a"}},
                          {"authentication.kubernetes.io/node-uid", {"node-uid"}},
                          {"authentication.kubernetes.io/pod-name", {"web-0"}},
                          {"authentication.kubernetes.io/pod-uid", {"pod-uid"}}});
  CHECK(audiences == std::vector<std::string>{kIssuerUrl});
}

TEST_CASE_METHOD(AuthenticatorFixture, "an ES256 token authenticates too", "[serviceaccount]") {
  TokenRequestClaims claims = PodClaims();
  claims.pod.reset();
  claims.node.reset();
  claims.jti.clear();
  absl::StatusOr<std::optional<auth::UserInfo>> user =
      Authenticator().Authenticate(EcToken(claims), kIssued, nullptr);
  REQUIRE(user.ok());
  REQUIRE(user->has_value());
  CHECK((*user)->name == "system:serviceaccount:default:builder");
  CHECK((*user)->extra.empty());
}

TEST_CASE_METHOD(AuthenticatorFixture, "tokens that are not ours are left to others",
                 "[serviceaccount]") {
  CHECK(NotOurs("not-a-jwt"));
  CHECK(NotOurs("a.b"));
  CHECK(NotOurs(" {\"iss\":\"https://kubernetes.default.svc.cluster.local\"}"));
  CHECK(NotOurs("07401b.f395accd246ae52d"));  // a bootstrap token
  TokenGenerator other("https://issuer.example", CopyOf(SharedRsaKey()));
  CHECK(NotOurs(*other.Generate(PodClaims())));
  // Our issuer but a header that cannot be read: upstream lets others try.
  std::string token = Token(PodClaims());
  CHECK(NotOurs("!!!" + token.substr(token.find('.'))));
  // Legacy tokens are someone else's when legacy tokens are off.
  config.accept_legacy_tokens = false;
  CHECK(NotOurs(LegacyToken()));
}

TEST_CASE_METHOD(AuthenticatorFixture, "every configured issuer is accepted", "[serviceaccount]") {
  TokenGenerator old("https://old.example", CopyOf(SharedRsaKey()));
  CHECK(Accepted(*old.Generate(PodClaims())));
}

TEST_CASE_METHOD(AuthenticatorFixture, "a token signed with a key not in the set is refused",
                 "[serviceaccount]") {
  TokenGenerator stranger(kIssuerUrl, MakeSigningKey(GenerateRsaKey()));
  CHECK(Refusal(*stranger.Generate(PodClaims())) == "invalid signature, no keys found");
}

TEST_CASE_METHOD(AuthenticatorFixture, "a tampered payload is refused", "[serviceaccount]") {
  std::string token = Token(PodClaims());
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  TokenRequestClaims changed = PodClaims();
  changed.service_account_name = "admin";
  std::string payload = Base64UrlEncode(*EncodeTokenRequestClaims(
      [&] { changed.issuer = kIssuerUrl; return changed; }()));
  std::string tampered = token.substr(0, first + 1) + payload + token.substr(second);
  CHECK(Refusal(tampered) == "signature does not verify");
}

TEST_CASE_METHOD(AuthenticatorFixture, "alg none is refused, not skipped", "[serviceaccount]") {
  std::string token = Token(PodClaims());
  std::string payload = token.substr(token.find('.') + 1);
  payload = payload.substr(0, payload.find('.'));
  std::string unsigned_token = Base64UrlEncode(R"({"alg":"none"})") + "." + payload + ".";
  // Both keys are tried; the one reason is reported once.
  CHECK(Refusal(unsigned_token) == "unsupported JWS algorithm \"none\"");
}

TEST_CASE_METHOD(AuthenticatorFixture, "expiry and not-before allow a minute of skew",
                 "[serviceaccount]") {
  std::string token = Token(PodClaims());
  absl::Time expiry = kIssued + absl::Seconds(3600);
  CHECK(Accepted(token, expiry + absl::Seconds(60)));
  CHECK(Refusal(token, expiry + absl::Seconds(61)) == "service account token has expired");
  CHECK(Accepted(token, kIssued - absl::Seconds(60)));
  CHECK(Refusal(token, kIssued - absl::Seconds(61)) == "service account token is not valid yet");
}

TEST_CASE_METHOD(AuthenticatorFixture, "a token without exp counts as expired",
                 "[serviceaccount]") {
  TokenRequestClaims claims = PodClaims();
  std::string payload = *EncodeTokenRequestClaims([&] {
    claims.issuer = kIssuerUrl;
    return claims;
  }());
  size_t exp = payload.find("\"exp\":");
  payload.erase(exp, payload.find(',', exp) + 1 - exp);
  std::string token = *SignCompactJws(SharedRsaKey(), payload);
  CHECK(Refusal(token) == "service account token has expired");
}

TEST_CASE_METHOD(AuthenticatorFixture, "the audience must be one of the apiserver's",
                 "[serviceaccount]") {
  TokenRequestClaims claims = PodClaims();
  claims.audiences = {"vault", "other"};
  std::string token = Token(claims);
  CHECK(Refusal(token) ==
        "token audiences [\"vault\" \"other\"] is invalid for the target audiences "
        "[\"https://kubernetes.default.svc.cluster.local\"]");

  // A TokenReview may ask for other audiences.
  std::vector<std::string> requested = {"other"};
  absl::StatusOr<std::optional<TokenAuthentication>> reviewed =
      Authenticator().AuthenticateForAudiences(token, &requested, kIssued);
  REQUIRE(reviewed.ok());
  REQUIRE(reviewed->has_value());
  CHECK((*reviewed)->audiences == std::vector<std::string>{"other"});

  // Without --api-audiences any audience goes.
  config.api_audiences.clear();
  CHECK(Accepted(token));
}

TEST_CASE_METHOD(AuthenticatorFixture, "a deleted pod invalidates its tokens", "[serviceaccount]") {
  std::string token = Token(PodClaims());
  lookup.pods["default/web-0"].deletion_timestamp = kIssued + absl::Seconds(30);
  CHECK(Accepted(token, kIssued));  // still terminating
  CHECK(Accepted(token, kIssued + absl::Seconds(90)));  // within the minute of leeway
  CHECK(Refusal(token, kIssued + absl::Seconds(91)) ==
        "service account token has been invalidated");
  lookup.pods.erase("default/web-0");
  CHECK(Refusal(token) == "service account token has been invalidated");
}

TEST_CASE_METHOD(AuthenticatorFixture, "a recreated pod or service account is a different one",
                 "[serviceaccount]") {
  std::string token = Token(PodClaims());
  lookup.pods["default/web-0"].uid = "pod-uid-2";
  CHECK(Refusal(token) ==
        "pod UID (pod-uid-2) does not match service account pod ref claim (pod-uid)");
  lookup.pods["default/web-0"].uid = "pod-uid";
  lookup.service_accounts["default/builder"].uid = "sa-uid-2";
  CHECK(Refusal(token) == "service account UID (sa-uid-2) does not match claim (sa-uid)");
  lookup.service_accounts["default/builder"].uid = "sa-uid";
  lookup.service_accounts["default/builder"].deletion_timestamp = kIssued - absl::Minutes(2);
  CHECK(Refusal(token) == "service account default/builder has been deleted");
  lookup.service_accounts.erase("default/builder");
  CHECK(Refusal(token) == "serviceaccounts \"builder\" not found");
}

TEST_CASE_METHOD(AuthenticatorFixture, "the node of a pod-bound token is reported, not checked",
                 "[serviceaccount]") {
  lookup.nodes.clear();
  CHECK(Accepted(Token(PodClaims())));
}

TEST_CASE_METHOD(AuthenticatorFixture, "secret- and node-bound tokens need their object",
                 "[serviceaccount]") {
  TokenRequestClaims secret_bound = PodClaims();
  secret_bound.pod.reset();
  secret_bound.node.reset();
  secret_bound.secret = BoundObject{"build-secret", "secret-uid"};
  std::string secret_token = Token(secret_bound);
  CHECK(Accepted(secret_token));
  lookup.secrets["default/build-secret"].uid = "other";
  CHECK(Refusal(secret_token) ==
        "secret UID (other) does not match service account secret ref claim (secret-uid)");
  lookup.secrets.clear();
  CHECK(Refusal(secret_token) == "service account token has been invalidated");

  TokenRequestClaims node_bound = PodClaims();
  node_bound.pod.reset();
  std::string node_token = Token(node_bound);
  absl::StatusOr<std::optional<auth::UserInfo>> user =
      Authenticator().Authenticate(node_token, kIssued, nullptr);
  REQUIRE(user.ok());
  REQUIRE(user->has_value());
  CHECK((*user)->extra.at("authentication.kubernetes.io/node-uid") ==
        std::vector<std::string>{"node-uid"});
  CHECK((*user)->extra.count("authentication.kubernetes.io/pod-name") == 0);
  lookup.nodes["node-a"].uid = "node-uid-2";
  CHECK(Refusal(node_token) ==
        "node UID (node-uid-2) does not match service account node ref claim (node-uid)");
  lookup.nodes.clear();
  CHECK(Refusal(node_token) == "service account token has been invalidated");
}

TEST_CASE_METHOD(AuthenticatorFixture, "a failing lookup refuses the token", "[serviceaccount]") {
  lookup.failure = absl::UnavailableError("watch cache not ready");
  CHECK(Refusal(Token(PodClaims())) == "watch cache not ready");
}

TEST_CASE_METHOD(AuthenticatorFixture, "stale extended tokens are annotated for audit",
                 "[serviceaccount]") {
  TokenRequestClaims claims = PodClaims();
  claims.expiration = absl::Hours(24 * 365);
  claims.warn_after = kIssued + absl::Seconds(3607);
  std::string token = Token(claims);
  absl::StatusOr<std::optional<TokenAuthentication>> fresh =
      Authenticator().AuthenticateForAudiences(token, nullptr, kIssued + absl::Seconds(3607));
  REQUIRE(fresh.ok());
  REQUIRE(fresh->has_value());
  CHECK((*fresh)->audit_annotations.empty());
  absl::StatusOr<std::optional<TokenAuthentication>> stale =
      Authenticator().AuthenticateForAudiences(token, nullptr, kIssued + absl::Seconds(4000));
  REQUIRE(stale.ok());
  REQUIRE(stale->has_value());
  CHECK((*stale)->audit_annotations ==
        std::vector<std::pair<std::string, std::string>>{
            {"authentication.k8s.io/stale-token",
             "subject: system:serviceaccount:default:builder, seconds after warning threshold: "
             "393"}});
}

TEST_CASE_METHOD(AuthenticatorFixture, "legacy secret tokens live as long as their secret",
                 "[serviceaccount]") {
  std::string token = LegacyToken();
  lookup.secrets["default/builder-token"] = LiveTokenSecret("s", token);
  absl::StatusOr<std::optional<TokenAuthentication>> result =
      Authenticator().AuthenticateForAudiences(token, nullptr, kIssued + absl::Hours(24 * 3650));
  REQUIRE(result.ok());
  REQUIRE(result->has_value());
  CHECK((*result)->user.name == "system:serviceaccount:default:builder");
  CHECK((*result)->user.uid == "sa-uid");
  CHECK((*result)->user.extra.empty());
  CHECK((*result)->audiences == std::vector<std::string>{kIssuerUrl});
  CHECK((*result)->audit_annotations ==
        std::vector<std::pair<std::string, std::string>>{
            {"authentication.k8s.io/legacy-token", "system:serviceaccount:default:builder"}});

  lookup.secrets["default/builder-token"].token = "another";
  CHECK(Refusal(token) == "Token does not match server's copy");
  lookup.secrets["default/builder-token"].token = token;
  lookup.secrets["default/builder-token"].legacy_token_invalid_since = "2024-01-01";
  CHECK(Refusal(token).find("has been marked invalid") != std::string::npos);
  lookup.secrets["default/builder-token"].legacy_token_invalid_since.clear();
  lookup.service_accounts["default/builder"].uid = "sa-uid-2";
  CHECK(Refusal(token) == "ServiceAccount UID (sa-uid-2) does not match claim (sa-uid)");
  lookup.secrets.clear();
  CHECK(Refusal(token) == "Token has been invalidated");

  // --service-account-lookup=false trusts the signature alone.
  config.legacy_lookup = false;
  CHECK(Accepted(token));
}

TEST_CASE_METHOD(AuthenticatorFixture, "legacy tokens must agree with their subject",
                 "[serviceaccount]") {
  std::string payload = EncodeLegacyClaims({"default", "builder", "sa-uid", "builder-token"});
  payload.replace(payload.find("system:serviceaccount:default:builder"),
                  std::string("system:serviceaccount:default:builder").size(),
                  "system:serviceaccount:default:admin");
  std::string token = *SignCompactJws(SharedRsaKey(), payload);
  CHECK(Refusal(token) == "sub claim is invalid");
  CHECK(Refusal(*SignCompactJws(SharedRsaKey(), R"({"iss":"kubernetes/serviceaccount"})")) ==
        "sub claim is missing");
}

}  // namespace
}  // namespace kube::serviceaccount

namespace kube::serviceaccount {
namespace {

TEST_CASE_METHOD(AuthenticatorFixture, "one authenticator serves many threads at once",
                 "[serviceaccount]") {
  TokenGenerator generator(kIssuerUrl, CopyOf(SharedEcKey()));
  TokenAuthenticator authenticator = Authenticator();
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        absl::StatusOr<std::string> token = generator.Generate(PodClaims());
        if (!token.ok()) continue;
        absl::StatusOr<std::optional<auth::UserInfo>> user =
            authenticator.Authenticate(*token, kIssued, nullptr);
        if (user.ok() && user->has_value()) ++accepted;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(accepted == 100);
}

}  // namespace
}  // namespace kube::serviceaccount

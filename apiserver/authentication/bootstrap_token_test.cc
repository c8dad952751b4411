#include <catch2/catch.hpp>

#include "apiserver/authentication/bootstrap_token.h"

namespace kube::apiserver::authentication {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1800000000);  // 2027-01-15

k8s::core::v1::Secret TokenSecret() {
  k8s::core::v1::Secret secret;
  secret.mutable_metadata()->set_name("bootstrap-token-abcdef");
  secret.mutable_metadata()->set_namespace_("kube-system");
  secret.set_type("bootstrap.kubernetes.io/token");
  auto& data = *secret.mutable_data();
  data["token-id"] = "abcdef";
  data["token-secret"] = "0123456789abcdef";
  data["usage-bootstrap-authentication"] = "true";
  data["expiration"] = "2027-01-16T00:00:00Z";
  data["auth-extra-groups"] = "system:bootstrappers:kubeadm:default-node-token";
  return secret;
}

BootstrapTokenAuthenticator With(const k8s::core::v1::Secret& secret) {
  auto shared = std::make_shared<const k8s::core::v1::Secret>(secret);
  return BootstrapTokenAuthenticator(
      [shared](const std::string& name)
          -> absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>> {
        if (name != shared->metadata().name()) return nullptr;
        return shared;
      },
      [] { return kNow; });
}

TEST_CASE("bootstrap tokens: a good token is its bootstrapper, with its extra groups") {
  auto authenticator = With(TokenSecret());
  auto user = authenticator.AuthenticateToken("abcdef.0123456789abcdef");
  REQUIRE(user.ok());
  REQUIRE(user->has_value());
  CHECK((*user)->name == "system:bootstrap:abcdef");
  CHECK((*user)->groups == std::vector<std::string>{
                               "system:bootstrappers",
                               "system:bootstrappers:kubeadm:default-node-token"});
  // Not bootstrap tokens at all: left to the other authenticators.
  for (const char* other : {"eyJhbGciOi.x.y", "abcdef0123456789abcdef", "ABCDEF.0123456789abcdef",
                            "abcdef.0123456789abcde"}) {
    auto result = authenticator.AuthenticateToken(other);
    REQUIRE(result.ok());
    CHECK_FALSE(result->has_value());
  }
}

TEST_CASE("bootstrap tokens: wrong, unknown, expired, unusable or badly grouped tokens are "
          "refused") {
  auto refused = [](const k8s::core::v1::Secret& secret, const std::string& token) {
    auto result = With(secret).AuthenticateToken(token);
    return absl::IsUnauthenticated(result.status());
  };
  CHECK(refused(TokenSecret(), "abcdef.0000000000000000"));
  CHECK(refused(TokenSecret(), "zzzzzz.0123456789abcdef"));
  auto expired = TokenSecret();
  (*expired.mutable_data())["expiration"] = "2027-01-14T00:00:00Z";
  CHECK(refused(expired, "abcdef.0123456789abcdef"));
  auto unusable = TokenSecret();
  unusable.mutable_data()->erase("usage-bootstrap-authentication");
  CHECK(refused(unusable, "abcdef.0123456789abcdef"));
  auto wrong_type = TokenSecret();
  wrong_type.set_type("Opaque");
  CHECK(refused(wrong_type, "abcdef.0123456789abcdef"));
  auto escalating = TokenSecret();
  (*escalating.mutable_data())["auth-extra-groups"] = "system:masters";
  CHECK(refused(escalating, "abcdef.0123456789abcdef"));
  auto deleting = TokenSecret();
  deleting.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(1);
  CHECK(refused(deleting, "abcdef.0123456789abcdef"));
}

}  // namespace
}  // namespace kube::apiserver::authentication

#include "common/auth/delegating/delegating_authenticator.h"

#include <catch2/catch.hpp>

#include "common/auth/delegating/fake_review_transport.h"
#include "common/auth/delegating/token_review_authenticator.h"
#include "common/auth/x509_authenticator.h"
#include "common/tls/testing_pki.h"

namespace kube::auth {
namespace {

using k8s::authentication::v1::TokenReviewStatus;

// An authenticator of certificates from `ca` and of the one token "good".
DelegatingAuthenticator CertificateAndTokenAuthenticator(const tls::testing::TestCa& ca,
                                                         bool anonymous = true) {
  auto verifier = tls::ClientCertificateVerifier::FromPem(ca.pem);
  REQUIRE(verifier.ok());
  auto transport = std::make_shared<testing::FakeReviewTransport>(
      [](const k8s::authentication::v1::TokenReviewSpec& spec) -> absl::StatusOr<TokenReviewStatus> {
        TokenReviewStatus status;
        if (spec.token() == "good") {
          status.set_authenticated(true);
          status.mutable_user()->set_username("alice");
        }
        return status;
      },
      [](const auto&) -> absl::StatusOr<k8s::authorization::v1::SubjectAccessReviewStatus> {
        return absl::UnimplementedError("no access reviews here");
      });
  std::vector<std::unique_ptr<Authenticator>> authenticators;
  authenticators.push_back(std::make_unique<X509Authenticator>(std::move(*verifier)));
  authenticators.push_back(
      std::make_unique<TokenReviewAuthenticator>(transport, absl::Seconds(10)));
  return DelegatingAuthenticator(std::move(authenticators), anonymous);
}

}  // namespace

TEST_CASE("a client certificate of the CA is its CN in its Os, authenticated", "[auth]") {
  tls::testing::TestCa ca = tls::testing::MakeCa();
  DelegatingAuthenticator authenticator = CertificateAndTokenAuthenticator(ca);
  tls::testing::TestKeyPair admin = tls::testing::ClientPair(ca, "admin", {"system:masters"});
  absl::StatusOr<UserInfo> user = authenticator.Authenticate({.peer_chain = {admin.certificate.get()}});
  REQUIRE(user.ok());
  CHECK(user->name == "admin");
  CHECK(user->groups == std::vector<std::string>{"system:masters", "system:authenticated"});
  CHECK(user->extra.count("authentication.kubernetes.io/credential-id") == 1);
}

TEST_CASE("a certificate of another CA is 401, even with a good token", "[auth]") {
  tls::testing::TestCa ca = tls::testing::MakeCa();
  tls::testing::TestCa other = tls::testing::MakeCa("other-ca");
  DelegatingAuthenticator authenticator = CertificateAndTokenAuthenticator(ca);
  tls::testing::TestKeyPair stranger = tls::testing::ClientPair(other, "mallory");
  absl::StatusOr<UserInfo> user =
      authenticator.Authenticate({.peer_chain = {stranger.certificate.get()}});
  REQUIRE_FALSE(user.ok());
  CHECK(user.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK_THAT(std::string(user.status().message()),
             Catch::Contains("x509: certificate signed by unknown authority"));
  // Upstream's union: the token still authenticates the request.
  user = authenticator.Authenticate(
      {.peer_chain = {stranger.certificate.get()}, .authorization = "Bearer good"});
  REQUIRE(user.ok());
  CHECK(user->name == "alice");
}

TEST_CASE("a good token is its user; a bad one is 401, never anonymous", "[auth]") {
  tls::testing::TestCa ca = tls::testing::MakeCa();
  DelegatingAuthenticator authenticator = CertificateAndTokenAuthenticator(ca);
  absl::StatusOr<UserInfo> user = authenticator.Authenticate({.authorization = "Bearer good"});
  REQUIRE(user.ok());
  CHECK(user->name == "alice");
  CHECK(user->groups == std::vector<std::string>{"system:authenticated"});
  user = authenticator.Authenticate({.authorization = "Bearer junk"});
  REQUIRE_FALSE(user.ok());
  CHECK(user.status().code() == absl::StatusCode::kUnauthenticated);
}

TEST_CASE("no credential is system:anonymous, unless anonymous requests are off", "[auth]") {
  tls::testing::TestCa ca = tls::testing::MakeCa();
  absl::StatusOr<UserInfo> user = CertificateAndTokenAuthenticator(ca).Authenticate({});
  REQUIRE(user.ok());
  CHECK(user->name == "system:anonymous");
  CHECK(user->groups == std::vector<std::string>{"system:unauthenticated"});
  user = CertificateAndTokenAuthenticator(ca, /*anonymous=*/false).Authenticate({});
  CHECK(user.status().code() == absl::StatusCode::kUnauthenticated);
}

TEST_CASE("the delegating authenticator names an unusable --client-ca-file", "[auth]") {
  DelegatingAuthenticationOptions options;
  options.client_ca_file = "/nonexistent/ca.crt";
  auto authenticator = DelegatingAuthenticator::Create(options, nullptr);
  REQUIRE_FALSE(authenticator.ok());
  CHECK_THAT(std::string(authenticator.status().message()),
             Catch::StartsWith("--client-ca-file: "));
}

}  // namespace kube::auth

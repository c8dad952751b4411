#include "common/health/health_server.h"

#include <httplib.h>

#include <catch2/catch.hpp>

#include "common/auth/delegating/fake_review_transport.h"
#include "common/health/secure_health_server.h"
#include "common/health/serving_credentials.h"
#include "common/auth/delegating/token_review_authenticator.h"
#include "common/auth/x509_authenticator.h"
#include "common/tls/pem.h"
#include "common/tls/testing_pki.h"

namespace kube::health {
namespace {

using k8s::authentication::v1::TokenReviewSpec;
using k8s::authentication::v1::TokenReviewStatus;
using k8s::authorization::v1::SubjectAccessReviewSpec;
using k8s::authorization::v1::SubjectAccessReviewStatus;

// An apiserver that knows the token "sa-token" (a ServiceAccount allowed /metrics)
// and allows the user "prometheus" /metrics too.
std::shared_ptr<auth::testing::FakeReviewTransport> MonitoringApiServer() {
  return std::make_shared<auth::testing::FakeReviewTransport>(
      [](const TokenReviewSpec& spec) -> absl::StatusOr<TokenReviewStatus> {
        TokenReviewStatus status;
        if (spec.token() == "sa-token") {
          status.set_authenticated(true);
          status.mutable_user()->set_username("system:serviceaccount:monitoring:scraper");
        }
        return status;
      },
      [](const SubjectAccessReviewSpec& spec) -> absl::StatusOr<SubjectAccessReviewStatus> {
        SubjectAccessReviewStatus status;
        const bool monitor = spec.user() == "prometheus" ||
                             spec.user() == "system:serviceaccount:monitoring:scraper";
        status.set_allowed(monitor && spec.nonresourceattributes().path() == "/metrics" &&
                           spec.nonresourceattributes().verb() == "get");
        return status;
      });
}

// A secure health server on a free loopback port, with certificates from `ca`.
struct SecureHealthFixture {
  tls::testing::TestCa ca = tls::testing::MakeCa();
  std::shared_ptr<auth::testing::FakeReviewTransport> apiserver = MonitoringApiServer();
  std::unique_ptr<HealthServer> server;

  SecureHealthFixture() {
    tls::testing::TestKeyPair serving = tls::testing::ServerPair(ca);
    // What DelegatingAuthenticator::Create makes of --client-ca-file, from the PEM.
    auto verifier = tls::ClientCertificateVerifier::FromPem(ca.pem);
    REQUIRE(verifier.ok());
    std::vector<std::unique_ptr<auth::Authenticator>> authenticators;
    authenticators.push_back(std::make_unique<auth::X509Authenticator>(std::move(*verifier)));
    authenticators.push_back(
        std::make_unique<auth::TokenReviewAuthenticator>(apiserver, absl::Seconds(10)));
    auto authorizer = auth::DelegatingAuthorizer::Create({}, apiserver);
    REQUIRE(authorizer.ok());
    server = std::make_unique<HealthServer>(
        HealthChecks{[] { return true; }, [] { return std::string("up 1\n"); }},
        tls::testing::ServerContext(serving, ca.pem),
        std::make_unique<auth::HttpGuard>(
            std::make_unique<auth::DelegatingAuthenticator>(std::move(authenticators), true),
            std::move(*authorizer)));
    REQUIRE(server->Start("127.0.0.1", 0).ok());
  }

  // A client that trusts the CA, presenting `identity` when given.
  std::unique_ptr<httplib::SSLClient> Client(const tls::testing::TestKeyPair* identity = nullptr) {
    std::unique_ptr<httplib::SSLClient> client;
    if (identity != nullptr) {
      auto key = tls::ParsePrivateKey(identity->key_pem);
      REQUIRE(key.ok());
      client = std::make_unique<httplib::SSLClient>("127.0.0.1", server->port(),
                                                    identity->certificate.get(), key->get());
    } else {
      client = std::make_unique<httplib::SSLClient>("127.0.0.1", server->port());
    }
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, ca.certificate.get());
    client->set_ca_cert_store(store);  // takes it
    client->enable_server_certificate_verification(true);
    return client;
  }
};

int StatusOf(httplib::Result result) { return result ? result->status : 0; }

}  // namespace

TEST_CASE("secure health port: anonymous reaches health, not metrics", "[health]") {
  SecureHealthFixture fixture;
  auto client = fixture.Client();
  for (const char* path : {"/healthz", "/livez", "/readyz"}) {
    INFO(path);
    auto result = client->Get(path);
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->body == "ok");
  }
  auto metrics = client->Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 403);
  CHECK_THAT(metrics->body, Catch::Contains(
      R"("message":"forbidden: User \"system:anonymous\" cannot get path \"/metrics\"")"));
  CHECK_THAT(metrics->body, Catch::Contains(R"("reason":"Forbidden")"));
  // Unknown paths are authorized first, as upstream's.
  CHECK(StatusOf(client->Get("/nonexistent")) == 403);
}

TEST_CASE("secure health port: a junk token is 401, a reviewed one reads metrics", "[health]") {
  SecureHealthFixture fixture;
  auto junk = fixture.Client();
  junk->set_bearer_token_auth("junk");
  auto refused = junk->Get("/healthz");
  REQUIRE(refused);
  CHECK(refused->status == 401);
  CHECK_THAT(refused->body, Catch::Contains(R"("reason":"Unauthorized")"));

  auto scraper = fixture.Client();
  scraper->set_bearer_token_auth("sa-token");
  for (int i = 0; i < 3; ++i) {
    auto result = scraper->Get("/metrics");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->body == "up 1\n");
  }
  // Answers are kept: one review of each kind for the token, and one for junk.
  CHECK(fixture.apiserver->token_reviews() == 2);
  CHECK(fixture.apiserver->access_reviews() == 1);
}

TEST_CASE("secure health port: client certificates, by CA and by group", "[health]") {
  SecureHealthFixture fixture;
  tls::testing::TestKeyPair admin = tls::testing::ClientPair(fixture.ca, "admin", {"system:masters"});
  tls::testing::TestKeyPair prometheus = tls::testing::ClientPair(fixture.ca, "prometheus");
  tls::testing::TestKeyPair bob = tls::testing::ClientPair(fixture.ca, "bob");
  tls::testing::TestCa other = tls::testing::MakeCa("other-ca");
  tls::testing::TestKeyPair stranger = tls::testing::ClientPair(other, "admin", {"system:masters"});

  CHECK(StatusOf(fixture.Client(&admin)->Get("/metrics")) == 200);
  CHECK(fixture.apiserver->access_reviews() == 0);  // system:masters needs no review
  CHECK(StatusOf(fixture.Client(&prometheus)->Get("/metrics")) == 200);
  auto forbidden = fixture.Client(&bob)->Get("/metrics");
  REQUIRE(forbidden);
  CHECK(forbidden->status == 403);
  CHECK_THAT(forbidden->body, Catch::Contains(R"(User \"bob\" cannot get path \"/metrics\")"));
  CHECK(StatusOf(fixture.Client(&stranger)->Get("/healthz")) == 401);
}

TEST_CASE("secure health port: a self-signed certificate without --tls-cert-file", "[health]") {
  SecureServingOptions options;
  options.bind_address = "127.0.0.1";
  auto server = NewSecureHealthServer(HealthChecks{}, options, MonitoringApiServer());
  REQUIRE(server.ok());
  REQUIRE((*server)->Start("127.0.0.1", 0).ok());
  httplib::SSLClient client("127.0.0.1", (*server)->port());
  client.enable_server_certificate_verification(false);
  CHECK(StatusOf(client.Get("/healthz")) == 200);
  CHECK(StatusOf(client.Get("/metrics")) == 403);

  auto credentials = SelfSignedServingCredentials({"localhost"}, {"127.0.0.1"});
  REQUIRE(credentials.ok());
  auto certificates = tls::ParseCertificates(credentials->cert_chain);
  REQUIRE(certificates.ok());
  REQUIRE(certificates->size() == 1);
  X509* certificate = (*certificates)[0].get();
  CHECK(X509_check_host(certificate, "localhost", 0, 0, nullptr) == 1);
  CHECK(X509_check_ip_asc(certificate, "127.0.0.1", 0) == 1);
  CHECK(X509_check_issued(certificate, certificate) == X509_V_OK);  // self-signed
}

TEST_CASE("secure serving options are checked by flag name", "[health]") {
  SecureServingOptions options;
  options.tls_cert_file = "/some/cert.pem";
  CHECK(ValidateSecureServing(options).message() ==
        "--tls-cert-file and --tls-private-key-file must be given together");
  options = {};
  options.secure_port = 70000;
  CHECK_FALSE(ValidateSecureServing(options).ok());
  options = {};
  options.authorization.always_allow_paths = {"/x*y"};
  CHECK_THAT(std::string(ValidateSecureServing(options).message()),
             Catch::StartsWith("--authorization-always-allow-paths"));
  options = {};
  options.authentication.client_ca_file = "/nonexistent/ca.crt";
  auto server = NewSecureHealthServer(HealthChecks{}, options, nullptr);
  REQUIRE_FALSE(server.ok());
  CHECK_THAT(std::string(server.status().message()), Catch::StartsWith("--client-ca-file: "));
}

TEST_CASE("plain health port: no authentication", "[health]") {
  HealthServer server(HealthChecks{[] { return false; }, [] { return std::string("m 1\n"); }});
  REQUIRE(server.Start("127.0.0.1", 0).ok());
  httplib::Client client("127.0.0.1", server.port());
  CHECK(StatusOf(client.Get("/healthz")) == 200);
  CHECK(StatusOf(client.Get("/readyz")) == 503);
  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body == "m 1\n");
}

}  // namespace kube::health

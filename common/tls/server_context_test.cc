// NewServerContext from files, as kube-apiserver's --tls-cert-file flags give them.

#include "common/tls/server_context.h"

#include <catch2/catch.hpp>

#include "common/tls/testing_pki.h"
#include "common/tls/x509_names.h"
#include "tests/support/subprocess.h"

namespace kube::tls {
namespace {

TEST_CASE("a server context from files serves the whole chain in the cert file") {
  kube::testing::TempDir dir;
  auto root = testing::MakeCa("root");
  pki::CertificateSpec intermediate_spec;
  intermediate_spec.common_name = "serving-intermediate";
  intermediate_spec.is_ca = true;
  auto intermediate_pair = testing::Issue(root, intermediate_spec);
  auto intermediate_key = ParsePrivateKey(intermediate_pair.key_pem);
  REQUIRE(intermediate_key.ok());
  testing::TestCa intermediate{std::move(intermediate_pair.certificate),
                               std::move(*intermediate_key), intermediate_pair.cert_pem};
  auto serving = testing::ServerPair(intermediate);

  ServerTlsOptions options;
  options.cert_file = dir.path() + "/apiserver.crt";
  options.key_file = dir.path() + "/apiserver.key";
  options.client_ca_file = dir.path() + "/ca.crt";
  kube::testing::WriteFile(options.cert_file, serving.cert_pem + intermediate.pem);
  kube::testing::WriteFile(options.key_file, serving.key_pem);
  kube::testing::WriteFile(options.client_ca_file, root.pem);

  auto server_ctx = NewServerContext(options);
  REQUIRE(server_ctx.ok());
  auto client_ctx = testing::ClientContext(root.pem);  // trusts the root only
  auto result = testing::Handshake(server_ctx->get(), client_ctx.get());
  REQUIRE(result.client.ok());
  std::vector<X509*> chain = (*result.client)->PeerChain();
  REQUIRE(chain.size() == 2);
  CHECK(SubjectCommonName(chain[0]) == "kube-apiserver");
  CHECK(SubjectCommonName(chain[1]) == "serving-intermediate");
}

TEST_CASE("server context file errors name the file") {
  kube::testing::TempDir dir;
  ServerTlsOptions options;
  options.cert_file = dir.path() + "/missing.crt";
  options.key_file = dir.path() + "/missing.key";
  auto missing = NewServerContext(options);
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK_THAT(std::string(missing.status().message()), Catch::Contains(options.cert_file));

  auto ca = testing::MakeCa();
  auto pair = testing::ServerPair(ca);
  kube::testing::WriteFile(options.cert_file, pair.cert_pem);
  kube::testing::WriteFile(options.key_file, "not a key");
  auto bad_key = NewServerContext(options);
  CHECK(bad_key.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(bad_key.status().message()),
             Catch::Contains(options.key_file) && Catch::Contains("no PEM-encoded private key found"));

  CHECK(NewServerContext(ServerTlsOptions{}).status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kube::tls

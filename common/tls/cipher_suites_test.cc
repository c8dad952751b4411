// Go's cipher-suite and version names, and what a server made with them agrees to.

#include "common/tls/cipher_suites.h"

#include <catch2/catch.hpp>

#include "common/tls/testing_pki.h"

namespace kube::tls {
namespace {

TEST_CASE("Go's TLS 1.2 suite names map to OpenSSL's") {
  auto list = OpenSslCipherList({"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                 "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                 "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                                 "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",  // the same, older name
                                 "TLS_RSA_WITH_AES_128_GCM_SHA256"});
  REQUIRE(list.ok());
  CHECK(*list ==
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:"
        "ECDHE-RSA-CHACHA20-POLY1305:AES128-GCM-SHA256");
}

TEST_CASE("TLS 1.3 names are accepted and left out, unknown names are errors") {
  auto only13 = OpenSslCipherList({"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"});
  REQUIRE(only13.ok());
  CHECK(only13->empty());
  auto mixed = OpenSslCipherList({"TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305"});
  REQUIRE(mixed.ok());
  CHECK(*mixed == "ECDHE-ECDSA-CHACHA20-POLY1305");

  auto unknown = OpenSslCipherList({"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(unknown.status().message() == "Cipher suite ECDHE-RSA-AES128-GCM-SHA256 not supported or doesn't exist");
}

TEST_CASE("the default list is ECDHE with AEAD ciphers only") {
  std::vector<std::string> defaults = DefaultCipherSuites();
  CHECK(defaults.size() == 6);
  for (const std::string& name : defaults) {
    CHECK_THAT(name, Catch::StartsWith("TLS_ECDHE_"));
    CHECK_THAT(name, Catch::Contains("_GCM_") || Catch::Contains("CHACHA20"));
  }
  auto list = OpenSslCipherList(defaults);
  REQUIRE(list.ok());
  SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  CHECK(SSL_CTX_set_cipher_list(ctx.get(), list->c_str()) == 1);
  CHECK(sk_SSL_CIPHER_num(SSL_CTX_get_ciphers(ctx.get())) >= 6);  // + TLS 1.3's
}

TEST_CASE("tls-min-version values") {
  CHECK(*ParseMinVersion("VersionTLS12") == TLS1_2_VERSION);
  CHECK(*ParseMinVersion("VersionTLS13") == TLS1_3_VERSION);
  CHECK(*ParseMinVersion("VersionTLS10") == TLS1_VERSION);
  CHECK(*ParseMinVersion("") == TLS1_2_VERSION);
  CHECK(ParseMinVersion("tls12").status().message() == "unknown tls version \"tls12\"");
}

TEST_CASE("a server agrees only to the configured TLS 1.2 suite") {
  auto ca = testing::MakeCa();
  auto pair = testing::ServerPair(ca);
  auto server_ctx = NewServerContext(
      ServerCredentialsPem{pair.cert_pem, pair.key_pem, ""},
      testing::CipherOptions({"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"}));
  REQUIRE(server_ctx.ok());
  auto client_ctx = testing::ClientContext(ca.pem);
  SSL_CTX_set_max_proto_version(client_ctx.get(), TLS1_2_VERSION);
  auto result = testing::Handshake(server_ctx->get(), client_ctx.get());
  REQUIRE(result.client.ok());
  CHECK(std::string(SSL_get_cipher_name((*result.client)->ssl())) == "ECDHE-ECDSA-AES256-GCM-SHA384");

  // A client without that suite cannot agree on one.
  REQUIRE(SSL_CTX_set_cipher_list(client_ctx.get(), "ECDHE-ECDSA-AES128-GCM-SHA256") == 1);
  CHECK_FALSE(testing::Handshake(server_ctx->get(), client_ctx.get()).client.ok());

  // Only TLS 1.3 names: TLS 1.2 is impossible, TLS 1.3 works (as in Go).
  auto tls13_only = NewServerContext(ServerCredentialsPem{pair.cert_pem, pair.key_pem, ""},
                                     testing::CipherOptions({"TLS_AES_128_GCM_SHA256"}));
  REQUIRE(tls13_only.ok());
  CHECK_FALSE(testing::Handshake(tls13_only->get(), client_ctx.get()).client.ok());
  auto modern = testing::ClientContext(ca.pem);
  CHECK(testing::Handshake(tls13_only->get(), modern.get()).client.ok());
}

}  // namespace
}  // namespace kube::tls

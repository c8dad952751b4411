#include "common/tls/client_context.h"

#include "common/tls/key_pair.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::tls {

absl::StatusOr<SslCtxPtr> NewClientContext(const ClientTlsOptions& options) {
  if (options.cert_pem.empty() != options.key_pem.empty()) {
    return absl::InvalidArgumentError(
        "a client certificate and its key must be given together");
  }
  SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return absl::InternalError(StrCat("SSL_CTX_new: ", OpenSslError()));
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  SSL_CTX_set_options(ctx.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_IGNORE_UNEXPECTED_EOF);
  // Send exactly the configured chain, as Go does, not one OpenSSL builds from
  // the trust store.
  SSL_CTX_set_mode(ctx.get(), SSL_MODE_NO_AUTO_CHAIN);

  if (options.insecure_skip_verify) {
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  } else {
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    if (options.ca_pem.empty()) {
      if (SSL_CTX_set_default_verify_paths(ctx.get()) != 1) {
        return absl::InternalError(StrCat("system CA store: ", OpenSslError()));
      }
    } else {
      absl::StatusOr<std::vector<X509Ptr>> cas = ParseCertificates(options.ca_pem);
      if (!cas.ok()) return absl::InvalidArgumentError(StrCat("CA: ", cas.status().message()));
      X509_STORE* store = SSL_CTX_get_cert_store(ctx.get());  // owned by ctx
      for (const X509Ptr& ca : *cas) {
        if (X509_STORE_add_cert(store, ca.get()) != 1) {
          return absl::InvalidArgumentError(StrCat("CA: ", OpenSslError()));
        }
      }
    }
  }

  if (!options.cert_pem.empty()) {
    if (absl::Status status = UseKeyPair(ctx.get(), options.cert_pem, options.key_pem);
        !status.ok()) {
      return absl::InvalidArgumentError(StrCat("client ", status.message()));
    }
  }

  if (!options.alpn_protocols.empty()) {
    std::string wire;  // each name prefixed by its length
    for (const std::string& protocol : options.alpn_protocols) {
      if (protocol.empty() || protocol.size() > 255) {
        return absl::InvalidArgumentError(StrCat("bad ALPN protocol name \"", protocol, "\""));
      }
      wire.push_back(static_cast<char>(protocol.size()));
      wire += protocol;
    }
    // Unlike most of OpenSSL, 0 means success here.
    if (SSL_CTX_set_alpn_protos(ctx.get(), reinterpret_cast<const unsigned char*>(wire.data()),
                                static_cast<unsigned int>(wire.size())) != 0) {
      return absl::InternalError(StrCat("ALPN: ", OpenSslError()));
    }
  }
  return ctx;
}

}  // namespace kube::tls

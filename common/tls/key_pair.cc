#include "common/tls/key_pair.h"

#include "common/tls/openssl_ptr.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::tls {

absl::Status UseKeyPair(SSL_CTX* ctx, std::string_view cert_chain_pem, std::string_view key_pem) {
  absl::StatusOr<std::vector<X509Ptr>> chain = ParseCertificates(cert_chain_pem);
  if (!chain.ok()) {
    return absl::InvalidArgumentError(StrCat("certificate: ", chain.status().message()));
  }
  absl::StatusOr<EvpPkeyPtr> key = ParsePrivateKey(key_pem);
  if (!key.ok()) return absl::InvalidArgumentError(StrCat("private key: ", key.status().message()));
  if (SSL_CTX_use_certificate(ctx, chain->front().get()) != 1) {
    return absl::InvalidArgumentError(StrCat("certificate: ", OpenSslError()));
  }
  SSL_CTX_clear_chain_certs(ctx);
  for (size_t i = 1; i < chain->size(); ++i) {
    if (SSL_CTX_add1_chain_cert(ctx, (*chain)[i].get()) != 1) {
      return absl::InvalidArgumentError(StrCat("intermediate certificate: ", OpenSslError()));
    }
  }
  if (SSL_CTX_use_PrivateKey(ctx, key->get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    OpenSslError();  // the queue's details add nothing to Go's wording
    return absl::InvalidArgumentError("tls: private key does not match public key");
  }
  return absl::OkStatus();
}

}  // namespace kube::tls

#include "common/tls/server_context.h"

#include <openssl/crypto.h>

#include <cstring>

#include "common/tls/cipher_suites.h"
#include "common/tls/key_pair.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::tls {
namespace {

constexpr unsigned char kHttp11[] = {'h', 't', 't', 'p', '/', '1', '.', '1'};

// Picks "http/1.1" from the client's ALPN list (length-prefixed protocol names).
int SelectHttp11(SSL*, const unsigned char** out, unsigned char* out_length,
                 const unsigned char* offered, unsigned int offered_length, void*) {
  for (unsigned int i = 0; i < offered_length;) {
    unsigned int length = offered[i];
    if (i + 1 + length > offered_length) break;
    if (length == sizeof(kHttp11) && std::memcmp(offered + i + 1, kHttp11, length) == 0) {
      *out = offered + i + 1;
      *out_length = static_cast<unsigned char>(length);
      return SSL_TLSEXT_ERR_OK;
    }
    i += 1 + length;
  }
  return SSL_TLSEXT_ERR_NOACK;
}

// tls.RequestClientCert: whatever the client presents (or not) is accepted here and
// judged per request by ClientCertificateVerifier.
int AcceptAnyClientCertificate(int, X509_STORE_CTX*) { return 1; }

absl::Status RequestClientCertificates(SSL_CTX* ctx, std::string_view client_ca_pem) {
  absl::StatusOr<std::vector<X509Ptr>> cas = ParseCertificates(client_ca_pem);
  if (!cas.ok()) return absl::InvalidArgumentError(StrCat("client CA: ", cas.status().message()));
  STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
  if (names == nullptr) return absl::InternalError(OpenSslError());
  for (const X509Ptr& ca : *cas) {
    X509_NAME* name = X509_NAME_dup(X509_get_subject_name(ca.get()));
    if (name == nullptr || sk_X509_NAME_push(names, name) == 0) {
      X509_NAME_free(name);
      sk_X509_NAME_pop_free(names, X509_NAME_free);
      return absl::InternalError(OpenSslError());
    }
  }
  SSL_CTX_set_client_CA_list(ctx, names);  // takes ownership
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, AcceptAnyClientCertificate);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SslCtxPtr> NewServerContext(const ServerCredentialsPem& credentials,
                                           const ServerTlsOptions& options) {
  absl::StatusOr<int> min_version = ParseMinVersion(options.min_version);
  if (!min_version.ok()) return min_version.status();
  absl::StatusOr<std::string> ciphers = OpenSslCipherList(
      options.cipher_suites.empty() ? DefaultCipherSuites() : options.cipher_suites);
  if (!ciphers.ok()) return ciphers.status();

  SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return absl::InternalError(StrCat("SSL_CTX_new: ", OpenSslError()));
  int version = *min_version;
  if (ciphers->empty()) {
    version = TLS1_3_VERSION;  // no TLS 1.2 suite left: TLS 1.2 could never be agreed
  } else if (SSL_CTX_set_cipher_list(ctx.get(), ciphers->c_str()) != 1) {
    return absl::InvalidArgumentError(
        StrCat("none of the cipher suites is available: ", OpenSslError()));
  }
  SSL_CTX_set_min_proto_version(ctx.get(), version);
  SSL_CTX_set_options(ctx.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET |
                                     SSL_OP_CIPHER_SERVER_PREFERENCE |
                                     SSL_OP_IGNORE_UNEXPECTED_EOF);
  // Send exactly the configured chain, as Go does, not one OpenSSL builds from
  // the trust store.
  SSL_CTX_set_mode(ctx.get(), SSL_MODE_NO_AUTO_CHAIN);
  SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
  SSL_CTX_set_num_tickets(ctx.get(), 0);
  SSL_CTX_set_alpn_select_cb(ctx.get(), SelectHttp11, nullptr);

  if (absl::Status status = UseKeyPair(ctx.get(), credentials.cert_chain, credentials.key);
      !status.ok()) {
    return status;
  }
  if (!credentials.client_ca.empty()) {
    if (absl::Status status = RequestClientCertificates(ctx.get(), credentials.client_ca);
        !status.ok()) {
      return status;
    }
  }
  return ctx;
}

absl::StatusOr<SslCtxPtr> NewServerContext(const ServerTlsOptions& options) {
  if (options.cert_file.empty() || options.key_file.empty()) {
    return absl::InvalidArgumentError("a serving certificate and key file are both required");
  }
  ServerCredentialsPem credentials;
  for (auto [path, target] : {std::pair{&options.cert_file, &credentials.cert_chain},
                              std::pair{&options.key_file, &credentials.key},
                              std::pair{&options.client_ca_file, &credentials.client_ca}}) {
    if (path->empty()) continue;
    absl::StatusOr<std::string> content = ReadFileToString(*path);
    if (!content.ok()) return content.status();
    *target = std::move(*content);
  }
  absl::StatusOr<SslCtxPtr> ctx = NewServerContext(credentials, options);
  OPENSSL_cleanse(credentials.key.data(), credentials.key.size());
  if (!ctx.ok()) {
    std::string files = StrCat("cert ", options.cert_file, ", key ", options.key_file);
    if (!options.client_ca_file.empty()) StrAppend(&files, ", client CA ", options.client_ca_file);
    return absl::Status(ctx.status().code(), StrCat(files, ": ", ctx.status().message()));
  }
  return ctx;
}

}  // namespace kube::tls

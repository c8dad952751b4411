#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/tls/openssl_ptr.h"

namespace kube::tls {

// A TLS server's configuration, as kube-apiserver's serving flags give it.
struct ServerTlsOptions {
  std::string cert_file;  // --tls-cert-file: PEM, the leaf first, then intermediates
  std::string key_file;   // --tls-private-key-file
  // --client-ca-file: when set, client certificates are requested (never required)
  // and these CAs' names are offered to clients to choose a certificate by.
  std::string client_ca_file;
  // --tls-cipher-suites in Go's names; empty means DefaultCipherSuites().
  std::vector<std::string> cipher_suites;
  std::string min_version = "VersionTLS12";  // --tls-min-version
};

// The same credentials as PEM text (e.g. a self-signed certificate made in memory).
struct ServerCredentialsPem {
  std::string cert_chain;  // leaf first
  std::string key;
  std::string client_ca;  // empty: no client certificates requested
};

// A server SSL_CTX with upstream's serving parameters (KA secure_serving.go):
//  - TLS >= min_version (1.2 by default), the given TLS 1.2 suites (an empty TLS
//    1.2 list, e.g. only TLS 1.3 names, leaves only TLS 1.3, as in Go);
//  - ALPN selects "http/1.1" whenever the client offers it (the server speaks
//    HTTP/1.1 only; kubectl offers h2 and http/1.1); a client offering only other
//    protocols gets no ALPN answer rather than a failed handshake;
//  - with a client CA: SSL_VERIFY_PEER with a callback that accepts everything —
//    Go's tls.RequestClientCert — so the handshake never fails over the client's
//    certificate; ClientCertificateVerifier checks it per request;
//  - no renegotiation, no session tickets or session cache (no long-lived ticket
//    key to protect), an EOF without close_notify reads as a clean close (HTTP
//    frames its own messages).
// InvalidArgument for unreadable or mismatched credentials and bad options; file
// errors name the file. The context is immutable once made and may serve
// connections on any number of threads (SSL_new is thread-safe).
absl::StatusOr<SslCtxPtr> NewServerContext(const ServerTlsOptions& options);

// The same from PEM text; the *_file fields of `options` are ignored.
absl::StatusOr<SslCtxPtr> NewServerContext(const ServerCredentialsPem& credentials,
                                           const ServerTlsOptions& options = {});

}  // namespace kube::tls

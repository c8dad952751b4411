#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/tls/openssl_ptr.h"

namespace kube::tls {

// Every "CERTIFICATE" block of `pem`, in order; other blocks (keys, parameters) are
// skipped, as Go's x509.CertPool does. InvalidArgument when a block is malformed or
// there is no certificate at all.
absl::StatusOr<std::vector<X509Ptr>> ParseCertificates(std::string_view pem);

// The first private key of `pem`: "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" or "EC
// PRIVATE KEY"; other blocks are skipped. Encrypted keys are InvalidArgument.
absl::StatusOr<EvpPkeyPtr> ParsePrivateKey(std::string_view pem);

// Every public key found in `pem`, in order: "PUBLIC KEY", "RSA PUBLIC KEY", the key
// of each "CERTIFICATE" and the public half of each private key (as upstream's
// keyutil.ParsePublicKeysPEM reads --service-account-key-file). Other blocks are
// skipped; InvalidArgument when a block is malformed or no key is found. The
// returned keys never hold private material.
absl::StatusOr<std::vector<EvpPkeyPtr>> ParsePublicKeys(std::string_view pem);

// PEM text of a certificate ("CERTIFICATE"), a private key (unencrypted PKCS#8
// "PRIVATE KEY", which Go, Python and OpenSSL all read) and a public key ("PUBLIC
// KEY", SubjectPublicKeyInfo).
absl::StatusOr<std::string> CertificateToPem(X509* certificate);
absl::StatusOr<std::string> PrivateKeyToPem(EVP_PKEY* key);
absl::StatusOr<std::string> PublicKeyToPem(EVP_PKEY* key);

// The whole content of the file at `path`. NotFound / PermissionDenied / Internal
// with a message naming the path ("open /etc/kube/ca.crt: no such file or
// directory", as Go words it).
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

}  // namespace kube::tls

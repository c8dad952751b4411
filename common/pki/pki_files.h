#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/tls/openssl_ptr.h"

namespace kube::pki {

// Replaces `path` with `content`, atomically: a temporary file in the same
// directory, created 0600 (so never readable by others, even briefly), written,
// given `mode`, fsynced and renamed over `path`. Readers see the old file or the
// new one, never a part. Errors name the path.
absl::Status WriteFileAtomically(const std::string& path, std::string_view content, mode_t mode);

// PEM files, written with WriteFileAtomically. Private keys are always 0600.
absl::Status WritePrivateKeyFile(const std::string& path, EVP_PKEY* key);
absl::Status WriteCertificateFile(const std::string& path, X509* certificate, mode_t mode = 0644);
absl::Status WritePublicKeyFile(const std::string& path, EVP_PKEY* key, mode_t mode = 0644);

// The first certificate / the private key of a PEM file. NotFound when the file is
// missing, InvalidArgument when it does not parse; messages name the path.
absl::StatusOr<tls::X509Ptr> ReadCertificateFile(const std::string& path);
absl::StatusOr<tls::EvpPkeyPtr> ReadPrivateKeyFile(const std::string& path);

// Creates `path` (and missing parents) and makes it mode 0700, as CIS 1.1.19-21
// ask of a PKI directory; an existing directory is chmod'ed to 0700.
absl::Status EnsurePrivateDirectory(const std::string& path);

}  // namespace kube::pki

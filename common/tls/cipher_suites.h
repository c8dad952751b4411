#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kube::tls {

// The OpenSSL cipher list (colon-separated, for SSL_CTX_set_cipher_list) of the TLS
// 1.2 suites named as kube-apiserver's --tls-cipher-suites takes them (Go's IANA
// names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, plus the _CHACHA20_POLY1305
// aliases). TLS 1.3 names (TLS_AES_128_GCM_SHA256, ...) are accepted and left out,
// as in Go, where TLS 1.3 suites are not configurable; so the result may be empty.
// An unknown name is InvalidArgument naming it.
absl::StatusOr<std::string> OpenSslCipherList(const std::vector<std::string>& names);

// The strong default (k3s' list, within kube-bench's CIS 1.2.29 allowed set): ECDHE
// with ECDSA or RSA, and AES-GCM or ChaCha20-Poly1305 — in Go's names.
std::vector<std::string> DefaultCipherSuites();

// The protocol version (TLS1_2_VERSION, ...) for a --tls-min-version value:
// "VersionTLS10" .. "VersionTLS13"; empty means TLS 1.2. Anything else is
// InvalidArgument.
absl::StatusOr<int> ParseMinVersion(std::string_view name);

}  // namespace kube::tls

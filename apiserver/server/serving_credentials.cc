#include "apiserver/server/serving_credentials.h"

#include <arpa/inet.h>

#include "absl/strings/numbers.h"
#include "common/util/strings.h"
#include "absl/time/clock.h"
#include "common/pki/certificate_authority.h"
#include "common/pki/keys.h"
#include "common/tls/pem.h"
#include "common/tls/server_context.h"

namespace kube::apiserver {

std::string FirstServiceIp(const std::string& cidr) {
  const size_t slash = cidr.find('/');
  int bits = 0;
  if (slash == std::string::npos || !absl::SimpleAtoi(cidr.substr(slash + 1), &bits)) return "";
  const std::string base = cidr.substr(0, slash);
  in_addr v4{};
  if (inet_pton(AF_INET, base.c_str(), &v4) == 1 && bits >= 0 && bits < 32) {
    uint32_t host = ntohl(v4.s_addr);
    host = (bits == 0 ? 0 : host & (~0u << (32 - bits))) + 1;
    v4.s_addr = htonl(host);
    char text[INET_ADDRSTRLEN];
    return inet_ntop(AF_INET, &v4, text, sizeof(text)) ? text : "";
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, base.c_str(), &v6) == 1 && bits >= 0 && bits < 128) {
    for (int i = bits; i < 128; ++i) v6.s6_addr[i / 8] &= static_cast<uint8_t>(~(0x80 >> (i % 8)));
    v6.s6_addr[15] |= 1;
    char text[INET6_ADDRSTRLEN];
    return inet_ntop(AF_INET6, &v6, text, sizeof(text)) ? text : "";
  }
  return "";
}

absl::StatusOr<ServingCredentials> LoadServingCredentials(const ApiServerOptions& options) {
  ServingCredentials credentials;
  if (!options.client_ca_file.empty()) {
    absl::StatusOr<std::string> ca = tls::ReadFileToString(options.client_ca_file);
    if (!ca.ok()) return absl::InvalidArgumentError(StrCat("--client-ca-file: ", ca.status().message()));
    credentials.client_ca = std::move(*ca);
  }
  if (options.tls_cert_file.empty() != options.tls_private_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert-file and --tls-private-key-file must be given together");
  }
  if (!options.tls_cert_file.empty()) {
    absl::StatusOr<std::string> cert = tls::ReadFileToString(options.tls_cert_file);
    if (!cert.ok()) return absl::InvalidArgumentError(StrCat("--tls-cert-file: ", cert.status().message()));
    absl::StatusOr<std::string> key = tls::ReadFileToString(options.tls_private_key_file);
    if (!key.ok()) {
      return absl::InvalidArgumentError(
          StrCat("--tls-private-key-file: ", key.status().message()));
    }
    credentials.cert_chain = std::move(*cert);
    credentials.key = std::move(*key);
    return credentials;
  }
  // No certificate given: one of our own, trusted by nobody (clients must be told
  // to skip verification, or be given this certificate).
  absl::StatusOr<tls::EvpPkeyPtr> key = pki::GenerateKey(pki::KeyType::kEcdsaP256);
  if (!key.ok()) return key.status();
  pki::CertificateSpec spec;
  spec.common_name = StrCat("localhost@", absl::ToUnixSeconds(absl::Now()));
  spec.dns_names = {"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                    "kubernetes.default.svc.cluster.local"};
  spec.ip_addresses = {"127.0.0.1"};
  if (std::string service_ip = FirstServiceIp(options.service_cluster_ip_range);
      !service_ip.empty()) {
    spec.ip_addresses.push_back(service_ip);
  }
  if (options.bind_address != "0.0.0.0" && options.bind_address != "::" &&
      options.bind_address != "127.0.0.1") {
    spec.ip_addresses.push_back(options.bind_address);
  }
  spec.server_auth = true;
  absl::StatusOr<tls::X509Ptr> certificate = pki::SelfSignedCa(spec, key->get());
  if (!certificate.ok()) return certificate.status();
  absl::StatusOr<std::string> cert_pem = tls::CertificateToPem(certificate->get());
  if (!cert_pem.ok()) return cert_pem.status();
  absl::StatusOr<std::string> key_pem = tls::PrivateKeyToPem(key->get());
  if (!key_pem.ok()) return key_pem.status();
  credentials.cert_chain = std::move(*cert_pem);
  credentials.key = std::move(*key_pem);
  credentials.self_signed = true;
  return credentials;
}

absl::StatusOr<tls::SslCtxPtr> NewServingTlsContext(const ServingCredentials& credentials,
                                                    const ApiServerOptions& options) {
  tls::ServerTlsOptions tls_options;
  tls_options.cipher_suites = options.tls_cipher_suites;
  tls_options.min_version = options.tls_min_version;
  tls::ServerCredentialsPem pem{credentials.cert_chain, credentials.key, credentials.client_ca};
  return tls::NewServerContext(pem, tls_options);
}

}  // namespace kube::apiserver

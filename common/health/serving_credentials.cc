#include "common/health/serving_credentials.h"

#include "absl/time/clock.h"
#include "common/pki/certificate_authority.h"
#include "common/pki/keys.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::health {

absl::StatusOr<tls::ServerCredentialsPem> SelfSignedServingCredentials(
    const std::vector<std::string>& dns_names, const std::vector<std::string>& ip_addresses) {
  absl::StatusOr<tls::EvpPkeyPtr> key = pki::GenerateKey(pki::KeyType::kEcdsaP256);
  if (!key.ok()) return key.status();
  pki::CertificateSpec spec;
  spec.common_name = StrCat("localhost@", absl::ToUnixSeconds(absl::Now()));
  spec.dns_names = dns_names;
  spec.ip_addresses = ip_addresses;
  spec.server_auth = true;
  absl::StatusOr<tls::X509Ptr> certificate = pki::SelfSignedCa(spec, key->get());
  if (!certificate.ok()) return certificate.status();
  absl::StatusOr<std::string> cert_pem = tls::CertificateToPem(certificate->get());
  if (!cert_pem.ok()) return cert_pem.status();
  absl::StatusOr<std::string> key_pem = tls::PrivateKeyToPem(key->get());
  if (!key_pem.ok()) return key_pem.status();
  tls::ServerCredentialsPem credentials;
  credentials.cert_chain = std::move(*cert_pem);
  credentials.key = std::move(*key_pem);
  return credentials;
}

absl::StatusOr<tls::ServerCredentialsPem> LoadServingCredentials(
    const SecureServingOptions& options) {
  std::string client_ca;
  if (!options.authentication.client_ca_file.empty()) {
    absl::StatusOr<std::string> ca = tls::ReadFileToString(options.authentication.client_ca_file);
    if (!ca.ok()) {
      return absl::InvalidArgumentError(StrCat("--client-ca-file: ", ca.status().message()));
    }
    client_ca = std::move(*ca);
  }
  if (options.tls_cert_file.empty() != options.tls_private_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert-file and --tls-private-key-file must be given together");
  }
  tls::ServerCredentialsPem credentials;
  if (!options.tls_cert_file.empty()) {
    absl::StatusOr<std::string> cert = tls::ReadFileToString(options.tls_cert_file);
    if (!cert.ok()) {
      return absl::InvalidArgumentError(StrCat("--tls-cert-file: ", cert.status().message()));
    }
    absl::StatusOr<std::string> key = tls::ReadFileToString(options.tls_private_key_file);
    if (!key.ok()) {
      return absl::InvalidArgumentError(
          StrCat("--tls-private-key-file: ", key.status().message()));
    }
    credentials.cert_chain = std::move(*cert);
    credentials.key = std::move(*key);
  } else {
    std::vector<std::string> ips = {"127.0.0.1"};
    const std::string& bind = options.bind_address;
    if (!bind.empty() && bind != "0.0.0.0" && bind != "::" && bind != "127.0.0.1") {
      ips.push_back(bind);
    }
    absl::StatusOr<tls::ServerCredentialsPem> made =
        SelfSignedServingCredentials({"localhost"}, ips);
    if (!made.ok()) return made.status();
    credentials = std::move(*made);
  }
  credentials.client_ca = std::move(client_ca);
  return credentials;
}

}  // namespace kube::health

#include "common/pki/certificate_info.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>

#include "common/pki/subject_alt_names.h"
#include "common/tls/x509_names.h"

namespace kube::pki {
namespace {

absl::Time ToAbslTime(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return absl::InfinitePast();
  return absl::FromTM(tm, absl::UTCTimeZone());
}

std::vector<std::string> Sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

void ReadSubjectAltNames(X509* certificate, CertificateInfo& info) {
  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return;
  ReadGeneralNames(names, info.dns_names, info.ip_addresses);
  GENERAL_NAMES_free(names);
}

}  // namespace

CertificateInfo DescribeCertificate(X509* certificate) {
  CertificateInfo info;
  info.common_name = tls::SubjectCommonName(certificate);
  info.organizations = tls::SubjectOrganizations(certificate);
  ReadSubjectAltNames(certificate, info);
  info.is_ca = X509_check_ca(certificate) >= 1;
  // X509_get_extended_key_usage is all ones when the extension is absent ("any"),
  // so ask whether the extension is there first.
  if ((X509_get_extension_flags(certificate) & EXFLAG_XKUSAGE) != 0) {
    uint32_t usages = X509_get_extended_key_usage(certificate);
    info.server_auth = (usages & XKU_SSL_SERVER) != 0;
    info.client_auth = (usages & XKU_SSL_CLIENT) != 0;
  }
  info.not_before = ToAbslTime(X509_get0_notBefore(certificate));
  info.not_after = ToAbslTime(X509_get0_notAfter(certificate));
  return info;
}

bool NeedsRenewal(X509* certificate, absl::Duration before_expiry, absl::Time now) {
  return ToAbslTime(X509_get0_notAfter(certificate)) - before_expiry <= now;
}

bool MatchesSpec(X509* certificate, const CertificateSpec& spec) {
  CertificateInfo info = DescribeCertificate(certificate);
  std::vector<std::string> wanted_ips;
  for (const std::string& ip : spec.ip_addresses) {
    std::optional<std::string> canonical = CanonicalIpAddress(ip);
    if (!canonical) return false;
    wanted_ips.push_back(*canonical);
  }
  return info.common_name == spec.common_name &&
         Sorted(info.organizations) == Sorted(spec.organizations) &&
         Sorted(info.dns_names) == Sorted(spec.dns_names) &&
         Sorted(info.ip_addresses) == Sorted(wanted_ips) && info.is_ca == spec.is_ca &&
         info.server_auth == spec.server_auth && info.client_auth == spec.client_auth;
}

bool IsIssuedBy(X509* certificate, X509* issuer) {
  bool issued = X509_check_issued(issuer, certificate) == X509_V_OK &&
                X509_verify(certificate, X509_get0_pubkey(issuer)) == 1;
  ERR_clear_error();
  return issued;
}

std::string PublicKeyPin(X509* certificate) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(X509_get0_pubkey(certificate), &der);
  if (length <= 0) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  bool ok = EVP_Digest(der, static_cast<size_t>(length), digest, &digest_length, EVP_sha256(),
                       nullptr) == 1;
  OPENSSL_free(der);
  if (!ok) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string pin = "sha256:";
  for (unsigned int i = 0; i < digest_length; ++i) {
    pin.push_back(kHex[digest[i] >> 4]);
    pin.push_back(kHex[digest[i] & 0xf]);
  }
  return pin;
}

}  // namespace kube::pki

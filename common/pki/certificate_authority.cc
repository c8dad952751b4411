#include "common/pki/certificate_authority.h"

#include <algorithm>

#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include "absl/time/clock.h"
#include "common/pki/keys.h"
#include "common/pki/subject_alt_names.h"
#include "common/util/strings.h"

namespace kube::pki {
namespace {

using BignumPtr = std::unique_ptr<BIGNUM, tls::internal::OpenSslDeleter<&BN_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, tls::internal::OpenSslDeleter<&X509_NAME_free>>;
using GeneralNamesPtr =
    std::unique_ptr<GENERAL_NAMES, tls::internal::OpenSslDeleter<&GENERAL_NAMES_free>>;

absl::Status SetRandomSerial(X509* certificate) {
  BignumPtr serial(BN_new());
  if (!serial || BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) {
    return absl::InternalError(StrCat("serial: ", tls::OpenSslError()));
  }
  if (BN_is_zero(serial.get())) BN_one(serial.get());  // serials are positive
  if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) == nullptr) {
    return absl::InternalError(StrCat("serial: ", tls::OpenSslError()));
  }
  return absl::OkStatus();
}

absl::StatusOr<X509NamePtr> SubjectName(const CertificateSpec& spec) {
  X509NamePtr name(X509_NAME_new());
  if (!name) return absl::InternalError(tls::OpenSslError());
  auto add = [&name](int nid, const std::string& value) {
    return X509_NAME_add_entry_by_NID(name.get(), nid, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(value.data()),
                                      static_cast<int>(value.size()), -1, 0) == 1;
  };
  for (const std::string& organization : spec.organizations) {
    if (!add(NID_organizationName, organization)) {
      return absl::InvalidArgumentError(
          StrCat("organization \"", organization, "\": ", tls::OpenSslError()));
    }
  }
  if (!spec.common_name.empty() && !add(NID_commonName, spec.common_name)) {
    return absl::InvalidArgumentError(
        StrCat("common name \"", spec.common_name, "\": ", tls::OpenSslError()));
  }
  return name;
}

absl::Status AddConfiguredExtension(X509* certificate, X509V3_CTX* ctx, int nid,
                                    const std::string& value) {
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str());
  bool ok = extension != nullptr && X509_add_ext(certificate, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  if (!ok) return absl::InternalError(StrCat(OBJ_nid2sn(nid), ": ", tls::OpenSslError()));
  return absl::OkStatus();
}

// subjectAltName from structured names (no config-string parsing of user input).
absl::Status AddSubjectAltNames(X509* certificate, const CertificateSpec& spec) {
  if (spec.dns_names.empty() && spec.ip_addresses.empty()) return absl::OkStatus();
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) return absl::InternalError(tls::OpenSslError());
  auto push = [&names](int type, ASN1_STRING* value) {
    GENERAL_NAME* name = GENERAL_NAME_new();
    if (name == nullptr) {
      ASN1_STRING_free(value);
      return false;
    }
    GENERAL_NAME_set0_value(name, type, value);
    if (sk_GENERAL_NAME_push(names.get(), name) == 0) {
      GENERAL_NAME_free(name);
      return false;
    }
    return true;
  };
  for (const std::string& dns : spec.dns_names) {
    if (!IsDnsName(dns)) return absl::InvalidArgumentError(StrCat("invalid DNS name \"", dns, "\""));
    ASN1_IA5STRING* value = ASN1_IA5STRING_new();
    if (value == nullptr || ASN1_STRING_set(value, dns.data(), static_cast<int>(dns.size())) != 1 ||
        !push(GEN_DNS, value)) {
      return absl::InternalError(StrCat("subjectAltName: ", tls::OpenSslError()));
    }
  }
  for (const std::string& ip : spec.ip_addresses) {
    ASN1_OCTET_STRING* value = a2i_IPADDRESS(ip.c_str());
    if (value == nullptr) {
      tls::OpenSslError();
      return absl::InvalidArgumentError(StrCat("invalid IP address \"", ip, "\""));
    }
    if (!push(GEN_IPADD, value)) {
      return absl::InternalError(StrCat("subjectAltName: ", tls::OpenSslError()));
    }
  }
  // Critical when the subject is empty, as RFC 5280 asks.
  int critical = spec.common_name.empty() && spec.organizations.empty() ? 1 : 0;
  if (X509_add1_ext_i2d(certificate, NID_subject_alt_name, names.get(), critical,
                    X509V3_ADD_DEFAULT) != 1) {
    return absl::InternalError(StrCat("subjectAltName: ", tls::OpenSslError()));
  }
  return absl::OkStatus();
}

absl::Status AddExtensions(X509* certificate, X509* issuer, const CertificateSpec& spec,
                           bool is_ca, EVP_PKEY* subject_key) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, certificate, nullptr, nullptr, 0);
  std::string key_usage = is_ca ? "critical,digitalSignature,keyCertSign,cRLSign"
                          : IsRsaKey(subject_key) ? "critical,digitalSignature,keyEncipherment"
                                                  : "critical,digitalSignature";
  std::string extended;
  if (spec.server_auth) extended = "serverAuth";
  if (spec.client_auth) extended += extended.empty() ? "clientAuth" : ",clientAuth";
  std::pair<int, std::string> configured[] = {
      {NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE"},
      {NID_key_usage, key_usage},
      {NID_ext_key_usage, extended},
      {NID_subject_key_identifier, "hash"},
      // After the subject key identifier: a self-signed CA's authority key id is it.
      {NID_authority_key_identifier, "keyid:always"},
  };
  for (const auto& [nid, value] : configured) {
    if (value.empty()) continue;
    if (absl::Status status = AddConfiguredExtension(certificate, &ctx, nid, value); !status.ok()) {
      return status;
    }
  }
  return AddSubjectAltNames(certificate, spec);
}

// issuer == nullptr: self-signed by `signing_key`, which is also the subject's key.
absl::StatusOr<tls::X509Ptr> Build(const CertificateSpec& spec, bool is_ca, EVP_PKEY* subject_key,
                                   X509* issuer, EVP_PKEY* signing_key) {
  if (spec.validity <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("certificate validity must be positive");
  }
  tls::X509Ptr certificate(X509_new());
  if (!certificate) return absl::InternalError(tls::OpenSslError());
  X509* x = certificate.get();
  if (X509_set_version(x, X509_VERSION_3) != 1) return absl::InternalError(tls::OpenSslError());
  if (absl::Status status = SetRandomSerial(x); !status.ok()) return status;

  const absl::Time now = absl::Now();
  // Backdated for clock skew, by at most a tenth of a short certificate's life so
  // that renewal at a share of its life still comes after it was issued.
  const absl::Duration backdate = std::min(absl::Minutes(5), spec.validity / 10);
  if (ASN1_TIME_set(X509_getm_notBefore(x), absl::ToTimeT(now - backdate)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(x), absl::ToTimeT(now + spec.validity)) == nullptr) {
    return absl::InvalidArgumentError(StrCat("validity: ", tls::OpenSslError()));
  }
  absl::StatusOr<X509NamePtr> subject = SubjectName(spec);
  if (!subject.ok()) return subject.status();
  if (X509_set_subject_name(x, subject->get()) != 1 ||
      X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : subject->get()) != 1 ||
      X509_set_pubkey(x, subject_key) != 1) {
    return absl::InternalError(tls::OpenSslError());
  }
  if (absl::Status status = AddExtensions(x, issuer ? issuer : x, spec, is_ca, subject_key);
      !status.ok()) {
    return status;
  }
  if (X509_sign(x, signing_key, EVP_sha256()) <= 0) {
    return absl::InternalError(StrCat("signing: ", tls::OpenSslError()));
  }
  return certificate;
}

}  // namespace

absl::StatusOr<tls::X509Ptr> SelfSignedCa(const CertificateSpec& spec, EVP_PKEY* key) {
  return Build(spec, /*is_ca=*/true, key, nullptr, key);
}

absl::StatusOr<tls::X509Ptr> IssueCertificate(const CertificateSpec& spec,
                                              EVP_PKEY* subject_public_key, X509* issuer,
                                              EVP_PKEY* issuer_key) {
  if (X509_check_ca(issuer) < 1) {
    return absl::InvalidArgumentError("the issuer is not a CA certificate");
  }
  if (X509_check_private_key(issuer, issuer_key) != 1) {
    tls::OpenSslError();
    return absl::InvalidArgumentError("the issuer key does not match the issuer certificate");
  }
  return Build(spec, spec.is_ca, subject_public_key, issuer, issuer_key);
}

}  // namespace kube::pki

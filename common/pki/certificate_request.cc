#include "common/pki/certificate_request.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "common/pki/subject_alt_names.h"
#include "common/tls/x509_names.h"
#include "common/util/strings.h"

namespace kube::pki {
namespace {

using X509ReqPtr = std::unique_ptr<X509_REQ, tls::internal::OpenSslDeleter<&X509_REQ_free>>;
using ExtensionsPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), void (*)(STACK_OF(X509_EXTENSION)*)>;

void FreeExtensions(STACK_OF(X509_EXTENSION)* extensions) {
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
}

}  // namespace

absl::StatusOr<CertificateRequestInfo> ParseCertificateRequest(std::string_view pem) {
  if (pem.find("-----BEGIN CERTIFICATE REQUEST-----") == std::string_view::npos) {
    return absl::InvalidArgumentError("PEM block type must be CERTIFICATE REQUEST");
  }
  tls::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509ReqPtr request(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!request) {
    return absl::InvalidArgumentError(
        StrCat("cannot parse the certificate request: ", tls::OpenSslError()));
  }
  CertificateRequestInfo info;
  info.public_key.reset(X509_REQ_get_pubkey(request.get()));
  if (!info.public_key || X509_REQ_verify(request.get(), info.public_key.get()) != 1) {
    tls::OpenSslError();
    return absl::InvalidArgumentError(
        "the certificate request's signature does not match its public key");
  }
  const X509_NAME* subject = X509_REQ_get_subject_name(request.get());
  info.common_name = tls::NameCommonName(subject);
  info.organizations = tls::NameOrganizations(subject);
  ExtensionsPtr extensions(X509_REQ_get_extensions(request.get()), FreeExtensions);
  if (extensions) {
    auto* names = static_cast<GENERAL_NAMES*>(
        X509V3_get_d2i(extensions.get(), NID_subject_alt_name, nullptr, nullptr));
    if (names != nullptr) {
      ReadGeneralNames(names, info.dns_names, info.ip_addresses);
      GENERAL_NAMES_free(names);
    }
  }
  return info;
}

absl::StatusOr<std::string> CreateCertificateRequest(const CertificateSpec& spec, EVP_PKEY* key) {
  X509ReqPtr request(X509_REQ_new());
  if (!request) return absl::InternalError(tls::OpenSslError());
  X509_NAME* subject = X509_REQ_get_subject_name(request.get());
  auto add = [subject](int nid, const std::string& value) {
    return X509_NAME_add_entry_by_NID(subject, nid, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(value.data()),
                                      static_cast<int>(value.size()), -1, 0) == 1;
  };
  for (const std::string& organization : spec.organizations) {
    if (!add(NID_organizationName, organization)) return absl::InternalError(tls::OpenSslError());
  }
  if (!spec.common_name.empty() && !add(NID_commonName, spec.common_name)) {
    return absl::InternalError(tls::OpenSslError());
  }
  if (!spec.dns_names.empty() || !spec.ip_addresses.empty()) {
    std::vector<std::string> names;
    for (const std::string& dns : spec.dns_names) {
      if (!IsDnsName(dns)) return absl::InvalidArgumentError(StrCat("invalid DNS name \"", dns, "\""));
      names.push_back("DNS:" + dns);
    }
    for (const std::string& ip : spec.ip_addresses) {
      if (!CanonicalIpAddress(ip)) {
        return absl::InvalidArgumentError(StrCat("invalid IP address \"", ip, "\""));
      }
      names.push_back("IP:" + ip);
    }
    ExtensionsPtr extensions(sk_X509_EXTENSION_new_null(), FreeExtensions);
    X509_EXTENSION* san =
        X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, StrJoin(names, ",").c_str());
    if (san == nullptr || sk_X509_EXTENSION_push(extensions.get(), san) == 0 ||
        X509_REQ_add_extensions(request.get(), extensions.get()) != 1) {
      return absl::InternalError(StrCat("subjectAltName: ", tls::OpenSslError()));
    }
  }
  if (X509_REQ_set_pubkey(request.get(), key) != 1 ||
      X509_REQ_sign(request.get(), key, EVP_sha256()) <= 0) {
    return absl::InternalError(StrCat("signing the request: ", tls::OpenSslError()));
  }
  tls::BioPtr out(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509_REQ(out.get(), request.get()) != 1) {
    return absl::InternalError(tls::OpenSslError());
  }
  char* data = nullptr;
  long length = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

}  // namespace kube::pki

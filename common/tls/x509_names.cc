#include "common/tls/x509_names.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace kube::tls {
namespace {

std::vector<std::string> NameEntries(const X509_NAME* subject, int nid) {
  std::vector<std::string> values;
  for (int i = X509_NAME_get_index_by_NID(subject, nid, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(subject, nid, i)) {
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, i));
    unsigned char* utf8 = nullptr;
    int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0) continue;  // not convertible: such an entry names no one
    values.emplace_back(reinterpret_cast<char*>(utf8), static_cast<size_t>(length));
    OPENSSL_free(utf8);
  }
  return values;
}

std::vector<std::string> SubjectEntries(const X509* certificate, int nid) {
  return NameEntries(X509_get_subject_name(certificate), nid);
}

}  // namespace

std::string NameCommonName(const X509_NAME* name) {
  std::vector<std::string> names = NameEntries(name, NID_commonName);
  return names.empty() ? std::string() : names.front();
}

std::vector<std::string> NameOrganizations(const X509_NAME* name) {
  return NameEntries(name, NID_organizationName);
}

std::string SubjectCommonName(const X509* certificate) {
  std::vector<std::string> names = SubjectEntries(certificate, NID_commonName);
  return names.empty() ? std::string() : names.front();
}

std::vector<std::string> SubjectOrganizations(const X509* certificate) {
  return SubjectEntries(certificate, NID_organizationName);
}

std::string Sha256Hex(const X509* certificate) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

}  // namespace kube::tls

#pragma once

#include <string>
#include <vector>

#include <openssl/x509.h>

namespace kube::tls {

// The subject's first commonName (UTF-8), or empty.
std::string SubjectCommonName(const X509* certificate);
// The same for any X.509 name (a certificate request's subject).
std::string NameCommonName(const X509_NAME* name);
std::vector<std::string> NameOrganizations(const X509_NAME* name);

// The subject's organizationName entries (UTF-8), in order: Kubernetes' groups.
std::vector<std::string> SubjectOrganizations(const X509* certificate);

// Lower-case hex SHA-256 of the certificate's DER (its fingerprint).
std::string Sha256Hex(const X509* certificate);

}  // namespace kube::tls

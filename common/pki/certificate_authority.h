#pragma once

#include "absl/status/statusor.h"
#include "common/pki/certificate_spec.h"
#include "common/tls/openssl_ptr.h"

namespace kube::pki {

// Both functions make X.509 v3 certificates that Go's crypto/x509 (kubectl, client-go)
// and Python's ssl accept: a random 128-bit serial; notBefore five minutes back (clock
// skew between machines; a tenth of a shorter life); notAfter `spec.validity` from
// now; the subject (O entries, then CN, as Go orders them); subjectAltName DNS and IP
// entries; basicConstraints (critical); keyUsage (critical: CAs digitalSignature,
// keyCertSign, cRLSign; leaves digitalSignature, plus keyEncipherment for RSA
// keys); extendedKeyUsage serverAuth/clientAuth as asked; subject and authority key
// identifiers; signed with SHA-256. InvalidArgument for a bad spec (an IP that does
// not parse, a DNS name with characters a name cannot hold, no validity).

// A self-signed CA certificate for `key` (spec.is_ca is implied).
absl::StatusOr<tls::X509Ptr> SelfSignedCa(const CertificateSpec& spec, EVP_PKEY* key);

// A certificate for `subject_public_key` (only its public half is read) signed by
// `issuer` with `issuer_key`, which must be a CA and that CA's key.
absl::StatusOr<tls::X509Ptr> IssueCertificate(const CertificateSpec& spec,
                                              EVP_PKEY* subject_public_key, X509* issuer,
                                              EVP_PKEY* issuer_key);

}  // namespace kube::pki

#include "common/tls/client_certificate.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <ctime>

#include "common/tls/pem.h"
#include "common/tls/x509_names.h"
#include "common/util/strings.h"

namespace kube::tls {
namespace {

// The stack borrows the chain's certificates: freeing it frees none of them.
struct X509StackDeleter {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_free(stack); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;

// Go's time.RFC3339 in UTC, as its x509 errors print times.
std::string GoUtcTime(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

absl::Time Asn1TimeToAbsl(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return absl::InfinitePast();
  return absl::FromTM(tm, absl::UTCTimeZone());
}

// Go's wording of a verification failure, for upstream-looking logs and responses.
absl::Status VerificationFailure(X509_STORE_CTX* ctx, absl::Time now) {
  int error = X509_STORE_CTX_get_error(ctx);
  std::string message;
  switch (error) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
      message = "x509: certificate signed by unknown authority";
      break;
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID: {
      X509* failing = X509_STORE_CTX_get_current_cert(ctx);
      bool expired = error == X509_V_ERR_CERT_HAS_EXPIRED;
      absl::Time bound = Asn1TimeToAbsl(
          expired ? X509_get0_notAfter(failing) : X509_get0_notBefore(failing));
      message = StrCat("x509: certificate has expired or is not yet valid: current time ",
                       GoUtcTime(now), expired ? " is after " : " is before ", GoUtcTime(bound));
      break;
    }
    case X509_V_ERR_INVALID_PURPOSE:
      message = "x509: certificate specifies an incompatible key usage";
      break;
    case X509_V_ERR_INVALID_CA:
      message = "x509: certificate is not authorized to sign other certificates";
      break;
    default:
      message = StrCat("x509: ", X509_verify_cert_error_string(error));
  }
  ERR_clear_error();
  return absl::UnauthenticatedError(message);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ClientCertificateVerifier>> ClientCertificateVerifier::FromPem(
    std::string_view ca_bundle_pem) {
  absl::StatusOr<std::vector<X509Ptr>> cas = ParseCertificates(ca_bundle_pem);
  if (!cas.ok()) return absl::InvalidArgumentError(StrCat("client CA: ", cas.status().message()));
  X509StorePtr store(X509_STORE_new());
  if (!store) return absl::InternalError(OpenSslError());
  for (const X509Ptr& ca : *cas) {
    if (X509_STORE_add_cert(store.get(), ca.get()) != 1) {
      return absl::InvalidArgumentError(StrCat("client CA: ", OpenSslError()));
    }
  }
  // Any certificate of the bundle anchors a chain, as in Go's CertPool.
  X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
  return std::unique_ptr<ClientCertificateVerifier>(new ClientCertificateVerifier(std::move(store)));
}

absl::StatusOr<std::unique_ptr<ClientCertificateVerifier>> ClientCertificateVerifier::FromFile(
    const std::string& path) {
  absl::StatusOr<std::string> pem = ReadFileToString(path);
  if (!pem.ok()) return pem.status();
  auto verifier = FromPem(*pem);
  if (!verifier.ok()) {
    return absl::Status(verifier.status().code(), StrCat(path, ": ", verifier.status().message()));
  }
  return verifier;
}

absl::StatusOr<CertificateIdentity> ClientCertificateVerifier::Verify(
    const std::vector<X509*>& chain) const {
  return VerifyAt(chain, absl::Now());
}

absl::StatusOr<CertificateIdentity> ClientCertificateVerifier::VerifyAt(
    const std::vector<X509*>& chain, absl::Time now) const {
  if (chain.empty() || chain.front() == nullptr) {
    return absl::InvalidArgumentError("no client certificate");
  }
  X509StackPtr intermediates(sk_X509_new_null());
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!intermediates || !ctx) return absl::InternalError(OpenSslError());
  for (size_t i = 1; i < chain.size(); ++i) {
    if (sk_X509_push(intermediates.get(), chain[i]) == 0) return absl::InternalError(OpenSslError());
  }
  if (X509_STORE_CTX_init(ctx.get(), store_.get(), chain.front(), intermediates.get()) != 1 ||
      X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_CLIENT) != 1) {
    return absl::InternalError(StrCat("X509_STORE_CTX_init: ", OpenSslError()));
  }
  X509_STORE_CTX_set_time(ctx.get(), 0, absl::ToTimeT(now));
  if (X509_verify_cert(ctx.get()) != 1) return VerificationFailure(ctx.get(), now);

  CertificateIdentity identity;
  identity.common_name = SubjectCommonName(chain.front());
  identity.organizations = SubjectOrganizations(chain.front());
  identity.sha256_hex = Sha256Hex(chain.front());
  return identity;
}

}  // namespace kube::tls

#pragma once

#include <memory>
#include <string_view>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "absl/status/status.h"

// Owning handles for the OpenSSL objects this folder uses, and the error text of
// OpenSSL's thread-local error queue. Local to the service-account code for now
// (common/tls will offer the same; they will be merged).
namespace kube::serviceaccount {

struct EvpPkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct EvpMdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct OpenSslBytesFree {
  void operator()(unsigned char* p) const { OPENSSL_free(p); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpMdCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, EcdsaSigFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
using OpenSslBytesPtr = std::unique_ptr<unsigned char, OpenSslBytesFree>;

// A status of `code` saying "<what>: <OpenSSL's reasons>", which drains this thread's
// OpenSSL error queue so that later calls start clean.
absl::Status OpenSslError(absl::StatusCode code, std::string_view what);

// Drops whatever this thread's OpenSSL error queue holds (after an expected failure).
void ClearOpenSslErrors();

}  // namespace kube::serviceaccount

#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace kube::tls {

namespace internal {

// Calls OpenSSL's free function for T; lets std::unique_ptr own OpenSSL objects.
template <auto Free>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* object) const {
    Free(object);
  }
};

}  // namespace internal

using SslCtxPtr = std::unique_ptr<SSL_CTX, internal::OpenSslDeleter<&SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, internal::OpenSslDeleter<&SSL_free>>;
using X509Ptr = std::unique_ptr<X509, internal::OpenSslDeleter<&X509_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, internal::OpenSslDeleter<&EVP_PKEY_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, internal::OpenSslDeleter<&X509_STORE_free>>;
using X509StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, internal::OpenSslDeleter<&X509_STORE_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, internal::OpenSslDeleter<&BIO_free_all>>;

// Drains this thread's OpenSSL error queue into one line ("error:...; error:..."),
// or "unknown OpenSSL error" when it is empty. Call right after the failing call:
// the queue is per thread and older entries would otherwise mislead.
std::string OpenSslError();

}  // namespace kube::tls

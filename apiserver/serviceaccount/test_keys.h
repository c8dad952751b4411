#pragma once

// Helpers for this folder's tests only: fresh keys, their PEM forms, a scratch
// directory and the openssl command line.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "apiserver/serviceaccount/openssl_util.h"
#include "apiserver/serviceaccount/service_account_lookup.h"
#include "apiserver/serviceaccount/signing_key.h"

namespace kube::serviceaccount::testing {

inline EvpPkeyPtr GenerateRsaKey(unsigned bits = 2048) {
  return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
}

// curve: "P-256", "P-384", "P-521", "P-224", ...
inline EvpPkeyPtr GenerateEcKey(const char* curve = "P-256") {
  return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
}

inline std::string BioText(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

// "PRIVATE KEY" (PKCS#8), or with traditional = true "RSA PRIVATE KEY" / "EC PRIVATE KEY".
inline std::string PrivateKeyPem(EVP_PKEY* key, bool traditional = false) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (traditional) {
    PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  } else {
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  }
  return BioText(bio.get());
}

// "PUBLIC KEY" (SubjectPublicKeyInfo).
inline std::string PublicKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), key);
  return BioText(bio.get());
}

// "RSA PUBLIC KEY" (PKCS#1).
inline std::string RsaPublicKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  unsigned char* der = nullptr;
  int length = i2d_PublicKey(key, &der);
  PEM_write_bio(bio.get(), "RSA PUBLIC KEY", "", der, length);
  OPENSSL_free(der);
  return BioText(bio.get());
}

// A self-signed "CERTIFICATE" for `key`.
inline std::string CertificatePem(EVP_PKEY* key) {
  X509Ptr certificate(X509_new());
  X509_set_version(certificate.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 3600);
  X509_set_pubkey(certificate.get(), key);
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("sa"), -1, -1, 0);
  X509_set_issuer_name(certificate.get(), name);
  X509_sign(certificate.get(), key, EVP_sha256());
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), certificate.get());
  return BioText(bio.get());
}

inline SigningKey MakeSigningKey(EvpPkeyPtr key) {
  return *SigningKey::FromEvpPkey(std::move(key));
}

// Keys are slow to generate; the tests share one of each kind (never modified).
inline const SigningKey& SharedRsaKey() {
  static const SigningKey* key = new SigningKey(MakeSigningKey(GenerateRsaKey()));
  return *key;
}
inline const SigningKey& SharedEcKey() {
  static const SigningKey* key = new SigningKey(MakeSigningKey(GenerateEcKey("P-256")));
  return *key;
}

// A fresh directory under /tmp, removed with this object.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sa-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string Write(const std::string& name, const std::string& content) const {
    std::string file = (path_ / name).string();
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }
  std::string Read(const std::string& name) const {
    std::ifstream file(path_ / name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs a shell command; returns its exit status and standard output.
inline std::pair<int, std::string> RunCommand(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  std::array<char, 4096> buffer;
  size_t read;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), read);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// An in-memory ServiceAccountLookup.
class FakeLookup : public ServiceAccountLookup {
 public:
  std::map<std::string, ObjectRef> service_accounts;  // "ns/name"
  std::map<std::string, ObjectRef> pods;              // "ns/name"
  std::map<std::string, ObjectRef> secrets;           // "ns/name"
  std::map<std::string, ObjectRef> nodes;             // "name"
  absl::Status failure = absl::OkStatus();            // returned by every lookup when set

  absl::StatusOr<std::optional<ObjectRef>> GetServiceAccount(std::string_view ns,
                                                             std::string_view name) const override {
    return Find(service_accounts, Key(ns, name));
  }
  absl::StatusOr<std::optional<ObjectRef>> GetPod(std::string_view ns,
                                                  std::string_view name) const override {
    return Find(pods, Key(ns, name));
  }
  absl::StatusOr<std::optional<ObjectRef>> GetSecret(std::string_view ns,
                                                     std::string_view name) const override {
    return Find(secrets, Key(ns, name));
  }
  absl::StatusOr<std::optional<ObjectRef>> GetNode(std::string_view name) const override {
    return Find(nodes, std::string(name));
  }

  static std::string Key(std::string_view ns, std::string_view name) {
    return std::string(ns) + "/" + std::string(name);
  }

 private:
  absl::StatusOr<std::optional<ObjectRef>> Find(const std::map<std::string, ObjectRef>& objects,
                                                const std::string& key) const {
    if (!failure.ok()) return failure;
    auto found = objects.find(key);
    if (found == objects.end()) return std::optional<ObjectRef>();
    return std::optional<ObjectRef>(found->second);
  }
};

}  // namespace kube::serviceaccount::testing

namespace kube::serviceaccount::testing {

// Another handle on the same key (OpenSSL reference count), for owners that take one.
inline SigningKey CopyOf(const SigningKey& key) {
  EVP_PKEY_up_ref(key.evp_pkey());
  return *SigningKey::FromEvpPkey(EvpPkeyPtr(key.evp_pkey()));
}

}  // namespace kube::serviceaccount::testing

namespace kube::serviceaccount::testing {

inline ObjectRef LiveObject(std::string uid) {
  ObjectRef object;
  object.uid = std::move(uid);
  return object;
}

inline ObjectRef LivePod(std::string uid, std::string node_name, std::string service_account) {
  ObjectRef pod = LiveObject(std::move(uid));
  pod.node_name = std::move(node_name);
  pod.service_account_name = std::move(service_account);
  return pod;
}

inline ObjectRef LiveTokenSecret(std::string uid, std::string token) {
  ObjectRef secret = LiveObject(std::move(uid));
  secret.token = std::move(token);
  return secret;
}

}  // namespace kube::serviceaccount::testing

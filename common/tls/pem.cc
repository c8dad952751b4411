#include "common/tls/pem.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>

#include "common/util/strings.h"

namespace kube::tls {
namespace {

// One decoded PEM block. The DER may be a private key, so it is wiped on release.
struct PemBlock {
  std::string type;
  std::string headers;
  std::string der;

  PemBlock(std::string t, std::string h, std::string d)
      : type(std::move(t)), headers(std::move(h)), der(std::move(d)) {}
  PemBlock(PemBlock&&) = default;
  PemBlock& operator=(PemBlock&&) = default;
  ~PemBlock() {
    if (!der.empty()) OPENSSL_cleanse(der.data(), der.size());
  }
};

// Every block of `pem`. Text outside blocks is ignored (as Go's pem.Decode does);
// a malformed block (bad base64, no END line) is InvalidArgument.
absl::StatusOr<std::vector<PemBlock>> ReadPemBlocks(std::string_view pem) {
  std::vector<PemBlock> blocks;
  if (pem.empty()) return blocks;
  if (pem.size() > INT_MAX) return absl::InvalidArgumentError("PEM data too large");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return absl::InternalError(StrCat("BIO_new_mem_buf: ", OpenSslError()));
  ERR_clear_error();
  while (true) {
    char* type = nullptr;
    char* headers = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    if (PEM_read_bio(bio.get(), &type, &headers, &data, &length) != 1) {
      unsigned long error = ERR_peek_last_error();
      if (ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE) {
        ERR_clear_error();  // the normal end: no further BEGIN line
        return blocks;
      }
      return absl::InvalidArgumentError(StrCat("malformed PEM data: ", OpenSslError()));
    }
    blocks.emplace_back(type, headers, std::string(reinterpret_cast<char*>(data), length));
    OPENSSL_free(type);
    OPENSSL_free(headers);
    OPENSSL_clear_free(data, length);
  }
}

const unsigned char* DerBegin(const PemBlock& block) {
  return reinterpret_cast<const unsigned char*>(block.der.data());
}

bool IsPrivateKeyBlock(const PemBlock& block) {
  return block.type == "PRIVATE KEY" || block.type == "RSA PRIVATE KEY" ||
         block.type == "EC PRIVATE KEY" || block.type == "ENCRYPTED PRIVATE KEY";
}

absl::StatusOr<X509Ptr> DecodeCertificateBlock(const PemBlock& block) {
  const unsigned char* p = DerBegin(block);
  X509Ptr certificate(d2i_X509(nullptr, &p, static_cast<long>(block.der.size())));
  if (!certificate || p != DerBegin(block) + block.der.size()) {
    return absl::InvalidArgumentError(StrCat("malformed CERTIFICATE block: ", OpenSslError()));
  }
  return certificate;
}

absl::StatusOr<EvpPkeyPtr> DecodePrivateKeyBlock(const PemBlock& block) {
  if (block.type == "ENCRYPTED PRIVATE KEY" ||
      block.headers.find("ENCRYPTED") != std::string::npos) {
    return absl::InvalidArgumentError("encrypted private keys are not supported");
  }
  const unsigned char* p = DerBegin(block);
  const long length = static_cast<long>(block.der.size());
  EvpPkeyPtr key;
  if (block.type == "PRIVATE KEY") {
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, internal::OpenSslDeleter<&PKCS8_PRIV_KEY_INFO_free>>
        info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, length));
    if (info) key.reset(EVP_PKCS82PKEY(info.get()));
  } else {
    int type = block.type == "RSA PRIVATE KEY" ? EVP_PKEY_RSA : EVP_PKEY_EC;
    key.reset(d2i_PrivateKey(type, nullptr, &p, length));
  }
  if (!key) {
    return absl::InvalidArgumentError(
        StrCat("malformed ", block.type, " block: ", OpenSslError()));
  }
  return key;
}

// A copy of `key` holding only its public half (through SubjectPublicKeyInfo).
absl::StatusOr<EvpPkeyPtr> PublicHalf(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(key, &der);
  if (length <= 0) return absl::InternalError(StrCat("i2d_PUBKEY: ", OpenSslError()));
  const unsigned char* p = der;
  EvpPkeyPtr public_key(d2i_PUBKEY(nullptr, &p, length));
  OPENSSL_free(der);
  if (!public_key) return absl::InternalError(StrCat("d2i_PUBKEY: ", OpenSslError()));
  return public_key;
}

absl::StatusOr<EvpPkeyPtr> DecodePublicKeyBlock(const PemBlock& block) {
  const unsigned char* p = DerBegin(block);
  const long length = static_cast<long>(block.der.size());
  EvpPkeyPtr key(block.type == "PUBLIC KEY" ? d2i_PUBKEY(nullptr, &p, length)
                                            : d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, length));
  if (!key) {
    return absl::InvalidArgumentError(
        StrCat("malformed ", block.type, " block: ", OpenSslError()));
  }
  return key;
}

absl::StatusOr<std::string> BioContents(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  if (length < 0) return absl::InternalError("BIO_get_mem_data failed");
  return std::string(data, static_cast<size_t>(length));
}

// Go's wording of an errno: strerror with a lower-case first letter.
std::string ErrnoText(int error) {
  std::string text = std::strerror(error);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

absl::Status FileError(std::string_view operation, const std::string& path, int error) {
  std::string message = StrCat(operation, " ", path, ": ", ErrnoText(error));
  if (error == ENOENT || error == ENOTDIR) return absl::NotFoundError(message);
  if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
  return absl::InternalError(message);
}

}  // namespace

absl::StatusOr<std::vector<X509Ptr>> ParseCertificates(std::string_view pem) {
  absl::StatusOr<std::vector<PemBlock>> blocks = ReadPemBlocks(pem);
  if (!blocks.ok()) return blocks.status();
  std::vector<X509Ptr> certificates;
  for (const PemBlock& block : *blocks) {
    if (block.type != "CERTIFICATE") continue;
    absl::StatusOr<X509Ptr> certificate = DecodeCertificateBlock(block);
    if (!certificate.ok()) return certificate.status();
    certificates.push_back(std::move(*certificate));
  }
  if (certificates.empty()) return absl::InvalidArgumentError("no PEM-encoded certificate found");
  return certificates;
}

absl::StatusOr<EvpPkeyPtr> ParsePrivateKey(std::string_view pem) {
  absl::StatusOr<std::vector<PemBlock>> blocks = ReadPemBlocks(pem);
  if (!blocks.ok()) return blocks.status();
  for (const PemBlock& block : *blocks) {
    if (IsPrivateKeyBlock(block)) return DecodePrivateKeyBlock(block);
  }
  return absl::InvalidArgumentError("no PEM-encoded private key found");
}

absl::StatusOr<std::vector<EvpPkeyPtr>> ParsePublicKeys(std::string_view pem) {
  absl::StatusOr<std::vector<PemBlock>> blocks = ReadPemBlocks(pem);
  if (!blocks.ok()) return blocks.status();
  std::vector<EvpPkeyPtr> keys;
  for (const PemBlock& block : *blocks) {
    absl::StatusOr<EvpPkeyPtr> key;
    if (block.type == "PUBLIC KEY" || block.type == "RSA PUBLIC KEY") {
      key = DecodePublicKeyBlock(block);
    } else if (block.type == "CERTIFICATE") {
      absl::StatusOr<X509Ptr> certificate = DecodeCertificateBlock(block);
      if (!certificate.ok()) return certificate.status();
      key = EvpPkeyPtr(X509_get_pubkey(certificate->get()));
      if (!*key) return absl::InvalidArgumentError("certificate has an unreadable public key");
    } else if (IsPrivateKeyBlock(block)) {
      absl::StatusOr<EvpPkeyPtr> private_key = DecodePrivateKeyBlock(block);
      if (!private_key.ok()) return private_key.status();
      key = PublicHalf(private_key->get());
    } else {
      continue;  // e.g. "EC PARAMETERS", which openssl ecparam writes before the key
    }
    if (!key.ok()) return key.status();
    keys.push_back(std::move(*key));
  }
  if (keys.empty()) return absl::InvalidArgumentError("no PEM-encoded public key found");
  return keys;
}

absl::StatusOr<std::string> CertificateToPem(X509* certificate) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) {
    return absl::InternalError(StrCat("PEM_write_bio_X509: ", OpenSslError()));
  }
  return BioContents(bio.get());
}

absl::StatusOr<std::string> PrivateKeyToPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return absl::InternalError(StrCat("PEM_write_bio_PrivateKey: ", OpenSslError()));
  }
  return BioContents(bio.get());
}

absl::StatusOr<std::string> PublicKeyToPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
    return absl::InternalError(StrCat("PEM_write_bio_PUBKEY: ", OpenSslError()));
  }
  return BioContents(bio.get());
}

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return FileError("open", path, errno);
  std::string content;
  char buffer[16384];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      close(fd);
      return FileError("read", path, error);
    }
    if (n == 0) break;
    content.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return content;
}

}  // namespace kube::tls

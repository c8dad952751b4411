#include "apiserver/serviceaccount/signing_key.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "apiserver/serviceaccount/status_message.h"
#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

// One PEM block: its type ("RSA PRIVATE KEY") and decoded bytes.
struct PemBlock {
  std::string type;
  std::string der;
  bool encrypted = false;  // RFC 1421 "Proc-Type: 4,ENCRYPTED" headers
};

// Every PEM block in `text`; text around and between blocks is ignored.
absl::StatusOr<std::vector<PemBlock>> ReadPemBlocks(std::string_view text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) return OpenSslError(absl::StatusCode::kInternal, "cannot read PEM text");
  std::vector<PemBlock> blocks;
  while (true) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &data, &length) != 1) {
      unsigned long err = ERR_peek_last_error();
      bool end = ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE;
      if (end) {
        ClearOpenSslErrors();
        return blocks;
      }
      return OpenSslError(absl::StatusCode::kInvalidArgument, "malformed PEM block");
    }
    PemBlock block;
    block.type = name;
    block.der.assign(reinterpret_cast<const char*>(data), static_cast<size_t>(length));
    block.encrypted = std::string_view(header).find("ENCRYPTED") != std::string_view::npos;
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    blocks.push_back(std::move(block));
  }
}

const unsigned char* DerBytes(const std::string& der) {
  return reinterpret_cast<const unsigned char*>(der.data());
}

// A private key from a block of one of the three private-key types, or nothing.
EvpPkeyPtr ParsePrivateKeyBlock(const PemBlock& block) {
  if (block.encrypted) return nullptr;
  const unsigned char* cursor = DerBytes(block.der);
  long length = static_cast<long>(block.der.size());
  EvpPkeyPtr key;
  if (block.type == "RSA PRIVATE KEY") {
    key.reset(d2i_PrivateKey(EVP_PKEY_RSA, nullptr, &cursor, length));
  } else if (block.type == "EC PRIVATE KEY") {
    key.reset(d2i_PrivateKey(EVP_PKEY_EC, nullptr, &cursor, length));
  } else if (block.type == "PRIVATE KEY") {
    key.reset(d2i_AutoPrivateKey(nullptr, &cursor, length));
  }
  if (!key) ClearOpenSslErrors();
  return key;
}

// A public key from any block that holds one, or nothing.
EvpPkeyPtr ParsePublicKeyBlock(const PemBlock& block) {
  if (EvpPkeyPtr key = ParsePrivateKeyBlock(block)) return key;
  if (block.encrypted) return nullptr;
  const unsigned char* cursor = DerBytes(block.der);
  long length = static_cast<long>(block.der.size());
  EvpPkeyPtr key;
  if (block.type == "PUBLIC KEY") {
    key.reset(d2i_PUBKEY(nullptr, &cursor, length));
  } else if (block.type == "RSA PUBLIC KEY") {
    key.reset(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &cursor, length));
  } else if (block.type == "CERTIFICATE") {
    X509Ptr certificate(d2i_X509(nullptr, &cursor, length));
    if (certificate) key.reset(X509_get_pubkey(certificate.get()));
  }
  if (!key) ClearOpenSslErrors();
  return key;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(kube::StrCat("cannot open ", path));
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return absl::DataLossError(kube::StrCat("cannot read ", path));
  return content.str();
}

}  // namespace

absl::StatusOr<SigningKey> SigningKey::FromPem(std::string_view pem) {
  absl::StatusOr<std::vector<PemBlock>> blocks = ReadPemBlocks(pem);
  if (!blocks.ok()) return blocks.status();
  for (const PemBlock& block : *blocks) {
    if (EvpPkeyPtr key = ParsePrivateKeyBlock(block)) return FromEvpPkey(std::move(key));
  }
  return absl::InvalidArgumentError("data does not contain a valid RSA or ECDSA private key");
}

absl::StatusOr<SigningKey> SigningKey::FromFile(const std::string& path) {
  absl::StatusOr<std::string> pem = ReadFile(path);
  if (!pem.ok()) return pem.status();
  absl::StatusOr<SigningKey> key = FromPem(*pem);
  if (!key.ok()) {
    return absl::Status(key.status().code(),
                        kube::StrCat("error reading private key file ", path, ": ",
                                     MessageOf(key.status())));
  }
  return key;
}

absl::StatusOr<SigningKey> SigningKey::FromEvpPkey(EvpPkeyPtr key) {
  if (!key) return absl::InvalidArgumentError("no key");
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA &&
      EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC) {
    return absl::InvalidArgumentError(
        "unknown private key type, must be an RSA or ECDSA private key");
  }
  // A public key where a private one is expected cannot sign.
  BnPtr private_part;
  BIGNUM* raw = nullptr;
  const char* name = EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_RSA ? OSSL_PKEY_PARAM_RSA_D
                                                                      : OSSL_PKEY_PARAM_PRIV_KEY;
  if (EVP_PKEY_get_bn_param(key.get(), name, &raw) != 1) {
    ClearOpenSslErrors();
    return absl::InvalidArgumentError("the key has no private part");
  }
  private_part.reset(raw);
  absl::StatusOr<PublicKey> public_key = PublicKey::FromEvpPkey(key.get());
  if (!public_key.ok()) return public_key.status();
  return SigningKey(std::move(key), *std::move(public_key));
}

absl::StatusOr<std::vector<PublicKey>> ParsePublicKeysPem(std::string_view pem) {
  absl::StatusOr<std::vector<PemBlock>> blocks = ReadPemBlocks(pem);
  if (!blocks.ok()) return blocks.status();
  std::vector<PublicKey> keys;
  for (const PemBlock& block : *blocks) {
    EvpPkeyPtr key = ParsePublicKeyBlock(block);
    if (!key) continue;
    absl::StatusOr<PublicKey> public_key = PublicKey::FromEvpPkey(key.get());
    if (!public_key.ok()) {
      return absl::InvalidArgumentError(kube::StrCat(
          "PEM block \"", block.type, "\": ", MessageOf(public_key.status())));
    }
    keys.push_back(*std::move(public_key));
  }
  if (keys.empty()) {
    return absl::InvalidArgumentError("data does not contain any valid RSA or ECDSA public keys");
  }
  return keys;
}

absl::StatusOr<std::vector<PublicKey>> ReadPublicKeyFiles(const std::vector<std::string>& paths) {
  std::vector<PublicKey> keys;
  for (const std::string& path : paths) {
    absl::StatusOr<std::string> pem = ReadFile(path);
    if (!pem.ok()) return pem.status();
    absl::StatusOr<std::vector<PublicKey>> file_keys = ParsePublicKeysPem(*pem);
    if (!file_keys.ok()) {
      return absl::Status(file_keys.status().code(),
                          kube::StrCat("error reading public key file ", path, ": ",
                                       MessageOf(file_keys.status())));
    }
    for (PublicKey& key : *file_keys) keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace kube::serviceaccount

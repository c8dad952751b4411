#include "common/pki/pki_files.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::pki {
namespace {

absl::Status ErrnoStatus(std::string_view what, const std::string& path, int error) {
  std::string message = StrCat(what, " ", path, ": ", std::strerror(error));
  if (error == ENOENT) return absl::NotFoundError(message);
  if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
  return absl::InternalError(message);
}

absl::Status WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::InternalError(std::strerror(errno));
    content.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

// Wipes a string that held a private key once it goes out of scope.
struct Wiped {
  std::string text;
  ~Wiped() { OPENSSL_cleanse(text.data(), text.size()); }
};

}  // namespace

absl::Status WriteFileAtomically(const std::string& path, std::string_view content, mode_t mode) {
  std::string temporary = path + ".tmp.XXXXXX";
  int fd = mkostemp(temporary.data(), O_CLOEXEC);  // created 0600
  if (fd < 0) return ErrnoStatus("create", temporary, errno);
  absl::Status status = WriteAll(fd, content);
  if (status.ok() && fchmod(fd, mode) != 0) status = absl::InternalError(std::strerror(errno));
  if (status.ok() && fsync(fd) != 0) status = absl::InternalError(std::strerror(errno));
  if (close(fd) != 0 && status.ok()) status = absl::InternalError(std::strerror(errno));
  if (status.ok() && rename(temporary.c_str(), path.c_str()) != 0) {
    status = absl::InternalError(std::strerror(errno));
  }
  if (!status.ok()) {
    unlink(temporary.c_str());
    return absl::Status(status.code(), StrCat("write ", path, ": ", status.message()));
  }
  // Make the rename itself durable; a failure here loses nothing already written.
  std::string directory = std::filesystem::path(path).parent_path().string();
  int dir_fd = open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return absl::OkStatus();
}

absl::Status WritePrivateKeyFile(const std::string& path, EVP_PKEY* key) {
  absl::StatusOr<std::string> pem = tls::PrivateKeyToPem(key);
  if (!pem.ok()) return pem.status();
  Wiped wiped{std::move(*pem)};
  return WriteFileAtomically(path, wiped.text, 0600);
}

absl::Status WriteCertificateFile(const std::string& path, X509* certificate, mode_t mode) {
  absl::StatusOr<std::string> pem = tls::CertificateToPem(certificate);
  if (!pem.ok()) return pem.status();
  return WriteFileAtomically(path, *pem, mode);
}

absl::Status WritePublicKeyFile(const std::string& path, EVP_PKEY* key, mode_t mode) {
  absl::StatusOr<std::string> pem = tls::PublicKeyToPem(key);
  if (!pem.ok()) return pem.status();
  return WriteFileAtomically(path, *pem, mode);
}

absl::StatusOr<tls::X509Ptr> ReadCertificateFile(const std::string& path) {
  absl::StatusOr<std::string> pem = tls::ReadFileToString(path);
  if (!pem.ok()) return pem.status();
  absl::StatusOr<std::vector<tls::X509Ptr>> certificates = tls::ParseCertificates(*pem);
  if (!certificates.ok()) {
    return absl::InvalidArgumentError(StrCat(path, ": ", certificates.status().message()));
  }
  return std::move(certificates->front());
}

absl::StatusOr<tls::EvpPkeyPtr> ReadPrivateKeyFile(const std::string& path) {
  absl::StatusOr<std::string> pem = tls::ReadFileToString(path);
  if (!pem.ok()) return pem.status();
  Wiped wiped{std::move(*pem)};
  absl::StatusOr<tls::EvpPkeyPtr> key = tls::ParsePrivateKey(wiped.text);
  if (!key.ok()) return absl::InvalidArgumentError(StrCat(path, ": ", key.status().message()));
  return key;
}

absl::Status EnsurePrivateDirectory(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) return absl::InternalError(StrCat("create directory ", path, ": ", error.message()));
  if (chmod(path.c_str(), 0700) != 0) return ErrnoStatus("chmod", path, errno);
  return absl::OkStatus();
}

}  // namespace kube::pki

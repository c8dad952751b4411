#include "kube-pki/app/certificate_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/pki/certificate_authority.h"
#include "common/pki/certificate_info.h"
#include "common/pki/keys.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::pki::app {
namespace {

constexpr mode_t kFileMode = 0600;  // CIS 1.1.20/1.1.21: certificates too

std::string PathIn(const std::string& dir, const std::string& file) { return StrCat(dir, "/", file); }

// A file that is missing or does not parse is (re)written; any other failure to
// read it (permissions, I/O) stops the run rather than replace what we cannot see.
absl::Status CheckReplaceable(const absl::Status& read_status) {
  if (read_status.ok() || read_status.code() == absl::StatusCode::kNotFound ||
      read_status.code() == absl::StatusCode::kInvalidArgument) {
    return absl::OkStatus();
  }
  return read_status;
}

FileOutcome Replaced(const absl::Status& read_status) {
  return read_status.code() == absl::StatusCode::kNotFound ? FileOutcome::kCreated : FileOutcome::kRenewed;
}

// A kept file still gets the mode every file here should have.
absl::Status Keep(const std::string& path, std::vector<FileReport>& reports) {
  if (chmod(path.c_str(), kFileMode) != 0) {
    return absl::InternalError(StrCat("chmod ", path, ": ", std::strerror(errno)));
  }
  reports.push_back({path, FileOutcome::kKept});
  return absl::OkStatus();
}

// The key at `path` if readable, else a new key of `type` written there.
absl::StatusOr<tls::EvpPkeyPtr> KeepOrCreateKey(const std::string& path, KeyType type,
                                                std::vector<FileReport>& reports) {
  absl::StatusOr<tls::EvpPkeyPtr> existing = ReadPrivateKeyFile(path);
  if (absl::Status status = CheckReplaceable(existing.status()); !status.ok()) return status;
  if (existing.ok()) {
    if (absl::Status status = Keep(path, reports); !status.ok()) return status;
    return existing;
  }
  absl::StatusOr<tls::EvpPkeyPtr> key = GenerateKey(type);
  if (!key.ok()) return key.status();
  if (absl::Status status = WritePrivateKeyFile(path, key->get()); !status.ok()) return status;
  reports.push_back({path, Replaced(existing.status())});
  return key;
}

absl::Status WriteCertificate(const std::string& path, X509* certificate, const absl::Status& old_status,
                              std::vector<FileReport>& reports) {
  if (absl::Status status = WriteCertificateFile(path, certificate, kFileMode); !status.ok()) return status;
  reports.push_back({path, Replaced(old_status)});
  return absl::OkStatus();
}

bool CertificateHoldsKey(X509* certificate, EVP_PKEY* key) {
  return SamePublicKey(X509_get0_pubkey(certificate), key);
}

}  // namespace

absl::Duration RenewalWindow(absl::Duration validity) {
  return std::min(absl::Hours(24 * 90), validity / 3);
}

absl::StatusOr<ClusterCa> EnsureClusterCa(const std::string& dir, absl::Time now,
                                          std::vector<FileReport>& reports) {
  const std::string cert_path = PathIn(dir, "ca.crt");
  const std::string key_path = PathIn(dir, "ca.key");
  absl::StatusOr<tls::X509Ptr> certificate = ReadCertificateFile(cert_path);
  if (absl::Status status = CheckReplaceable(certificate.status()); !status.ok()) return status;
  absl::StatusOr<tls::EvpPkeyPtr> key = ReadPrivateKeyFile(key_path);
  if (certificate.ok() && key.ok() && DescribeCertificate(certificate->get()).is_ca &&
      CertificateHoldsKey(certificate->get(), key->get()) &&
      !NeedsRenewal(certificate->get(), RenewalWindow(kCaValidity), now)) {
    for (const std::string* path : {&cert_path, &key_path}) {
      if (absl::Status status = Keep(*path, reports); !status.ok()) return status;
    }
    return ClusterCa{std::move(*certificate), std::move(*key), false};
  }

  std::vector<FileReport> key_report;
  absl::StatusOr<tls::EvpPkeyPtr> ca_key = KeepOrCreateKey(key_path, KeyType::kEcdsaP256, key_report);
  if (!ca_key.ok()) return ca_key.status();
  CertificateSpec spec;
  spec.common_name = StrCat("kube-ca@", absl::ToUnixSeconds(absl::Now()));
  spec.is_ca = true;
  spec.validity = kCaValidity;
  absl::StatusOr<tls::X509Ptr> ca = SelfSignedCa(spec, ca_key->get());
  if (!ca.ok()) return ca.status();
  if (absl::Status status = WriteCertificate(cert_path, ca->get(), certificate.status(), reports);
      !status.ok()) {
    return status;
  }
  reports.insert(reports.end(), key_report.begin(), key_report.end());
  return ClusterCa{std::move(*ca), std::move(*ca_key), true};
}

absl::StatusOr<ClusterCa> LoadClusterCa(const std::string& dir) {
  auto hint = [&dir](const absl::Status& status) {
    return absl::FailedPreconditionError(
        StrCat(status.message(), " (run \"kube-pki init --dir ", dir, "\" first)"));
  };
  absl::StatusOr<tls::X509Ptr> certificate = ReadCertificateFile(PathIn(dir, "ca.crt"));
  if (!certificate.ok()) return hint(certificate.status());
  absl::StatusOr<tls::EvpPkeyPtr> key = ReadPrivateKeyFile(PathIn(dir, "ca.key"));
  if (!key.ok()) return hint(key.status());
  if (!DescribeCertificate(certificate->get()).is_ca || !CertificateHoldsKey(certificate->get(), key->get())) {
    return hint(absl::FailedPreconditionError(
        StrCat(PathIn(dir, "ca.crt"), " is not a CA certificate for ", PathIn(dir, "ca.key"))));
  }
  return ClusterCa{std::move(*certificate), std::move(*key), false};
}

absl::Status EnsureSignedPair(const std::string& dir, const std::string& name,
                              const CertificateSpec& spec, const ClusterCa& ca, absl::Time now,
                              std::vector<FileReport>& reports) {
  const std::string cert_path = PathIn(dir, name + ".crt");
  const std::string key_path = PathIn(dir, name + ".key");
  std::vector<FileReport> key_report;
  absl::StatusOr<tls::EvpPkeyPtr> key = KeepOrCreateKey(key_path, KeyType::kEcdsaP256, key_report);
  if (!key.ok()) return key.status();
  bool new_key = key_report.front().outcome != FileOutcome::kKept;

  absl::StatusOr<tls::X509Ptr> certificate = ReadCertificateFile(cert_path);
  if (absl::Status status = CheckReplaceable(certificate.status()); !status.ok()) return status;
  bool keep = !new_key && !ca.replaced && certificate.ok() &&
              CertificateHoldsKey(certificate->get(), key->get()) &&
              !NeedsRenewal(certificate->get(), RenewalWindow(spec.validity), now) &&
              MatchesSpec(certificate->get(), spec) && IsIssuedBy(certificate->get(), ca.certificate.get());
  if (keep) {
    if (absl::Status status = Keep(cert_path, reports); !status.ok()) return status;
  } else {
    absl::StatusOr<tls::X509Ptr> issued =
        IssueCertificate(spec, key->get(), ca.certificate.get(), ca.key.get());
    if (!issued.ok()) return issued.status();
    if (absl::Status status = WriteCertificate(cert_path, issued->get(), certificate.status(), reports);
        !status.ok()) {
      return status;
    }
  }
  reports.insert(reports.end(), key_report.begin(), key_report.end());
  return absl::OkStatus();
}

absl::Status EnsureServiceAccountKeys(const std::string& dir, std::vector<FileReport>& reports) {
  absl::StatusOr<tls::EvpPkeyPtr> key = KeepOrCreateKey(PathIn(dir, "sa.key"), KeyType::kRsa2048, reports);
  if (!key.ok()) return key.status();
  const std::string pub_path = PathIn(dir, "sa.pub");
  absl::StatusOr<std::string> pem = tls::ReadFileToString(pub_path);
  if (absl::Status status = CheckReplaceable(pem.status()); !status.ok()) return status;
  if (pem.ok()) {
    absl::StatusOr<std::vector<tls::EvpPkeyPtr>> public_keys = tls::ParsePublicKeys(*pem);
    if (public_keys.ok() && public_keys->size() == 1 && SamePublicKey(public_keys->front().get(), key->get())) {
      return Keep(pub_path, reports);
    }
  }
  if (absl::Status status = WritePublicKeyFile(pub_path, key->get(), kFileMode); !status.ok()) return status;
  reports.push_back({pub_path, Replaced(pem.status())});
  return absl::OkStatus();
}

}  // namespace kube::pki::app

#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/pki/certificate_spec.h"
#include "common/tls/openssl_ptr.h"
#include "kube-pki/app/file_report.h"

namespace kube::pki::app {

// k3s' renewal rules, for every file kube-pki writes: a certificate is issued again
// when it is missing or unreadable, does not match its key, expires within its
// renewal window, no longer says what is asked (subject, SANs, usages), or was not
// signed by the current CA. Keys are kept while they are readable (and so
// reused for the renewed certificate). Every file is written, or left, mode 0600.

inline constexpr absl::Duration kCaValidity = absl::Hours(24 * 3650);

// 90 days before expiry, or the last third of a lifetime shorter than 270 days (so
// a short-lived certificate is not renewed on every run).
absl::Duration RenewalWindow(absl::Duration validity);

// The cluster CA of DIR/ca.{crt,key}.
struct ClusterCa {
  tls::X509Ptr certificate;
  tls::EvpPkeyPtr key;
  bool replaced = false;  // made this run: everything it signs is issued again
};

// Keeps DIR/ca.{crt,key} when they are a CA and its key and not due, otherwise
// writes a new self-signed CA "kube-ca@<unix time>" valid 10 years (reusing a
// readable key). Appends ca.crt and ca.key to `reports`. `now` is when renewal is
// judged.
absl::StatusOr<ClusterCa> EnsureClusterCa(const std::string& dir, absl::Time now,
                                          std::vector<FileReport>& reports);

// DIR/ca.{crt,key} as they are; FailedPrecondition (suggesting `kube-pki init`)
// when they are missing, unreadable or do not match.
absl::StatusOr<ClusterCa> LoadClusterCa(const std::string& dir);

// Keeps or (re)issues DIR/NAME.{crt,key} for `spec`, signed by `ca`. Appends both
// files to `reports`.
absl::Status EnsureSignedPair(const std::string& dir, const std::string& name,
                              const CertificateSpec& spec, const ClusterCa& ca, absl::Time now,
                              std::vector<FileReport>& reports);

// Keeps or creates DIR/sa.key (RSA 2048, the service-account token signing key) and
// DIR/sa.pub (its public key; rewritten when it does not match sa.key).
absl::Status EnsureServiceAccountKeys(const std::string& dir, std::vector<FileReport>& reports);

}  // namespace kube::pki::app

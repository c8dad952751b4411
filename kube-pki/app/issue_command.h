#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "common/pki/certificate_spec.h"
#include "kube-pki/app/file_report.h"
#include "kube-pki/app/options.h"

namespace kube::pki::app {

// The certificate `kube-pki issue` asks for: CN, O, usages, SANs (each an IP
// address or a DNS name) and --days. InvalidArgument for a SAN that is neither.
absl::StatusOr<CertificateSpec> IssueSpec(const IssueOptions& options);

// kube-pki issue: keeps or (re)writes DIR/NAME.{crt,key} signed by DIR/ca.{crt,key}
// by the rules of certificate_files.h. FailedPrecondition when there is no CA.
absl::StatusOr<std::vector<FileReport>> RunIssue(const IssueOptions& options, absl::Time now = absl::Now());

}  // namespace kube::pki::app

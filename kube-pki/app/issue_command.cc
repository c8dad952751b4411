#include "kube-pki/app/issue_command.h"

#include "common/pki/subject_alt_names.h"
#include "kube-pki/app/certificate_files.h"

namespace kube::pki::app {

absl::StatusOr<CertificateSpec> IssueSpec(const IssueOptions& options) {
  CertificateSpec spec;
  spec.common_name = options.common_name;
  spec.organizations = options.organizations;
  spec.client_auth = options.client;
  spec.server_auth = options.server;
  spec.validity = absl::Hours(24) * options.days;
  if (absl::Status status = SplitSubjectAltNames(options.sans, spec.dns_names, spec.ip_addresses);
      !status.ok()) {
    return status;
  }
  return spec;
}

absl::StatusOr<std::vector<FileReport>> RunIssue(const IssueOptions& options, absl::Time now) {
  absl::StatusOr<CertificateSpec> spec = IssueSpec(options);
  if (!spec.ok()) return spec.status();
  absl::StatusOr<ClusterCa> ca = LoadClusterCa(options.dir);
  if (!ca.ok()) return ca.status();
  std::vector<FileReport> reports;
  if (absl::Status status = EnsureSignedPair(options.dir, options.name, *spec, *ca, now, reports);
      !status.ok()) {
    return status;
  }
  return reports;
}

}  // namespace kube::pki::app

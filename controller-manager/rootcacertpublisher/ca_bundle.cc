#include "controller-manager/rootcacertpublisher/ca_bundle.h"

#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::kcm::rootcacertpublisher {

absl::StatusOr<std::string> ReadCaBundle(const std::string& path) {
  absl::StatusOr<std::string> content = tls::ReadFileToString(path);
  if (!content.ok()) return content.status();
  if (absl::Status parsed = tls::ParseCertificates(*content).status(); !parsed.ok()) {
    return absl::InvalidArgumentError(
        StrCat("error parsing root-ca-file at ", path, ": ", parsed.message()));
  }
  return content;
}

}  // namespace kube::kcm::rootcacertpublisher

#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace kube::pki {

// What a certificate should say. Kubernetes reads the subject as the identity: the
// common name is the user, the organizations are its groups.
struct CertificateSpec {
  std::string common_name;
  std::vector<std::string> organizations;
  std::vector<std::string> dns_names;     // subjectAltName DNS entries
  std::vector<std::string> ip_addresses;  // subjectAltName IP entries (v4 or v6 text)
  bool is_ca = false;
  bool server_auth = false;  // extendedKeyUsage serverAuth
  bool client_auth = false;  // extendedKeyUsage clientAuth
  absl::Duration validity = absl::Hours(24 * 365);  // from now
};

}  // namespace kube::pki

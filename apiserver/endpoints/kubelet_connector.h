#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/http/tunnel.h"
#include "common/tls/openssl_ptr.h"

namespace kube::apiserver {

// How the apiserver reaches a kubelet's port (logs, exec, port-forward): over TLS
// with its client certificate (--kubelet-client-certificate/-key), verifying the
// kubelet's serving certificate against --kubelet-certificate-authority (without
// it, not at all, as upstream). Without a TLS context, plain TCP: only tests of the
// proxy alone, whose fake kubelets serve HTTP; the apiserver always has one.
// Thread-safe: the context is only read.
class KubeletConnector {
 public:
  // `tls` (borrowed; may be null) outlives the connector.
  explicit KubeletConnector(SSL_CTX* tls = nullptr) : tls_(tls) {}

  // A connected socket the caller speaks plain HTTP on; over TLS, a relay carries
  // it to the kubelet. Unavailable naming the address when it cannot connect.
  absl::StatusOr<http::OwnedSocket> Dial(const std::string& host, int port,
                                         absl::Duration timeout) const;

 private:
  SSL_CTX* const tls_;
};

}  // namespace kube::apiserver

#include "apiserver/endpoints/kubelet_connector.h"

#include "common/tls/tls_connection.h"
#include "common/tls/tls_relay.h"
#include "common/util/strings.h"

namespace kube::apiserver {

absl::StatusOr<http::OwnedSocket> KubeletConnector::Dial(const std::string& host, int port,
                                                         absl::Duration timeout) const {
  absl::StatusOr<http::OwnedSocket> socket = http::ConnectTcp(host, port, timeout);
  if (!socket.ok() || tls_ == nullptr) return socket;
  absl::StatusOr<std::unique_ptr<tls::TlsConnection>> connection =
      tls::TlsConnection::Connect(socket->Release(), tls_, host, timeout);
  if (!connection.ok()) {
    return absl::UnavailableError(StrCat(host, ":", port, ": ", connection.status().message()));
  }
  absl::StatusOr<int> plain = tls::RelayToPlainSocket(std::move(*connection));
  if (!plain.ok()) return plain.status();
  return http::OwnedSocket(*plain);
}

}  // namespace kube::apiserver

#include "kubelet/server/port_forward_handler.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/api/errors.h"
#include "common/http/upgradable_server.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "common/websocket/channel_websocket.h"
#include "kubelet/container/labels.h"
#include "kubelet/server/http_status.h"
#include "kubelet/server/streaming_backend.h"

namespace kube::kubelet {
namespace {

constexpr char kTunnelProtocol[] = "SPDY/3.1+portforward.k8s.io";
constexpr char kPortForwardProtocol[] = "portforward.k8s.io";

// Bytes pass through unchanged: kubectl's SPDY client talks to the runtime's
// SPDY server through the tunnel.
class TunnelPeer final : public websocket::RelayPeer {
 public:
  explicit TunnelPeer(std::string early_bytes) : early_(std::move(early_bytes)) {}
  absl::Status FromClient(const websocket::ChannelMessage& message, std::string& to_peer) override {
    to_peer += message.data;
    return absl::OkStatus();
  }
  absl::Status FromPeer(std::string_view bytes, std::vector<websocket::ChannelMessage>& to_client,
                        std::string&, bool& done) override {
    std::string data = std::move(early_);
    early_.clear();
    data.append(bytes);
    if (!data.empty()) to_client.push_back({0, std::move(data)});
    done = bytes.empty();  // the runtime closed the connection
    return absl::OkStatus();
  }

 private:
  std::string early_;  // what the runtime sent with its 101, for the client first
};

absl::StatusOr<std::string> ReadySandbox(Runtime& runtime, const std::string& ns,
                                         const std::string& pod) {
  absl::StatusOr<std::vector<PodSandboxStatus>> sandboxes = runtime.ListPodSandboxes();
  if (!sandboxes.ok()) return sandboxes.status();
  for (const PodSandboxStatus& sandbox : *sandboxes) {
    if (sandbox.namespace_ == ns && sandbox.name == pod && sandbox.state == SandboxState::kReady) {
      return sandbox.id;
    }
  }
  return absl::NotFoundError(kube::StrCat("pod \"", pod, "\" in namespace \"", ns,
                                          "\" has no running sandbox on this node"));
}

}  // namespace

void ServePortForward(Runtime& runtime, const httplib::Request& request,
                      httplib::Response& response, const std::string& ns, const std::string& pod) {
  std::string upgrade = absl::AsciiStrToLower(request.get_header_value("Upgrade"));
  if (!absl::StrContains(upgrade, "websocket")) {
    return WriteStatus(response, api::BadRequestError(kube::StrCat(
                                     "port forwarding needs a WebSocket upgrade with subprotocol ",
                                     kTunnelProtocol, " (kubectl 1.31 or newer)")));
  }
  std::vector<std::string> offered;
  for (size_t i = 0; i < request.get_header_value_count("Sec-WebSocket-Protocol"); ++i) {
    offered.push_back(request.get_header_value("Sec-WebSocket-Protocol", i));
  }
  std::string protocol = websocket::NegotiateProtocol(offered, {kTunnelProtocol});
  if (protocol.empty()) {
    return WriteStatus(response, api::BadRequestError(kube::StrCat(
                                     "port forwarding speaks only the WebSocket subprotocol ",
                                     kTunnelProtocol)));
  }
  absl::StatusOr<std::string> sandbox = ReadySandbox(runtime, ns, pod);
  if (!sandbox.ok()) return WriteStatus(response, sandbox.status());
  absl::StatusOr<std::string> url = runtime.PortForward(*sandbox);
  if (absl::IsUnimplemented(url.status())) {
    return WriteStatus(response, api::BadRequestError(std::string(url.status().message())));
  }
  if (!url.ok()) return WriteStatus(response, url.status());
  absl::StatusOr<StreamingBackend> backend = ConnectStreamingBackend(*url, kPortForwardProtocol);
  if (!backend.ok()) return WriteStatus(response, backend.status());

  absl::StatusOr<std::unique_ptr<http::TakenConnection>> connection =
      http::TakenConnection::Take(request);
  if (!connection.ok()) return WriteStatus(response, connection.status());
  websocket::UpgradeRequest upgraded{request.target, {}};
  for (const auto& [name, value] : request.headers) upgraded.headers.emplace_back(name, value);
  absl::StatusOr<std::unique_ptr<websocket::ChannelWebSocket>> ws =
      websocket::ChannelWebSocket::Accept((*connection)->Release(), upgraded, protocol);
  if (!ws.ok()) {
    KLOG(Warning) << "port-forward to " << ns << "/" << pod << ": " << ws.status();
    return;
  }
  TunnelPeer tunnel(std::move(backend->early_bytes));
  absl::Status relayed = (*ws)->Relay(backend->socket.fd(), tunnel,
                                      websocket::ChannelWebSocket::Framing::kRaw);
  if (!relayed.ok()) {
    VLOG(1) << "port-forward to " << ns << "/" << pod << " ended: " << relayed;
  }
}

}  // namespace kube::kubelet

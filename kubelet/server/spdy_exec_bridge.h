#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/spdy/spdy_framer.h"
#include "common/websocket/channel_websocket.h"
#include "kubelet/server/exec_handler.h"

namespace kube::kubelet {

// Translates a client's remote-command WebSocket (v5.channel.k8s.io, or v4) into
// SPDY streams to a container runtime's streaming server (v4.channel.k8s.io over
// SPDY/3.1, all containerd 1.6 speaks), as upstream's apiserver translates
// WebSocket to SPDY for kubelets. SPDY can half-close a stream, so v5's "close
// stdin" reaches the command as end of input, which v4 over WebSocket cannot say.
// Runs on the relay's one thread.
class SpdyExecBridge final : public websocket::RelayPeer {
 public:
  explicit SpdyExecBridge(const ExecRequest& exec);

  // The SYN_STREAMs that open the streams the runtime waits for (error, then stdin,
  // stdout, stderr and resize as asked), to send right after its 101.
  absl::StatusOr<std::string> OpenStreams();
  // Bytes the runtime sent along with its 101.
  absl::Status Prime(std::string_view bytes);

  // websocket::RelayPeer
  absl::Status FromClient(const websocket::ChannelMessage& message, std::string& to_peer) override;
  absl::Status FromPeer(std::string_view bytes, std::vector<websocket::ChannelMessage>& to_client,
                        std::string& to_peer, bool& done) override;

 private:
  absl::Status Handle(std::string_view bytes, std::string& to_peer, bool& done);

  const ExecRequest exec_;
  spdy::FrameWriter writer_;
  spdy::FrameParser parser_;
  // Client-initiated stream ids (odd); 0 when not opened.
  uint32_t error_ = 0, stdin_ = 0, stdout_ = 0, stderr_ = 0, resize_ = 0;
  bool stdin_closed_ = false;
  std::string error_status_;  // the runtime's final Status, sent when complete
  std::vector<websocket::ChannelMessage> pending_;  // for the client
  bool done_ = false;
};

}  // namespace kube::kubelet

#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::websocket {

// Kubernetes' remote-command streams over one WebSocket (the `v4.channel.k8s.io`
// and `v5.channel.k8s.io` subprotocols, what kubectl exec speaks): every binary
// message starts with one byte naming its channel.
enum Channel : uint8_t {
  kStdin = 0,
  kStdout = 1,
  kStderr = 2,
  kError = 3,   // the final metav1.Status, as JSON
  kResize = 4,  // terminal size, as JSON {"Width":..,"Height":..}
  kClose = 255,  // v5 only: "this channel is done" (the next byte names it)
};

inline constexpr char kProtocolV5[] = "v5.channel.k8s.io";
inline constexpr char kProtocolV4[] = "v4.channel.k8s.io";

// The subprotocol a server speaking `supported` (in order of preference) picks
// from a client's Sec-WebSocket-Protocol header values; "" when none matches.
std::string NegotiateProtocol(const std::vector<std::string>& offered_headers,
                              const std::vector<std::string>& supported);

// What a server needs of an upgrade request already read by its HTTP server.
struct UpgradeRequest {
  std::string target;  // path and query
  std::vector<std::pair<std::string, std::string>> headers;
};

struct ChannelMessage {
  uint8_t channel = 0;
  std::string data;
};

// The far side of ChannelWebSocket::Relay: translates between the client's channel
// messages and a peer connection's bytes (another protocol). Called on the relay's
// one thread.
class RelayPeer {
 public:
  virtual ~RelayPeer() = default;
  // A message from the client: append the bytes for the peer to `to_peer`.
  virtual absl::Status FromClient(const ChannelMessage& message, std::string& to_peer) = 0;
  // Bytes from the peer (empty at its end of stream): append messages for the client
  // to `to_client` and bytes to answer the peer with to `to_peer`; set `done` when
  // the peer has said everything (the relay then closes the WebSocket).
  virtual absl::Status FromPeer(std::string_view bytes, std::vector<ChannelMessage>& to_client,
                                std::string& to_peer, bool& done) = 0;
};

// One WebSocket connection carrying channel messages, built on Boost.Beast (the
// framing, masking, handshake and close are Beast's). Blocking; one thread at a
// time (Beast's synchronous streams are not safe for concurrent use).
class ChannelWebSocket {
 public:
  // Server side: answers `request` (a WebSocket upgrade read on `fd`) with 101 and
  // `protocol`. Takes ownership of `fd` in every case.
  static absl::StatusOr<std::unique_ptr<ChannelWebSocket>> Accept(int fd,
                                                                  const UpgradeRequest& request,
                                                                  const std::string& protocol);
  // Client side: connects to host:port and upgrades `target`, offering
  // `protocols`. Any answer but 101 is FailedPrecondition.
  static absl::StatusOr<std::unique_ptr<ChannelWebSocket>> Connect(
      const std::string& host, int port, const std::string& target,
      const std::vector<std::string>& protocols);
  ~ChannelWebSocket();
  ChannelWebSocket(const ChannelWebSocket&) = delete;
  ChannelWebSocket& operator=(const ChannelWebSocket&) = delete;

  // The negotiated subprotocol.
  const std::string& protocol() const;
  // Sends one binary message: the channel byte, then `data`.
  absl::Status Write(uint8_t channel, std::string_view data);
  // The next message; OutOfRange once the peer closed the WebSocket,
  // DeadlineExceeded after `timeout` without one.
  absl::StatusOr<ChannelMessage> Read(absl::Duration timeout = absl::InfiniteDuration());
  // Sends a normal close and waits (at most `timeout`) for the peer's, discarding
  // what arrives meanwhile.
  absl::Status Close(absl::Duration timeout = absl::Seconds(5));

  // How Relay reads and writes the WebSocket's messages.
  enum class Framing {
    kChannels,  // a channel byte, then data (remote-command)
    kRaw,       // bytes of a tunnelled stream (SPDY/3.1+portforward.k8s.io): channel 0
  };
  // Full duplex between this WebSocket and the connection `peer_fd` (not taken),
  // on the calling thread: both directions flow at once, neither blocking the
  // other. Ends when `peer` says it is done (the WebSocket is then closed) or either
  // side closes or fails.
  absl::Status Relay(int peer_fd, RelayPeer& peer, Framing framing = Framing::kChannels);

 private:
  struct Impl;
  explicit ChannelWebSocket(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kube::websocket

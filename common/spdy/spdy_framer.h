#pragma once

#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace kube::spdy {

// SPDY/3.1 (the draft Kubernetes' httpstream uses, "Upgrade: SPDY/3.1"), as a
// client needs it: frames to open streams, send data and half-close them, and a
// parser for what the server sends. Header blocks we send are zlib streams without
// the SPDY dictionary (valid: a receiver only needs the dictionary when a block
// asks for it); header blocks we receive are not decoded, as a client of a
// Kubernetes streaming server needs none of them.
enum class ControlType : uint16_t {
  kSynStream = 1,
  kSynReply = 2,
  kRstStream = 3,
  kSettings = 4,
  kPing = 6,
  kGoAway = 7,
  kHeaders = 8,
  kWindowUpdate = 9,
};

inline constexpr uint8_t kFlagFin = 0x01;

struct Frame {
  bool control = false;
  uint16_t type = 0;      // control frames: ControlType
  uint8_t flags = 0;
  uint32_t stream_id = 0;  // data frames, and the control frames that name one
  std::string payload;     // data, or the control frame's body
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// Encodes frames for one connection's sending side. Not thread-safe.
class FrameWriter {
 public:
  FrameWriter();
  ~FrameWriter();
  FrameWriter(const FrameWriter&) = delete;
  FrameWriter& operator=(const FrameWriter&) = delete;

  // SYN_STREAM opening `stream_id` (odd: client-initiated) with lowercase headers.
  absl::StatusOr<std::string> SynStream(uint32_t stream_id, const Headers& headers, uint8_t flags = 0);
  // A DATA frame; kFlagFin half-closes the stream (our side is done with it).
  static std::string Data(uint32_t stream_id, std::string_view data, uint8_t flags = 0);
  // The answer to a PING: its body again.
  static std::string PingReply(std::string_view body);

 private:
  z_stream deflate_{};  // one compression context per connection and direction
  bool deflate_ready_ = false;
};

// Splits the bytes a server sends into frames. Not thread-safe.
class FrameParser {
 public:
  // Appends bytes; returns the frames now complete (InvalidArgument on a frame
  // that is not SPDY/3 or is over 8 MiB).
  absl::StatusOr<std::vector<Frame>> Feed(std::string_view bytes);

 private:
  std::string buffer_;
};

// The name/value block of SPDY/3 before compression (for tests and the writer).
std::string EncodeHeaderBlock(const Headers& headers);
absl::StatusOr<Headers> DecodeHeaderBlock(std::string_view block);

}  // namespace kube::spdy

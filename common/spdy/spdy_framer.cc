#include "common/spdy/spdy_framer.h"

#include "common/util/strings.h"

namespace kube::spdy {
namespace {

constexpr uint16_t kVersion = 3;
constexpr size_t kHeaderSize = 8;
constexpr uint32_t kMaxFrameLength = 8 * 1024 * 1024;

void PutUint32(std::string& out, uint32_t value) {
  out.push_back(static_cast<char>(value >> 24));
  out.push_back(static_cast<char>(value >> 16));
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value));
}

uint32_t GetUint32(std::string_view in, size_t at) {
  return (static_cast<uint32_t>(static_cast<uint8_t>(in[at])) << 24) |
         (static_cast<uint32_t>(static_cast<uint8_t>(in[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<uint8_t>(in[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<uint8_t>(in[at + 3]));
}

// Control frame head: C bit, version, type; flags and 24-bit length.
std::string ControlFrame(ControlType type, uint8_t flags, std::string_view body) {
  std::string out;
  out.reserve(kHeaderSize + body.size());
  out.push_back(static_cast<char>(0x80 | (kVersion >> 8)));
  out.push_back(static_cast<char>(kVersion & 0xff));
  out.push_back(static_cast<char>(static_cast<uint16_t>(type) >> 8));
  out.push_back(static_cast<char>(static_cast<uint16_t>(type) & 0xff));
  PutUint32(out, (static_cast<uint32_t>(flags) << 24) | static_cast<uint32_t>(body.size()));
  out.append(body);
  return out;
}

}  // namespace

std::string EncodeHeaderBlock(const Headers& headers) {
  std::string block;
  PutUint32(block, static_cast<uint32_t>(headers.size()));
  for (const auto& [name, value] : headers) {
    PutUint32(block, static_cast<uint32_t>(name.size()));
    block.append(name);
    PutUint32(block, static_cast<uint32_t>(value.size()));
    block.append(value);
  }
  return block;
}

absl::StatusOr<Headers> DecodeHeaderBlock(std::string_view block) {
  auto need = [&block](size_t at, size_t n) { return at + n <= block.size(); };
  if (!need(0, 4)) return absl::InvalidArgumentError("header block too short");
  uint32_t count = GetUint32(block, 0);
  size_t at = 4;
  Headers headers;
  for (uint32_t i = 0; i < count; ++i) {
    std::string parts[2];
    for (std::string& part : parts) {
      if (!need(at, 4)) return absl::InvalidArgumentError("header block truncated");
      uint32_t length = GetUint32(block, at);
      at += 4;
      if (!need(at, length)) return absl::InvalidArgumentError("header block truncated");
      part = std::string(block.substr(at, length));
      at += length;
    }
    headers.emplace_back(std::move(parts[0]), std::move(parts[1]));
  }
  return headers;
}

FrameWriter::FrameWriter() {
  deflate_ready_ = deflateInit(&deflate_, Z_DEFAULT_COMPRESSION) == Z_OK;
}

FrameWriter::~FrameWriter() {
  if (deflate_ready_) deflateEnd(&deflate_);
}

absl::StatusOr<std::string> FrameWriter::SynStream(uint32_t stream_id, const Headers& headers,
                                                   uint8_t flags) {
  if (!deflate_ready_) return absl::InternalError("zlib: cannot compress SPDY headers");
  std::string block = EncodeHeaderBlock(headers);
  // One deflate stream for the whole connection, flushed at each frame's end.
  std::string compressed;
  deflate_.next_in = reinterpret_cast<Bytef*>(block.data());
  deflate_.avail_in = static_cast<uInt>(block.size());
  char chunk[4096];
  do {
    deflate_.next_out = reinterpret_cast<Bytef*>(chunk);
    deflate_.avail_out = sizeof(chunk);
    if (deflate(&deflate_, Z_SYNC_FLUSH) == Z_STREAM_ERROR) {
      return absl::InternalError("zlib: compressing SPDY headers failed");
    }
    compressed.append(chunk, sizeof(chunk) - deflate_.avail_out);
  } while (deflate_.avail_out == 0);
  std::string body;
  PutUint32(body, stream_id & 0x7fffffff);
  PutUint32(body, 0);  // associated-to stream: none
  body.push_back(0);   // priority 0 (highest), unused bits
  body.push_back(0);   // slot
  body.append(compressed);
  return ControlFrame(ControlType::kSynStream, flags, body);
}

std::string FrameWriter::Data(uint32_t stream_id, std::string_view data, uint8_t flags) {
  std::string out;
  out.reserve(kHeaderSize + data.size());
  PutUint32(out, stream_id & 0x7fffffff);
  PutUint32(out, (static_cast<uint32_t>(flags) << 24) | static_cast<uint32_t>(data.size()));
  out.append(data);
  return out;
}

std::string FrameWriter::PingReply(std::string_view body) {
  return ControlFrame(ControlType::kPing, 0, body);
}

absl::StatusOr<std::vector<Frame>> FrameParser::Feed(std::string_view bytes) {
  buffer_.append(bytes);
  std::vector<Frame> frames;
  size_t at = 0;
  while (buffer_.size() - at >= kHeaderSize) {
    std::string_view head(buffer_.data() + at, kHeaderSize);
    uint32_t word = GetUint32(head, 0);
    uint32_t flags_length = GetUint32(head, 4);
    uint32_t length = flags_length & 0xffffff;
    if (length > kMaxFrameLength) return absl::InvalidArgumentError("SPDY frame too large");
    if (buffer_.size() - at < kHeaderSize + length) break;
    Frame frame;
    frame.control = (word & 0x80000000u) != 0;
    frame.flags = static_cast<uint8_t>(flags_length >> 24);
    frame.payload = buffer_.substr(at + kHeaderSize, length);
    if (frame.control) {
      uint16_t version = static_cast<uint16_t>((word >> 16) & 0x7fff);
      if (version != kVersion) {
        return absl::InvalidArgumentError(kube::StrCat("SPDY version ", version, " is not 3"));
      }
      frame.type = static_cast<uint16_t>(word & 0xffff);
      // Frames about one stream name it first.
      switch (static_cast<ControlType>(frame.type)) {
        case ControlType::kSynStream:
        case ControlType::kSynReply:
        case ControlType::kRstStream:
        case ControlType::kHeaders:
        case ControlType::kWindowUpdate:
          if (frame.payload.size() >= 4) frame.stream_id = GetUint32(frame.payload, 0) & 0x7fffffff;
          break;
        default:
          break;
      }
    } else {
      frame.stream_id = word & 0x7fffffff;
    }
    frames.push_back(std::move(frame));
    at += kHeaderSize + length;
  }
  buffer_.erase(0, at);
  return frames;
}

}  // namespace kube::spdy

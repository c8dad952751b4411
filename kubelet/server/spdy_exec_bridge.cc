#include "kubelet/server/spdy_exec_bridge.h"

#include "common/util/strings.h"

namespace kube::kubelet {

using websocket::ChannelMessage;

SpdyExecBridge::SpdyExecBridge(const ExecRequest& exec) : exec_(exec) {
  uint32_t next = 1;
  error_ = next;
  if (exec_.use_stdin) stdin_ = next += 2;
  if (exec_.use_stdout) stdout_ = next += 2;
  if (exec_.use_stderr && !exec_.tty) stderr_ = next += 2;
  if (exec_.tty) resize_ = next += 2;
}

absl::StatusOr<std::string> SpdyExecBridge::OpenStreams() {
  // The runtime names each stream by its "streamType" header and starts the
  // command once all it expects are open.
  std::string frames;
  for (auto [id, type] : {std::pair{error_, "error"}, std::pair{stdin_, "stdin"},
                          std::pair{stdout_, "stdout"}, std::pair{stderr_, "stderr"},
                          std::pair{resize_, "resize"}}) {
    if (id == 0) continue;
    absl::StatusOr<std::string> frame = writer_.SynStream(id, {{"streamtype", type}});
    if (!frame.ok()) return frame.status();
    frames += *frame;
  }
  return frames;
}

absl::Status SpdyExecBridge::Prime(std::string_view bytes) {
  std::string to_peer;
  return Handle(bytes, to_peer, done_);
}

absl::Status SpdyExecBridge::FromClient(const ChannelMessage& message, std::string& to_peer) {
  switch (message.channel) {
    case websocket::kStdin:
      if (stdin_ != 0 && !stdin_closed_) to_peer += spdy::FrameWriter::Data(stdin_, message.data);
      break;
    case websocket::kResize:
      if (resize_ != 0) to_peer += spdy::FrameWriter::Data(resize_, message.data);
      break;
    case websocket::kClose:
      // v5: the client is done with a channel; for stdin that is end of input.
      if (!message.data.empty() && static_cast<uint8_t>(message.data[0]) == websocket::kStdin &&
          stdin_ != 0 && !stdin_closed_) {
        stdin_closed_ = true;
        to_peer += spdy::FrameWriter::Data(stdin_, "", spdy::kFlagFin);
      }
      break;
    default:
      break;  // nothing else flows from the client
  }
  return absl::OkStatus();
}

absl::Status SpdyExecBridge::FromPeer(std::string_view bytes, std::vector<ChannelMessage>& to_client,
                                      std::string& to_peer, bool& done) {
  absl::Status handled = absl::OkStatus();
  if (bytes.empty()) {
    done_ = true;  // the runtime closed the connection
  } else {
    handled = Handle(bytes, to_peer, done_);
  }
  if (done_ && !error_status_.empty()) {
    pending_.push_back({websocket::kError, std::move(error_status_)});
    error_status_.clear();
  }
  for (ChannelMessage& message : pending_) to_client.push_back(std::move(message));
  pending_.clear();
  done = done_;
  return handled;
}

absl::Status SpdyExecBridge::Handle(std::string_view bytes, std::string& to_peer, bool& done) {
  absl::StatusOr<std::vector<spdy::Frame>> frames = parser_.Feed(bytes);
  if (!frames.ok()) return frames.status();
  for (spdy::Frame& frame : *frames) {
    if (!frame.control) {
      if (frame.stream_id == stdout_ && stdout_ != 0 && !frame.payload.empty()) {
        pending_.push_back({websocket::kStdout, std::move(frame.payload)});
      } else if (frame.stream_id == stderr_ && stderr_ != 0 && !frame.payload.empty()) {
        pending_.push_back({websocket::kStderr, std::move(frame.payload)});
      } else if (frame.stream_id == error_) {
        error_status_ += frame.payload;
        if ((frame.flags & spdy::kFlagFin) != 0 && !error_status_.empty()) {
          pending_.push_back({websocket::kError, std::move(error_status_)});
          error_status_.clear();
        }
      }
      continue;
    }
    switch (static_cast<spdy::ControlType>(frame.type)) {
      case spdy::ControlType::kPing:
        to_peer += spdy::FrameWriter::PingReply(frame.payload);
        break;
      case spdy::ControlType::kGoAway:
        done = true;
        break;
      default:
        break;  // replies, settings, window updates: nothing to do for a client
    }
  }
  return absl::OkStatus();
}

}  // namespace kube::kubelet

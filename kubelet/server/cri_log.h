#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kubelet/server/log_options.h"

namespace kube::kubelet {

// One line of a CRI container log file:
//   <RFC 3339 time> <stdout|stderr> <F|P> <text>
// where P marks a partial line (the runtime split a long line; the next records
// continue it) and F a full one (or the last piece).
struct CriLogRecord {
  absl::Time time;
  std::string_view timestamp;  // the time as written, e.g. 2024-05-01T10:00:00.123456789Z
  std::string_view stream;     // "stdout" or "stderr"
  bool partial = false;
  std::string_view content;
};

// Parses one line (without its newline); InvalidArgument for anything else. The
// views point into `line`.
absl::StatusOr<CriLogRecord> ParseCriLogLine(std::string_view line);

// Receives what the client sees; false when it no longer wants more (gone).
using LogSink = std::function<bool(std::string_view)>;

// Turns CRI log lines into the text a client sees, applying `since`,
// `timestamps` and `limit_bytes` (tail and follow are the reader's business).
// Malformed lines are skipped, as upstream does.
class LogFormatter {
 public:
  LogFormatter(const LogOptions& options, LogSink sink);
  // Handles one line of the file. False once the sink refused or the byte limit
  // was reached: the caller stops.
  bool Add(std::string_view line);

 private:
  bool Emit(std::string_view text);

  const LogOptions options_;
  const LogSink sink_;
  bool at_line_start_ = true;  // the next record starts a line (timestamps go there)
  int64_t written_ = 0;
};

// The offset in the file at `path` where its last `lines` full lines begin (0
// when it has fewer). NotFound when there is no such file.
absl::StatusOr<int64_t> TailStartOffset(const std::string& path, int64_t lines);

// Streams the CRI log at `path` to `sink` as `options` say. When it follows,
// a drained file is watched for more until `keep_following` (asked every 100 ms
// meanwhile) says no; what was written by then is still sent. A missing file is
// an empty log (followed until it appears or `keep_following` says no).
absl::Status StreamCriLog(const std::string& path, const LogOptions& options,
                          const LogSink& sink, const std::function<bool()>& keep_following);

}  // namespace kube::kubelet

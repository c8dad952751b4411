#include "kubelet/server/cri_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "absl/time/clock.h"
#include "common/util/strings.h"

namespace kube::kubelet {

absl::StatusOr<CriLogRecord> ParseCriLogLine(std::string_view line) {
  auto next_field = [&line](std::string_view& field) {
    size_t space = line.find(' ');
    if (space == std::string_view::npos) return false;
    field = line.substr(0, space);
    line.remove_prefix(space + 1);
    return true;
  };
  CriLogRecord record;
  std::string_view tag;
  if (!next_field(record.timestamp) || !next_field(record.stream)) {
    return absl::InvalidArgumentError("not a CRI log line");
  }
  // The tag may be the last field when the text is empty ("... stdout F").
  if (!next_field(tag)) {
    tag = line;
    line = {};
  }
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(record.timestamp), &record.time, &error)) {
    return absl::InvalidArgumentError("bad time in CRI log line");
  }
  if (record.stream != "stdout" && record.stream != "stderr") {
    return absl::InvalidArgumentError("bad stream in CRI log line");
  }
  if (tag.empty()) return absl::InvalidArgumentError("bad tag in CRI log line");
  // Tags may carry more flags after ':' in future CRI versions; P is the first.
  record.partial = tag[0] == 'P';
  record.content = line;
  return record;
}

LogFormatter::LogFormatter(const LogOptions& options, LogSink sink)
    : options_(options), sink_(std::move(sink)) {}

bool LogFormatter::Emit(std::string_view text) {
  if (options_.limit_bytes.has_value()) {
    int64_t room = *options_.limit_bytes - written_;
    if (room <= 0) return false;
    if (static_cast<int64_t>(text.size()) > room) text = text.substr(0, static_cast<size_t>(room));
  }
  written_ += static_cast<int64_t>(text.size());
  if (!sink_(text)) return false;
  return !options_.limit_bytes.has_value() || written_ < *options_.limit_bytes;
}

bool LogFormatter::Add(std::string_view line) {
  absl::StatusOr<CriLogRecord> record = ParseCriLogLine(line);
  if (!record.ok()) return true;
  if (options_.since.has_value() && record->time < *options_.since) return true;
  std::string text;
  if (options_.timestamps && at_line_start_) kube::StrAppend(&text, record->timestamp, " ");
  text.append(record->content);
  if (!record->partial) text.push_back('\n');
  at_line_start_ = !record->partial;
  return Emit(text);
}

absl::StatusOr<int64_t> TailStartOffset(const std::string& path, int64_t lines) {
  // Reads backwards from the end, so that the tail of a long log costs what the
  // tail holds, not the whole file.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError(kube::StrCat("no log file ", path));
  struct stat info {};
  fstat(fd, &info);
  int64_t count = 0;   // full lines seen, from the end
  int64_t found = -1;  // the answer, once known
  // Whether the line [start, newline] ends a full line, counting it if so; the
  // tag is within the line's first bytes.
  auto ends_tail = [&](int64_t start, int64_t newline) {
    char prefix[128];
    ssize_t got = pread(fd, prefix, std::min<int64_t>(sizeof(prefix), newline - start), start);
    absl::StatusOr<CriLogRecord> record =
        ParseCriLogLine(std::string_view(prefix, got > 0 ? static_cast<size_t>(got) : 0));
    if (record.ok() && record->partial) return false;  // the line goes on in the next record
    if (++count <= lines) return false;
    found = newline + 1;
    return true;
  };
  char block[65536];
  int64_t position = info.st_size;
  int64_t line_end = -1;  // the newline ending the line being looked at (an
                          // unfinished last line is not one yet)
  while (position > 0 && found < 0) {
    int64_t size = std::min<int64_t>(sizeof(block), position);
    position -= size;
    if (pread(fd, block, size, position) != size) break;
    for (int64_t i = size - 1; i >= 0 && found < 0; --i) {
      if (block[i] != '\n') continue;
      if (line_end >= 0) ends_tail(position + i + 1, line_end);
      line_end = position + i;
    }
  }
  if (found < 0 && line_end >= 0) ends_tail(0, line_end);
  close(fd);
  return found < 0 ? 0 : found;
}

absl::Status StreamCriLog(const std::string& path, const LogOptions& options,
                          const LogSink& sink, const std::function<bool()>& keep_following) {
  int64_t start = 0;
  if (options.tail_lines.has_value()) {
    absl::StatusOr<int64_t> offset = TailStartOffset(path, *options.tail_lines);
    if (offset.ok()) start = *offset;
  }
  LogFormatter formatter(options, sink);
  std::ifstream in;
  std::string pending;  // a line the runtime has not finished writing yet
  char buffer[16384];
  while (true) {
    if (!in.is_open()) {
      in.open(path, std::ios::binary);
      if (in.is_open()) in.seekg(start);
    }
    bool progressed = false;
    if (in.is_open()) {
      in.clear();
      while (in.read(buffer, sizeof(buffer)), in.gcount() > 0) {
        progressed = true;
        pending.append(buffer, static_cast<size_t>(in.gcount()));
        size_t begin = 0;
        for (size_t newline; (newline = pending.find('\n', begin)) != std::string::npos;
             begin = newline + 1) {
          if (!formatter.Add(std::string_view(pending).substr(begin, newline - begin))) {
            return absl::OkStatus();
          }
        }
        pending.erase(0, begin);
      }
    }
    if (!options.follow) break;
    if (!progressed) {
      // Drained: ask whether more can come, then look again once more before
      // ending, so lines written just before the container exited still go out.
      if (!keep_following()) {
        if (in.is_open()) {
          in.clear();
          while (in.read(buffer, sizeof(buffer)), in.gcount() > 0) {
            pending.append(buffer, static_cast<size_t>(in.gcount()));
          }
        }
        size_t begin = 0;
        for (size_t newline; (newline = pending.find('\n', begin)) != std::string::npos;
             begin = newline + 1) {
          if (!formatter.Add(std::string_view(pending).substr(begin, newline - begin))) break;
        }
        break;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
  }
  return absl::OkStatus();
}

}  // namespace kube::kubelet

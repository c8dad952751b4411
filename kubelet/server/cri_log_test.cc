#include "kubelet/server/cri_log.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/time/clock.h"

namespace kube::kubelet {
namespace {

constexpr char kLog[] =
    "2024-05-01T10:00:00.000000001Z stdout F one\n"
    "2024-05-01T10:00:01.5Z stderr F two\n"
    "2024-05-01T10:00:02Z stdout P thr\n"
    "2024-05-01T10:00:02.1Z stdout F ee\n"
    "not a log line\n"
    "2024-05-01T10:00:03Z stdout F four\n";

std::string Format(const LogOptions& options, const std::string& text = kLog) {
  std::string out;
  LogFormatter formatter(options, [&out](std::string_view piece) {
    out.append(piece);
    return true;
  });
  size_t begin = 0;
  for (size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
    if (!formatter.Add(std::string_view(text).substr(begin, end - begin))) break;
  }
  return out;
}

class TempLog {
 public:
  TempLog() {
    path_ = std::filesystem::temp_directory_path() /
            ("cri_log_test_" + std::to_string(getpid()) + "_" + std::to_string(counter_++));
  }
  ~TempLog() { std::filesystem::remove(path_); }
  void Append(const std::string& text) {
    std::ofstream out(path_, std::ios::app);
    out << text;
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST_CASE("CRI log lines parse into time, stream, tag and text") {
  absl::StatusOr<CriLogRecord> record =
      ParseCriLogLine("2024-05-01T10:00:00.123456789Z stderr P some text here");
  REQUIRE(record.ok());
  CHECK(record->stream == "stderr");
  CHECK(record->partial);
  CHECK(record->content == "some text here");
  CHECK(record->timestamp == "2024-05-01T10:00:00.123456789Z");
  CHECK(absl::ToUnixNanos(record->time) % 1000000000 == 123456789);
  record = ParseCriLogLine("2024-05-01T10:00:00Z stdout F");
  REQUIRE(record.ok());
  CHECK(record->content.empty());
  CHECK_FALSE(record->partial);
  CHECK_FALSE(ParseCriLogLine("garbage").ok());
  CHECK_FALSE(ParseCriLogLine("2024-05-01T10:00:00Z stdnet F x").ok());
  CHECK_FALSE(ParseCriLogLine("yesterday stdout F x").ok());
}

TEST_CASE("the formatter joins partial lines and skips malformed ones") {
  CHECK(Format({}) == "one\ntwo\nthree\nfour\n");
}

TEST_CASE("timestamps prefix each line once") {
  LogOptions options;
  options.timestamps = true;
  CHECK(Format(options) ==
        "2024-05-01T10:00:00.000000001Z one\n2024-05-01T10:00:01.5Z two\n"
        "2024-05-01T10:00:02Z three\n2024-05-01T10:00:03Z four\n");
}

TEST_CASE("since drops earlier lines and limitBytes cuts the output") {
  LogOptions options;
  absl::Time since;
  std::string error;
  REQUIRE(absl::ParseTime(absl::RFC3339_full, "2024-05-01T10:00:01Z", &since, &error));
  options.since = since;
  CHECK(Format(options) == "two\nthree\nfour\n");
  LogOptions limited;
  limited.limit_bytes = 6;
  CHECK(Format(limited) == "one\ntw");
}

TEST_CASE("tail starts at the last N full lines") {
  TempLog log;
  log.Append(kLog);
  LogOptions options;
  options.tail_lines = 2;
  std::string out;
  auto sink = [&out](std::string_view piece) {
    out.append(piece);
    return true;
  };
  REQUIRE(StreamCriLog(log.path(), options, sink, [] { return false; }).ok());
  CHECK(out == "four\n");  // the malformed line counts as a line, as in the file
  out.clear();
  options.tail_lines = 3;
  REQUIRE(StreamCriLog(log.path(), options, sink, [] { return false; }).ok());
  CHECK(out == "three\nfour\n");
  out.clear();
  options.tail_lines = 0;
  REQUIRE(StreamCriLog(log.path(), options, sink, [] { return false; }).ok());
  CHECK(out.empty());
  out.clear();
  options.tail_lines = 100;
  REQUIRE(StreamCriLog(log.path(), options, sink, [] { return false; }).ok());
  CHECK(out == "one\ntwo\nthree\nfour\n");
  CHECK(absl::IsNotFound(TailStartOffset(log.path() + ".missing", 1).status()));
}

TEST_CASE("tail of a log longer than a read block") {
  TempLog log;
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += "2024-05-01T10:00:00Z stdout F line " + std::to_string(i) + " " +
            std::string(20, 'x') + "\n";
  }
  text += "2024-05-01T10:00:00Z stdout F unfinis";  // the runtime is still writing it
  log.Append(text);
  LogOptions options;
  options.tail_lines = 3000;
  int64_t count = 0;
  std::string first;
  REQUIRE(StreamCriLog(log.path(), options,
                       [&](std::string_view piece) {
                         if (count++ == 0) first = std::string(piece);
                         return true;
                       },
                       [] { return false; })
              .ok());
  CHECK(count == 3000);
  CHECK(first.rfind("line 2000 ", 0) == 0);
}

TEST_CASE("follow streams lines as they are written and ends when told") {
  TempLog log;
  log.Append("2024-05-01T10:00:00Z stdout F first\n");
  std::atomic<bool> running = true;
  std::string out;
  absl::Mutex mu;
  std::thread writer([&] {
    absl::SleepFor(absl::Milliseconds(300));
    log.Append("2024-05-01T10:00:01Z stdout F sec");  // a line written in two goes
    absl::SleepFor(absl::Milliseconds(300));
    log.Append("ond\n");
    log.Append("2024-05-01T10:00:02Z stdout F last\n");
    running = false;
  });
  LogOptions options;
  options.follow = true;
  absl::Time start = absl::Now();
  absl::Status streamed = StreamCriLog(
      log.path(), options,
      [&](std::string_view piece) {
        absl::MutexLock lock(&mu);
        out.append(piece);
        return true;
      },
      [&] { return running.load(); });
  writer.join();
  REQUIRE(streamed.ok());
  CHECK(out == "first\nsecond\nlast\n");
  CHECK(absl::Now() - start < absl::Seconds(5));
}

TEST_CASE("follow stops when the sink refuses") {
  TempLog log;
  log.Append("2024-05-01T10:00:00Z stdout F first\n2024-05-01T10:00:00Z stdout F second\n");
  LogOptions options;
  options.follow = true;
  int calls = 0;
  REQUIRE(StreamCriLog(
              log.path(), options, [&](std::string_view) { return ++calls < 1; },
              [] { return true; })
              .ok());
  CHECK(calls == 1);
}

}  // namespace
}  // namespace kube::kubelet

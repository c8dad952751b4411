#include "common/log/log.h"

#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace kube::log {
namespace {

std::atomic<int>& VerbosityLevel() {
  static std::atomic<int> level{0};
  return level;
}

char SeverityLetter(Severity severity) {
  switch (severity) {
    case Severity::kInfo: return 'I';
    case Severity::kWarning: return 'W';
    case Severity::kError: return 'E';
    case Severity::kFatal: return 'F';
  }
  return 'I';
}

std::string_view BaseName(const char* path) {
  std::string_view view(path);
  size_t slash = view.rfind('/');
  return slash == std::string_view::npos ? view : view.substr(slash + 1);
}

}  // namespace

void SetVerbosity(int level) { VerbosityLevel().store(level, std::memory_order_relaxed); }
int Verbosity() { return VerbosityLevel().load(std::memory_order_relaxed); }

LogMessage::LogMessage(Severity severity, const char* file, int line) : severity_(severity) {
  timeval now;
  gettimeofday(&now, nullptr);
  tm local;
  localtime_r(&now.tv_sec, &local);
  char header[64];
  std::snprintf(header, sizeof(header), "%c%02d%02d %02d:%02d:%02d.%06ld %7ld ",
                SeverityLetter(severity), local.tm_mon + 1, local.tm_mday, local.tm_hour,
                local.tm_min, local.tm_sec, static_cast<long>(now.tv_usec),
                static_cast<long>(syscall(SYS_gettid)));
  stream_ << header << BaseName(file) << ':' << line << "] ";
}

LogMessage::~LogMessage() {
  stream_ << '\n';
  // One write per line so lines from different threads do not interleave.
  std::string line = stream_.str();
  std::fwrite(line.data(), 1, line.size(), stderr);
  if (severity_ == Severity::kFatal) {
    std::fflush(stderr);
    std::abort();
  }
}

}  // namespace kube::log

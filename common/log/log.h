#pragma once

#include <sstream>
#include <string_view>

namespace kube::log {

enum class Severity { kInfo, kWarning, kError, kFatal };

// Verbosity for VLOG(n). Like klog, this is process-wide: it is set once from the
// -v flag before any thread starts and only read afterwards (an atomic underneath).
void SetVerbosity(int level);
int Verbosity();

// One log line in klog's format, written to stderr when the object is destroyed:
//   I1124 21:32:49.123456   12345 store.cc:88] message
// A kFatal line aborts the process after it is written.
class LogMessage {
 public:
  LogMessage(Severity severity, const char* file, int line);
  ~LogMessage();
  LogMessage(const LogMessage&) = delete;
  LogMessage& operator=(const LogMessage&) = delete;

  std::ostream& stream() { return stream_; }

 private:
  Severity severity_;
  std::ostringstream stream_;
};

}  // namespace kube::log

#define KLOG(severity) \
  ::kube::log::LogMessage(::kube::log::Severity::k##severity, __FILE__, __LINE__).stream()

#define VLOG(level) \
  if (::kube::log::Verbosity() < (level)) {} else KLOG(Info)

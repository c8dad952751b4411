#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace kube::testing {

// The outcome of a finished command.
struct CommandResult {
  int exit_code = -1;  // -1 if killed by a signal or it timed out
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs argv[0] (PATH is searched) with `input` on stdin, waits up to `timeout`
// (then SIGKILLs it) and collects its output. `env` entries ("K=V") are added to
// the inherited environment.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& input = "",
                         absl::Duration timeout = absl::Seconds(60),
                         const std::vector<std::string>& env = {});

// A child process left running, with stdout and stderr appended to `log_path`.
// The destructor SIGKILLs it if it is still running.
class Subprocess {
 public:
  Subprocess(const std::vector<std::string>& argv, const std::string& log_path);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  void Signal(int signal);
  // Waits up to `timeout` for the exit; returns the exit code, or -1 for a signal
  // or a timeout.
  int Wait(absl::Duration timeout);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

// A free TCP port on 127.0.0.1 (bound once and released; good enough for tests).
int FreePort();

// A fresh directory under /tmp, removed (recursively) by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

}  // namespace kube::testing

#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kube::proxy::runner {

// What a finished command did. A non-zero exit code is not an error of Run():
// callers decide (conntrack exits 1 when nothing matched, iptables -C exits 1
// when a rule is absent).
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the system's netfilter tools (iptables-restore, nft, conntrack). An
// interface so that rule generation and the sync logic are testable without root
// (FakeRunner), and so a test can run the real tools inside a network namespace
// (ExecRunner with an `nsenter --net=...` prefix). Implementations are safe to
// call from one thread at a time; the proxier's sync thread is the only caller.
class Runner {
 public:
  virtual ~Runner() = default;

  // Runs argv (argv[0] is looked up on PATH) with `input` on stdin, waits for it
  // and returns its exit code and output. An error only when it could not be
  // started at all or died from a signal.
  virtual absl::StatusOr<CommandResult> Run(const std::vector<std::string>& argv,
                                            std::string_view input = {}) = 0;
};

}  // namespace kube::proxy::runner

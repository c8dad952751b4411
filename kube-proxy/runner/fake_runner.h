#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kube-proxy/runner/runner.h"

namespace kube::proxy::runner {

// A Runner for unit tests: records every call and answers from a handler
// (exit 0 with no output when none is set). Not thread-safe; tests drive it from
// one thread.
class FakeRunner : public Runner {
 public:
  struct Call {
    std::vector<std::string> argv;
    std::string input;
  };
  using Handler = std::function<CommandResult(const Call&)>;

  void SetHandler(Handler handler) { handler_ = std::move(handler); }
  const std::vector<Call>& calls() const { return calls_; }
  void ClearCalls() { calls_.clear(); }
  // The calls whose argv[0] is `program`.
  std::vector<Call> CallsTo(const std::string& program) const;

  // Runner:
  absl::StatusOr<CommandResult> Run(const std::vector<std::string>& argv,
                                    std::string_view input) override;

 private:
  Handler handler_;
  std::vector<Call> calls_;
};

}  // namespace kube::proxy::runner

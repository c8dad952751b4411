#include "kube-proxy/runner/fake_runner.h"

namespace kube::proxy::runner {

std::vector<FakeRunner::Call> FakeRunner::CallsTo(const std::string& program) const {
  std::vector<Call> out;
  for (const Call& call : calls_) {
    if (!call.argv.empty() && call.argv[0] == program) out.push_back(call);
  }
  return out;
}

absl::StatusOr<CommandResult> FakeRunner::Run(const std::vector<std::string>& argv,
                                              std::string_view input) {
  calls_.push_back(Call{argv, std::string(input)});
  if (handler_) return handler_(calls_.back());
  CommandResult result;
  result.exit_code = 0;
  return result;
}

}  // namespace kube::proxy::runner

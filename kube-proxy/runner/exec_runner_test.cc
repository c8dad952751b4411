#include "kube-proxy/runner/exec_runner.h"

#include <catch2/catch.hpp>

namespace kube::proxy::runner {

TEST_CASE("ExecRunner feeds stdin and collects stdout, stderr and the exit code",
          "[kube-proxy][runner]") {
  std::unique_ptr<Runner> runner = NewExecRunner();
  std::string big(1 << 20, 'x');  // larger than a pipe buffer in both directions
  absl::StatusOr<CommandResult> result = runner->Run({"sh", "-c", "cat; echo oops >&2; exit 3"}, big);
  REQUIRE(result.ok());
  CHECK(result->exit_code == 3);
  CHECK(result->out == big);
  CHECK(result->err == "oops\n");
}

TEST_CASE("ExecRunner puts its prefix before every command", "[kube-proxy][runner]") {
  std::unique_ptr<Runner> runner = NewExecRunner({"env", "KP_TEST=1"});
  absl::StatusOr<CommandResult> result = runner->Run({"sh", "-c", "echo $KP_TEST"});
  REQUIRE(result.ok());
  CHECK(result->out == "1\n");
}

TEST_CASE("ExecRunner reports a missing program", "[kube-proxy][runner]") {
  std::unique_ptr<Runner> runner = NewExecRunner();
  absl::StatusOr<CommandResult> result = runner->Run({"/nonexistent/kp-no-such-tool"});
  CHECK(absl::IsNotFound(result.status()));
}

}  // namespace kube::proxy::runner

#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::kubelet::fake {

// How a fake container behaves once started. The default runs until stopped.
struct FakeBehavior {
  // How long it runs before it exits by itself; InfiniteDuration: until stopped.
  absl::Duration run_for = absl::InfiniteDuration();
  // Its exit code when it exits by itself.
  int32_t exit_code = 0;
  // It exits (after run_for) as the kernel's OOM killer ends it: code 137, reason
  // OOMKilled.
  bool oom_killed = false;
  // How long it takes to exit after SIGTERM. Longer than StopContainer's timeout
  // means it is SIGKILLed at the timeout (code 137).
  absl::Duration stop_delay = absl::ZeroDuration();
  // ExecSync (and so exec probes) fail with code 1 once it has run this long.
  absl::Duration exec_fail_after = absl::InfiniteDuration();
  // StartContainer fails with this message (as a runtime that cannot exec the
  // entrypoint would), when set.
  std::string start_error;
};

// The annotations that steer fake containers from a pod's manifest (the kubelet
// passes pod annotations to the sandbox). Each applies to every container of the
// pod; a ".<container>" suffix makes it apply to that container only and wins:
//
//   fake.kubelet.kube/exit-code: "1"          exit with this code (default 0) ...
//   fake.kubelet.kube/exit-after: "2s"        ... after running this long (default:
//                                             run forever, or 0s when exit-code or
//                                             oom is given)
//   fake.kubelet.kube/oom: "true"             be OOM-killed (137, OOMKilled) at exit
//   fake.kubelet.kube/stop-delay: "5s"        take this long to exit after SIGTERM
//   fake.kubelet.kube/probe-fail-after: "3s"  exec (probes) fails once running this long
//   fake.kubelet.kube/start-error: "msg"      StartContainer fails with msg
//
// e.g. `fake.kubelet.kube/exit-after.init: "1s"` lets an init container named
// "init" complete while the app containers run on.
inline constexpr char kFakeAnnotationPrefix[] = "fake.kubelet.kube/";

// The behavior of `container_name` under `annotations`; InvalidArgument naming the
// annotation when a value does not parse.
absl::StatusOr<FakeBehavior> BehaviorFromAnnotations(
    const std::map<std::string, std::string>& annotations, const std::string& container_name);

}  // namespace kube::kubelet::fake

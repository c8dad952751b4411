#pragma once

#include <algorithm>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace kube::testing {

// Asks `condition` until it holds or `timeout` passes, and returns its last answer:
// how tests wait for a state instead of sleeping a fixed time. It asks every 10 ms
// at first and backs off to every 250 ms, so quick conditions are seen at once and
// slow, costly ones (a kubectl run, a probe into a pod) do not load the machine.
template <typename Condition>
bool Eventually(Condition condition, absl::Duration timeout = absl::Seconds(30)) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::Duration interval = absl::Milliseconds(10);
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(std::min(interval, std::max(deadline - absl::Now(), absl::ZeroDuration())));
    interval = std::min(interval * 3 / 2, absl::Milliseconds(250));
  }
  return condition();
}

}  // namespace kube::testing

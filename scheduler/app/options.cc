#include "scheduler/app/options.h"

#include <algorithm>
#include <thread>

#include "scheduler/plugins/registry.h"

namespace kube::scheduler::app {

Options DefaultOptions() {
  Options options;
  options.profile = plugins::DefaultProfileSpec();
  // upstream defaults to 16 goroutines; threads beyond the cores only contend.
  options.parallelism =
      std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 16);
  return options;
}

}  // namespace kube::scheduler::app

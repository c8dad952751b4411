#include "common/daemon/daemon.h"

#include <pthread.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "common/log/log.h"
#include "common/version/version.h"

namespace kube::daemon {
namespace {

sigset_t TerminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

}  // namespace

std::optional<int> ParseCommandLine(flags::FlagSet& flags, int argc, char** argv) {
  if (absl::Status status = flags.Parse(argc, argv); !status.ok()) {
    std::cerr << "Error: " << status.message() << "\n\n" << flags.Usage();
    return 2;
  }
  if (flags.help_requested()) {
    std::cout << flags.Usage();
    return 0;
  }
  if (flags.version_requested()) {
    std::cout << version::VersionLine() << "\n";
    return 0;
  }
  return std::nullopt;
}

void BlockTerminationSignals() {
  sigset_t signals = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

void OnTerminationSignal(std::function<void()> shutdown) {
  std::thread([shutdown = std::move(shutdown)] {
    sigset_t signals = TerminationSignals();
    int received = 0;
    sigwait(&signals, &received);
    KLOG(Info) << "received signal " << received << ", shutting down";
    shutdown();
  }).detach();
}

}  // namespace kube::daemon

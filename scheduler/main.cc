// kube-scheduler: watches pending pods and nodes, picks a node for each pod and
// binds it there through the API.

#include <csignal>
#include <iostream>
#include <thread>

#include "common/client/grpc_transport.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"
#include "common/version/version.h"
#include "scheduler/app/flags.h"
#include "scheduler/app/scheduler_app.h"

int main(int argc, char** argv) {
  kube::scheduler::app::Options from_flags = kube::scheduler::app::DefaultOptions();
  kube::flags::FlagSet flags(
      "kube-scheduler",
      "The Kubernetes scheduler watches pods that have no node yet and binds each to a\n"
      "node that fits it, ranking the nodes that fit by a set of scoring plugins.");
  kube::scheduler::app::AddFlags(flags, from_flags);
  if (absl::Status status = flags.Parse(argc, argv); !status.ok()) {
    std::cerr << "Error: " << status.message() << "\n\n" << flags.Usage();
    return 2;
  }
  if (flags.help_requested()) {
    std::cout << flags.Usage();
    return 0;
  }
  if (flags.version_requested()) {
    std::cout << kube::version::VersionLine() << "\n";
    return 0;
  }
  absl::StatusOr<kube::scheduler::app::Options> options =
      kube::scheduler::app::FinishOptions(from_flags);
  if (!options.ok()) {
    std::cerr << "Error: " << options.status().message() << "\n";
    return 2;
  }

  // SIGTERM/SIGINT are handled on one thread: stop scheduling, release the lease.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto transport = kube::client::NewTransportFromKubeconfig(options->kubeconfig);
  if (!transport.ok()) {
    KLOG(Error) << "cannot reach the API server: " << transport.status();
    return 1;
  }
  auto app = kube::scheduler::app::SchedulerApp::Create(*options, std::move(*transport));
  if (!app.ok()) {
    KLOG(Error) << "cannot start: " << app.status();
    return 1;
  }
  std::thread signal_thread([&signals, &app] {
    int received = 0;
    sigwait(&signals, &received);
    KLOG(Info) << "received signal " << received << ", shutting down";
    (*app)->Shutdown();
  });
  signal_thread.detach();
  absl::Status status = (*app)->Run();
  if (!status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  KLOG(Info) << "stopped";
  return 0;
}

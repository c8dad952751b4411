// kube-proxy: watches Services and Endpoints and programs this node's packet
// filter (iptables or nftables) so that service IPs and node ports reach ready
// endpoints.

#include <iostream>

#include "common/client/grpc_transport.h"
#include "common/daemon/daemon.h"
#include "common/daemon/systemd_notify.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"
#include "kube-proxy/app/backends.h"
#include "kube-proxy/app/flags.h"
#include "kube-proxy/app/proxy_app.h"
#include "kube-proxy/runner/exec_runner.h"

namespace {

// --cleanup: remove what every mode may have written, as upstream does.
int Cleanup(const kube::proxy::app::Options& options) {
  std::unique_ptr<kube::proxy::runner::Runner> runner = kube::proxy::runner::NewExecRunner();
  int exit_code = 0;
  for (const char* const* mode = kube::proxy::app::BackendModes(); *mode != nullptr; ++mode) {
    auto backend = kube::proxy::app::NewBackend(*mode, {options.cluster_cidr, options.masquerade_all},
                                                *runner);
    absl::Status status = backend.ok() ? (*backend)->Cleanup() : backend.status();
    if (!status.ok()) {
      KLOG(Error) << "cleanup of " << *mode << " rules failed: " << status;
      exit_code = 1;
    }
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  kube::proxy::app::Options options;
  kube::flags::FlagSet flags(
      "kube-proxy",
      "The Kubernetes network proxy runs on each node. It watches Services and Endpoints\n"
      "and programs iptables or nftables rules that send traffic for a service's cluster\n"
      "IP, node port and load-balancer IPs to its ready endpoints.");
  kube::proxy::app::AddFlags(flags, options);
  if (std::optional<int> exit_code = kube::daemon::ParseCommandLine(flags, argc, argv)) {
    return *exit_code;
  }
  if (absl::Status status = kube::proxy::app::Validate(options); !status.ok()) {
    std::cerr << "Error: " << status.message() << "\n";
    return 2;
  }
  if (options.cleanup) return Cleanup(options);

  // SIGTERM/SIGINT are handled on one thread: stop syncing; rules stay.
  kube::daemon::BlockTerminationSignals();

  auto transport = kube::client::NewTransportFromKubeconfig(options.kubeconfig);
  if (!transport.ok()) {
    KLOG(Error) << "cannot reach the API server: " << transport.status();
    return 1;
  }
  auto app = kube::proxy::app::ProxyApp::Create(options, std::move(*transport),
                                                kube::proxy::runner::NewExecRunner());
  if (!app.ok()) {
    KLOG(Error) << "cannot start: " << app.status();
    return 1;
  }
  kube::daemon::SystemdNotifier systemd;
  kube::daemon::OnTerminationSignal([&app, &systemd] {
    systemd.Stopping();
    (*app)->Shutdown();
  });
  absl::Status status = (*app)->Run([&systemd] { systemd.Ready("rules programmed"); });
  if (!status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  KLOG(Info) << "stopped";
  return 0;
}

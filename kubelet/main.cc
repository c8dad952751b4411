// kubelet: the node agent. Registers the node, renews its lease, and runs the pods
// bound to it through a container runtime (containerd over CRI, or a simulated one).

#include <iostream>

#include "common/client/grpc_transport.h"
#include "common/daemon/daemon.h"
#include "common/daemon/systemd_notify.h"
#include "common/util/strings.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"
#include "kubelet/app/kubelet.h"
#include "kubelet/certificate/client_bootstrap.h"
#include "kubelet/app/kubelet_flags.h"
#include "kubelet/app/runtime_factory.h"
#include "kubelet/node/machine_info.h"

int main(int argc, char** argv) {
  kube::kubelet::KubeletOptions options;
  kube::kubelet::RawKubeletFlags raw;
  kube::flags::FlagSet flags(
      "kubelet",
      "The kubelet is the primary node agent. It registers the node with the API server,\n"
      "keeps its status and lease current, and runs the pods bound to the node through\n"
      "the container runtime, reporting their status.");
  kube::kubelet::AddKubeletFlags(flags, options, raw);
  if (std::optional<int> exit_code = kube::daemon::ParseCommandLine(flags, argc, argv)) {
    return *exit_code;
  }
  if (absl::Status status = kube::kubelet::FinishKubeletOptions(raw, options); !status.ok()) {
    std::cerr << "Error: " << status.message() << "\n";
    return 2;
  }

  kube::daemon::BlockTerminationSignals();

  if (!options.bootstrap_kubeconfig.empty()) {
    kube::kubelet::ClientBootstrapOptions bootstrap;
    bootstrap.kubeconfig = options.kubeconfig;
    bootstrap.bootstrap_kubeconfig = options.bootstrap_kubeconfig;
    bootstrap.node_name = options.node_name;
    if (absl::Status status = kube::kubelet::EnsureClientCertificate(bootstrap); !status.ok()) {
      KLOG(Error) << "TLS bootstrap failed: " << status;
      return 1;
    }
  }
  auto transport = kube::client::NewTransportFromKubeconfig(options.kubeconfig);
  if (!transport.ok()) {
    KLOG(Error) << "cannot reach the API server: " << transport.status();
    return 1;
  }
  auto runtime = kube::kubelet::NewRuntimeForEndpoint(options);
  if (!runtime.ok()) {
    KLOG(Error) << "cannot use the container runtime: " << runtime.status();
    return 1;
  }
  kube::kubelet::MachineInfo machine =
      kube::kubelet::ReadMachineInfo(options.root_dir, options.node_ip);
  auto kubelet = kube::kubelet::Kubelet::Create(options, std::move(*transport), std::move(*runtime),
                                                std::move(machine));
  if (!kubelet.ok()) {
    KLOG(Error) << "cannot start: " << kubelet.status();
    return 1;
  }
  kube::daemon::SystemdNotifier systemd;
  kube::daemon::OnTerminationSignal([&kubelet, &systemd] {
    systemd.Stopping();
    (*kubelet)->Shutdown();
  });
  if (absl::Status status = (*kubelet)->Run([&systemd] { systemd.Ready("pod workers running"); });
      !status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  return 0;
}

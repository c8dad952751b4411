// kubelet: the node agent. Registers the node, renews its lease, and runs the pods
// bound to it through a container runtime (containerd over CRI, or a simulated one).

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "common/client/grpc_transport.h"
#include "common/daemon/daemon.h"
#include "common/daemon/systemd_notify.h"
#include "common/util/strings.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"
#include "kubelet/app/kubelet.h"
#include "kubelet/certificate/client_bootstrap.h"
#include "kubelet/certificate/rotation.h"
#include "kubelet/certificate/serving_certificate.h"
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
  kube::kubelet::MachineInfo machine =
      kube::kubelet::ReadMachineInfo(options.root_dir, options.node_ip);
  kube::kubelet::RotationOptions rotation;
  if (options.rotate_certificates) rotation.client_kubeconfig = options.kubeconfig;
  if (options.rotate_server_certificates) {
    kube::kubelet::ServingCertificateOptions serving;
    serving.kubeconfig = options.kubeconfig;
    serving.cert_dir = options.cert_dir;
    serving.node_name = options.node_name;
    serving.dns_names = {options.node_name};
    if (!machine.hostname.empty() && machine.hostname != options.node_name) {
      serving.dns_names.push_back(machine.hostname);
    }
    if (!machine.internal_ip.empty()) serving.ip_addresses = {machine.internal_ip};
    absl::StatusOr<kube::kubelet::ServingCertificateFiles> files =
        kube::kubelet::EnsureServingCertificate(serving);
    if (!files.ok()) {
      KLOG(Error) << "no serving certificate: " << files.status();
      return 1;
    }
    options.tls_cert_file = files->cert_file;
    options.tls_private_key_file = files->key_file;
    rotation.serving = serving;
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
  // A rotated certificate is loaded by restarting in place (same pid, same flags):
  // the containers keep running and are adopted again, as after any restart.
  std::atomic<bool> rotated{false};
  std::unique_ptr<kube::kubelet::CertificateRotator> rotator;
  if (!rotation.client_kubeconfig.empty() || rotation.serving.has_value()) {
    rotator = std::make_unique<kube::kubelet::CertificateRotator>(rotation, [&rotated, &kubelet] {
      rotated = true;
      (*kubelet)->Shutdown();
    });
    rotator->Start();
  }
  absl::Status status = (*kubelet)->Run([&systemd] { systemd.Ready("pod workers running"); });
  rotator.reset();
  if (!status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  if (rotated) {
    KLOG(Info) << "restarting to load the rotated certificates";
    kubelet->reset();
    execv("/proc/self/exe", argv);
    KLOG(Error) << "restart failed: " << std::strerror(errno);
    return 1;
  }
  return 0;
}

#include "tests/support/control_plane_process.h"

#include <signal.h>

#include <httplib.h>

#include "tests/support/api_client.h"

namespace kube::testing {

TlsIdentity ControlPlaneProcess::ServingIdentity() {
  return TestPki::Shared().IssueServing("control-plane", {"127.0.0.1", "localhost"});
}

ControlPlaneProcess::ControlPlaneProcess(ControlPlaneSpec spec, const ApiServerProcess& server,
                                         std::vector<std::string> extra_flags, bool use_grpc)
    : spec_(std::move(spec)), extra_flags_(std::move(extra_flags)) {
  log_path_ = dir_.path() + "/" + spec_.binary + ".log";
  kubeconfig_ = dir_.path() + "/" + spec_.binary + ".kubeconfig";
  port_ = FreePort();
  WriteTestKubeconfig(kubeconfig_, use_grpc ? server.grpc_url() : server.url(),
                      TestPki::Shared().Issue(spec_.user, spec_.groups));
}

ControlPlaneProcess::~ControlPlaneProcess() {
  if (process_) Kill9();
}

bool ControlPlaneProcess::Start(std::string* why) {
  const TlsIdentity serving = ServingIdentity();
  std::vector<std::string> argv = {BinDir() + "/" + spec_.binary,
                                   "--kubeconfig", kubeconfig_,
                                   "--secure-port", std::to_string(port_),
                                   "--bind-address", "127.0.0.1",
                                   "--tls-cert-file", serving.cert_file,
                                   "--tls-private-key-file", serving.key_file,
                                   "--client-ca-file", TestPki::Shared().ca_file()};
  argv.insert(argv.end(), spec_.default_flags.begin(), spec_.default_flags.end());
  argv.insert(argv.end(), extra_flags_.begin(), extra_flags_.end());
  process_ = std::make_unique<Subprocess>(argv, log_path_);
  // The ready path is open to anyone; the certificate is not checked here, so a
  // test may have the daemon make its own (--tls-cert-file=).
  httplib::SSLClient client("127.0.0.1", port_);
  client.enable_server_certificate_verification(false);
  client.set_connection_timeout(0, 200000);
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    if (!process_->running()) break;
    auto result = client.Get(spec_.ready_path);
    if (result && result->status == 200) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  if (why != nullptr) {
    *why = spec_.binary + " did not answer " + spec_.ready_path + " with 200; log:\n" + log();
  }
  return false;
}

void ControlPlaneProcess::Kill9() {
  if (!process_) return;
  process_->Signal(SIGKILL);
  process_->Wait(absl::Seconds(10));
  process_.reset();
}

int ControlPlaneProcess::Terminate() {
  if (!process_) return -1;
  process_->Signal(SIGTERM);
  int code = process_->Wait(absl::Seconds(20));
  process_.reset();
  return code;
}

bool ControlPlaneProcess::Restart(std::string* why) {
  Kill9();
  return Start(why);
}

std::string ControlPlaneProcess::LogTail(size_t bytes) const {
  std::string text = log();
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

std::string ControlPlaneProcess::Metrics() const {
  ApiClient client = ApiClient::Daemon(port_, TestPki::Shared().admin());
  client.raw().set_connection_timeout(1, 0);
  HttpResult result = client.Get("/metrics", "*/*");
  return result.status == 200 ? result.body : "";
}

}  // namespace kube::testing

#include "tests/support/apiserver_process.h"

#include <signal.h>
#include <unistd.h>

#include <httplib.h>

namespace kube::testing {

std::string BinDir() { return KUBE_BIN_DIR; }
std::string SourceDir() { return KUBE_SOURCE_DIR; }

ApiServerProcess::ApiServerProcess(std::vector<std::string> extra_flags)
    : extra_flags_(std::move(extra_flags)) {
  data_dir_ = dir_.path() + "/data";
  log_path_ = dir_.path() + "/apiserver.log";
  kubeconfig_ = dir_.path() + "/admin.kubeconfig";
  port_ = FreePort();
  grpc_port_ = FreePort();
  WriteTestKubeconfig(kubeconfig_, url(), TestPki::Shared().admin());
}

std::string ApiServerProcess::KubeconfigFor(const TlsIdentity& identity, bool grpc) const {
  std::string path = dir_.path() + "/client-" + std::to_string(++kubeconfigs_written_) +
                     ".kubeconfig";
  WriteTestKubeconfig(path, grpc ? grpc_url() : url(), identity);
  return path;
}

std::string ApiServerProcess::KubeconfigWithToken(const std::string& token) const {
  std::string path = dir_.path() + "/client-" + std::to_string(++kubeconfigs_written_) +
                     ".kubeconfig";
  WriteTestKubeconfig(path, url(), {}, token);
  return path;
}

ApiServerProcess::~ApiServerProcess() {
  if (process_) Kill9();
}

bool ApiServerProcess::Start(std::string* why) {
  const TestPki& pki = TestPki::Shared();
  std::vector<std::string> argv = {
      BinDir() + "/kube-apiserver",
      "--data-dir", data_dir_,
      "--bind-address", "127.0.0.1",
      "--secure-port", std::to_string(port_),
      "--tls-cert-file", pki.apiserver_cert_file(),
      "--tls-private-key-file", pki.apiserver_key_file(),
      "--client-ca-file", pki.ca_file(),
      "--service-account-key-file", pki.service_account_public_key_file(),
      "--service-account-signing-key-file", pki.service_account_key_file(),
      "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
      "--kubelet-client-certificate", pki.apiserver_kubelet_client().cert_file,
      "--kubelet-client-key", pki.apiserver_kubelet_client().key_file,
      "--kubelet-certificate-authority", pki.ca_file()};
  // Without a controller-manager nobody makes namespaces' default ServiceAccounts,
  // so ServiceAccount admission is off unless a test asks for admission plugins
  // (as upstream's own integration tests run their apiservers).
  bool admission_flags = false;
  for (const std::string& flag : extra_flags_) {
    if (flag.rfind("--enable-admission-plugins", 0) == 0 ||
        flag.rfind("--disable-admission-plugins", 0) == 0) {
      admission_flags = true;
    }
  }
  if (!admission_flags) argv.push_back("--disable-admission-plugins=ServiceAccount");
  for (std::string flag : extra_flags_) {
    // "--grpc-port=auto" asks for the port chosen above.
    if (flag == "--grpc-port=auto") flag = "--grpc-port=" + std::to_string(grpc_port_);
    argv.push_back(flag);
  }
  process_ = std::make_unique<Subprocess>(argv, log_path_);
  httplib::SSLClient client("127.0.0.1", port_, pki.admin().cert_file, pki.admin().key_file);
  client.set_ca_cert_path(pki.ca_file().c_str());
  client.enable_server_certificate_verification(true);
  client.set_connection_timeout(0, 200000);
  client.set_tcp_nodelay(true);
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    if (!process_->running()) break;
    auto result = client.Get("/readyz");
    if (result && result->status == 200) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  if (why != nullptr) *why = "kube-apiserver did not become ready; log:\n" + log();
  return false;
}

void ApiServerProcess::Kill9() {
  if (!process_) return;
  process_->Signal(SIGKILL);
  process_->Wait(absl::Seconds(10));
  process_.reset();
}

int ApiServerProcess::Terminate() {
  if (!process_) return -1;
  process_->Signal(SIGTERM);
  int code = process_->Wait(absl::Seconds(20));
  process_.reset();
  return code;
}

bool ApiServerProcess::Restart(std::string* why) {
  Kill9();
  return Start(why);
}

Kubectl::Kubectl(const ApiServerProcess& server) : kubeconfig_(server.kubeconfig()) {}

Kubectl::Kubectl(std::string kubeconfig) : kubeconfig_(std::move(kubeconfig)) {}

Kubectl::Kubectl(const ApiServerProcess& server, std::string binary)
    : kubeconfig_(server.kubeconfig()), binary_(std::move(binary)) {}

CommandResult Kubectl::Run(const std::vector<std::string>& args, const std::string& input,
                           absl::Duration timeout, const std::vector<std::string>& env) const {
  std::vector<std::string> argv = {binary_, "--kubeconfig", kubeconfig_, "--cache-dir",
                                   cache_.path()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> environment = {"HOME=" + cache_.path()};
  environment.insert(environment.end(), env.begin(), env.end());
  return RunCommand(argv, input, timeout, environment);
}

bool Kubectl::Available() { return access("/usr/bin/kubectl", X_OK) == 0; }

std::string Kubectl::Release(const std::string& minor) {
  std::string path = "/usr/lib/google-cloud-sdk/bin/kubectl." + minor;
  return access(path.c_str(), X_OK) == 0 ? path : "";
}

}  // namespace kube::testing

#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/subprocess.h"
#include "tests/support/test_pki.h"

namespace kube::testing {

// Where CMake put the binaries and the source tree (compile definitions).
std::string BinDir();
std::string SourceDir();

// The real kube-apiserver binary on a private data dir and a free loopback port,
// for integration tests. It serves HTTPS (and gRPC over TLS) with the test PKI
// (TestPki::Shared()) and authorizes with RBAC, as a deployed one does; tests talk
// to it as the admin (system:masters) unless they ask for another identity.
// ServiceAccount admission is off (no controller-manager makes default accounts)
// unless the flags name admission plugins (--enable-admission-plugins=...).
// Restart() keeps the data dir; the destructor kills it.
class ApiServerProcess {
 public:
  explicit ApiServerProcess(std::vector<std::string> extra_flags = {});
  ~ApiServerProcess();

  // Starts it and waits until /readyz answers; false (with the log in `why`) if not.
  bool Start(std::string* why = nullptr);
  void Kill9();
  // SIGTERM, then wait for the exit; returns the exit code (-1 if it had to be killed).
  int Terminate();
  bool Restart(std::string* why = nullptr);

  int port() const { return port_; }
  // The gRPC API's port; only served when the flags include --grpc-port=grpc_port().
  int grpc_port() const { return grpc_port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  std::string grpc_url() const { return "grpc://127.0.0.1:" + std::to_string(grpc_port_); }
  const std::string& data_dir() const { return data_dir_; }
  std::string log() const { return ReadFile(log_path_); }
  // The admin's kubeconfig for this server (REST; written on construction).
  const std::string& kubeconfig() const { return kubeconfig_; }
  // A kubeconfig for this server authenticating as `identity`, over REST or gRPC
  // (written on first use, in the server's temporary directory).
  std::string KubeconfigFor(const TlsIdentity& identity, bool grpc = false) const;
  // One authenticating with a bearer token, trusting the test CA.
  std::string KubeconfigWithToken(const std::string& token) const;
  pid_t pid() const { return process_ ? process_->pid() : -1; }

 private:
  TempDir dir_;
  std::string data_dir_;
  std::string log_path_;
  std::string kubeconfig_;
  int port_ = 0;
  int grpc_port_ = 0;
  mutable int kubeconfigs_written_ = 0;
  std::vector<std::string> extra_flags_;
  std::unique_ptr<Subprocess> process_;
};

// The real kubectl against a server, with its own discovery cache and kubeconfig.
class Kubectl {
 public:
  // As the admin of `server`.
  explicit Kubectl(const ApiServerProcess& server);
  // With the kubeconfig at `kubeconfig` (another user, another CA).
  explicit Kubectl(std::string kubeconfig);
  // As the admin of `server`, with another kubectl binary (an older or newer release).
  Kubectl(const ApiServerProcess& server, std::string binary);
  // Runs `kubectl <args>`; `input` is fed to stdin (for `-f -`).
  // `env` entries ("EDITOR=...") are added to its environment.
  CommandResult Run(const std::vector<std::string>& args, const std::string& input = "",
                    absl::Duration timeout = absl::Seconds(60),
                    const std::vector<std::string>& env = {}) const;
  // Whether a kubectl binary is installed (tests say so and skip if not).
  static bool Available();
  // The machine image's kubectl of release 1.`minor` ("1.27" ... "1.33", from the
  // Google Cloud SDK), or "" when it is not installed.
  static std::string Release(const std::string& minor);

 private:
  TempDir cache_;
  std::string kubeconfig_;
  std::string binary_ = "kubectl";
};

}  // namespace kube::testing

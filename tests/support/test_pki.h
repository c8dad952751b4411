#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "tests/support/subprocess.h"

namespace kube::testing {

// A TLS client identity: a certificate and key the test PKI issued.
struct TlsIdentity {
  std::string cert_file;
  std::string key_file;
};

// The cluster PKI of one test process, made once by the real kube-pki tool in a
// temporary directory (as cluster-up.sh makes a cluster's): the CA, the
// apiserver's serving certificate (127.0.0.1, localhost and the kubernetes Service
// names), an admin certificate in system:masters, the ServiceAccount key pair, and
// client certificates issued on demand. Every apiserver a test starts serves and
// authenticates with it. Thread-safe.
class TestPki {
 public:
  // The process's PKI, made on first use; a failure to make it aborts the test run
  // with kube-pki's output (nothing can run without it).
  static const TestPki& Shared();

  const std::string& dir() const { return dir_.path(); }
  std::string ca_file() const { return dir() + "/ca.crt"; }
  std::string apiserver_cert_file() const { return dir() + "/apiserver.crt"; }
  std::string apiserver_key_file() const { return dir() + "/apiserver.key"; }
  std::string service_account_key_file() const { return dir() + "/sa.key"; }
  std::string service_account_public_key_file() const { return dir() + "/sa.pub"; }
  TlsIdentity admin() const { return {dir() + "/admin.crt", dir() + "/admin.key"}; }
  // The apiserver's client certificate for kubelets' ports.
  TlsIdentity apiserver_kubelet_client() const {
    return {dir() + "/apiserver-kubelet-client.crt", dir() + "/apiserver-kubelet-client.key"};
  }

  // A client certificate for user `common_name` in `groups` (issued once per
  // distinct identity).
  TlsIdentity Issue(const std::string& common_name,
                    const std::vector<std::string>& groups = {}) const;
  // A serving certificate for `names` (DNS names or IPs) with a client usage too,
  // as a kubelet's.
  TlsIdentity IssueServing(const std::string& name, const std::vector<std::string>& names) const;

 private:
  TestPki();
  TlsIdentity IssueLocked(const std::string& file_name, const std::vector<std::string>& args) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  TempDir dir_;
  mutable absl::Mutex mu_;
  mutable std::map<std::string, TlsIdentity> issued_ ABSL_GUARDED_BY(mu_);
};

// A kubeconfig for `server` that trusts the test CA and authenticates as
// `identity` (or, when given, with bearer `token` instead), written to `path`.
void WriteTestKubeconfig(const std::string& path, const std::string& server,
                         const TlsIdentity& identity, const std::string& token = "");

}  // namespace kube::testing

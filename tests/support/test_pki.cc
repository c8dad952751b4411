#include "tests/support/test_pki.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/support/apiserver_process.h"

namespace kube::testing {
namespace {

// Runs kube-pki; a failure ends the test process (no test could run without the PKI).
void RunPki(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {BinDir() + "/kube-pki"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result = RunCommand(argv);
  if (result.exit_code != 0) {
    std::fprintf(stderr, "kube-pki %s failed (%d):\n%s%s\n", absl::StrJoin(args, " ").c_str(),
                 result.exit_code, result.out.c_str(), result.err.c_str());
    std::abort();
  }
}

// A file name for an identity: letters, digits and dashes only.
std::string FileNameFor(const std::string& text) {
  std::string name;
  for (char c : text) name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '-');
  return name;
}

}  // namespace

const TestPki& TestPki::Shared() {
  static const TestPki* const pki = new TestPki();
  return *pki;
}

TestPki::TestPki() {
  RunPki({"init", "--dir", dir(), "--service-cidr", "10.0.0.0/24", "--apiserver-san",
          "localhost,127.0.0.1"});
}

TlsIdentity TestPki::IssueLocked(const std::string& file_name,
                                 const std::vector<std::string>& args) const {
  auto found = issued_.find(file_name);
  if (found != issued_.end()) return found->second;
  std::vector<std::string> command = {"issue", "--dir", dir(), "--name", file_name};
  command.insert(command.end(), args.begin(), args.end());
  RunPki(command);
  TlsIdentity identity{dir() + "/" + file_name + ".crt", dir() + "/" + file_name + ".key"};
  issued_[file_name] = identity;
  return identity;
}

TlsIdentity TestPki::Issue(const std::string& common_name,
                           const std::vector<std::string>& groups) const {
  std::vector<std::string> args = {"--cn", common_name, "--client"};
  for (const std::string& group : groups) {
    args.push_back("--org");
    args.push_back(group);
  }
  absl::MutexLock lock(&mu_);
  return IssueLocked(FileNameFor(absl::StrCat("client-", common_name, "-", absl::StrJoin(groups, "-"))),
                     args);
}

TlsIdentity TestPki::IssueServing(const std::string& name,
                                  const std::vector<std::string>& names) const {
  std::vector<std::string> args = {"--cn", name, "--server", "--client"};
  for (const std::string& san : names) {
    args.push_back("--san");
    args.push_back(san);
  }
  absl::MutexLock lock(&mu_);
  return IssueLocked(FileNameFor("serving-" + name), args);
}

void WriteTestKubeconfig(const std::string& path, const std::string& server,
                         const TlsIdentity& identity, const std::string& token) {
  std::string user;
  if (!token.empty()) {
    user = absl::StrCat("    token: ", token, "\n");
  } else {
    user = absl::StrCat("    client-certificate: ", identity.cert_file, "\n    client-key: ",
                        identity.key_file, "\n");
  }
  WriteFile(path, absl::StrCat("apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n"
                               "    server: ", server, "\n    certificate-authority: ",
                               TestPki::Shared().ca_file(),
                               "\ncontexts:\n- name: test\n  context:\n    cluster: test\n"
                               "    namespace: default\n    user: test\n"
                               "current-context: test\nusers:\n- name: test\n  user:\n",
                               user));
}

}  // namespace kube::testing

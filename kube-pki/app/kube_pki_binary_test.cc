// The built kube-pki binary, end to end: files, modes, what openssl verify says of
// them, idempotence, and kubectl (Go's TLS stack) talking through a kubeconfig it
// wrote to a server serving its certificate.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/tls/client_certificate.h"
#include "common/tls/server_context.h"
#include "common/tls/tls_connection.h"
#include "common/version/version.h"
#include "kube-pki/app/test_util.h"
#include "tests/support/subprocess.h"

namespace kube::pki::app {
namespace {

using kube::testing::CommandResult;
using kube::testing::RunCommand;
using kube::testing::TempDir;
using testing::ModeOf;

CommandResult KubePki(std::vector<std::string> args) {
  args.insert(args.begin(), std::string(KUBE_BIN_DIR) + "/kube-pki");
  return RunCommand(args, "", absl::Seconds(60));
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

void ExpectVerifies(const std::string& dir, const std::string& purpose, const std::string& name) {
  auto result = RunCommand({"openssl", "verify", "-CAfile", dir + "/ca.crt", "-purpose", purpose,
                            dir + "/" + name + ".crt"});
  INFO(name << " " << purpose << ": " << result.out << result.err);
  CHECK(result.exit_code == 0);
}

// An HTTPS server answering every request with /version's document, recording who
// asked: "CN/O" of a verified client certificate, or the Authorization header.
class VersionServer {
 public:
  VersionServer(SSL_CTX* ctx, const tls::ClientCertificateVerifier* verifier)
      : ctx_(ctx), verifier_(verifier) {
    listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    REQUIRE(bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    REQUIRE(listen(listener_, 16) == 0);
    REQUIRE(getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~VersionServer() {
    shutdown(listener_, SHUT_RDWR);  // ends accept()
    thread_.join();
    close(listener_);
  }

  int port() const { return port_; }
  std::vector<std::string> callers() {
    std::lock_guard<std::mutex> lock(mutex_);
    return callers_;
  }

 private:
  void Serve() {
    while (true) {
      int fd = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) return;
      auto connection = tls::TlsConnection::Accept(fd, ctx_, absl::Seconds(10));
      if (!connection.ok()) continue;
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = (*connection)->Read(buffer, sizeof(buffer));
        if (n <= 0) break;
        request.append(buffer, static_cast<size_t>(n));
      }
      std::string caller;
      if (auto identity = verifier_->Verify((*connection)->PeerChain()); identity.ok()) {
        caller = identity->common_name + "/" + absl::StrJoin(identity->organizations, ",");
      }
      if (size_t at = request.find("Authorization: "); at != std::string::npos) {
        caller = request.substr(at, request.find("\r\n", at) - at);
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        callers_.push_back(caller);
      }
      std::string body = version::InfoJson();
      std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
      (*connection)->Write(response.data(), response.size());
      (*connection)->Shutdown();
    }
  }

  SSL_CTX* ctx_;
  const tls::ClientCertificateVerifier* verifier_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> callers_;  // guarded by mutex_
};

TEST_CASE("kube-pki init, issue and kubeconfig, end to end") {
  TempDir dir;
  const std::string pki = dir.path() + "/etc/pki";
  auto first = KubePki({"init", "--dir", pki, "--apiserver-san", "node-a", "--apiserver-san", "172.30.0.1"});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  std::vector<std::string> lines = Lines(first.out);
  REQUIRE(lines.size() == 10);
  for (const std::string& line : lines) {
    CHECK_THAT(line, Catch::StartsWith("created " + pki + "/"));
    CHECK(ModeOf(line.substr(line.find(' ') + 1)) == 0600);
  }
  CHECK(ModeOf(pki) == 0700);
  ExpectVerifies(pki, "sslserver", "apiserver");
  ExpectVerifies(pki, "sslclient", "admin");
  ExpectVerifies(pki, "sslclient", "apiserver-kubelet-client");
  auto text = RunCommand({"openssl", "x509", "-noout", "-text", "-in", pki + "/apiserver.crt"});
  CHECK_THAT(text.out, Catch::Contains("DNS:kubernetes.default.svc.cluster.local") &&
                           Catch::Contains("DNS:node-a") && Catch::Contains("IP Address:10.96.0.1") &&
                           Catch::Contains("IP Address:172.30.0.1"));
  auto sa = RunCommand({"openssl", "rsa", "-in", pki + "/sa.key", "-pubout"});
  CHECK(sa.out == kube::testing::ReadFile(pki + "/sa.pub"));

  auto second = KubePki({"init", "--dir", pki, "--apiserver-san=node-a,172.30.0.1"});
  REQUIRE(second.exit_code == 0);
  std::vector<std::string> kept = Lines(second.out);
  REQUIRE(kept.size() == 10);
  for (const std::string& line : kept) CHECK_THAT(line, Catch::StartsWith("kept "));

  auto node = KubePki({"issue", "--dir", pki, "--name", "kubelet-node1", "--cn", "system:node:node1",
                       "--org", "system:nodes", "--client", "--server", "--san", "node1", "--san",
                       "172.30.0.11"});
  INFO(node.err);
  REQUIRE(node.exit_code == 0);
  CHECK(Lines(node.out) == std::vector<std::string>{"created " + pki + "/kubelet-node1.crt",
                                                    "created " + pki + "/kubelet-node1.key"});
  ExpectVerifies(pki, "sslclient", "kubelet-node1");
  ExpectVerifies(pki, "sslserver", "kubelet-node1");

  auto kubeconfig = KubePki({"kubeconfig", "--dir", pki, "--server", "https://127.0.0.1:6443", "--cert", "admin"});
  REQUIRE(kubeconfig.exit_code == 0);
  CHECK(kubeconfig.out == "created " + pki + "/admin.kubeconfig\n");
  CHECK(ModeOf(pki + "/admin.kubeconfig") == 0600);
}

TEST_CASE("kubectl trusts the serving certificate and presents the admin's") {
  if (RunCommand({"kubectl", "version", "--client"}, "", absl::Seconds(30)).exit_code != 0) {
    WARN("kubectl is not installed; skipped");
    return;
  }
  signal(SIGPIPE, SIG_IGN);
  TempDir dir;
  const std::string pki = dir.path() + "/pki";
  REQUIRE(KubePki({"init", "--dir", pki}).exit_code == 0);
  tls::ServerTlsOptions options;
  options.cert_file = pki + "/apiserver.crt";
  options.key_file = pki + "/apiserver.key";
  options.client_ca_file = pki + "/ca.crt";
  auto ctx = tls::NewServerContext(options);
  REQUIRE(ctx.ok());
  auto verifier = tls::ClientCertificateVerifier::FromFile(pki + "/ca.crt");
  REQUIRE(verifier.ok());
  VersionServer server(ctx->get(), verifier->get());

  auto run_kubectl = [&](const std::string& kubeconfig) {
    return RunCommand({"kubectl", "--kubeconfig", kubeconfig, "--cache-dir", dir.path() + "/cache",
                       "get", "--raw", "/version"},
                      "", absl::Seconds(60), {"HOME=" + dir.path()});
  };
  // By IP and by name: both are SANs.
  for (std::string host : {"127.0.0.1", "localhost"}) {
    std::string url = "https://" + host + ":" + std::to_string(server.port());
    std::string kubeconfig = dir.path() + "/admin-" + host + ".kubeconfig";
    REQUIRE(KubePki({"kubeconfig", "--dir", pki, "--server", url, "--cert", "admin", "--out", kubeconfig})
                .exit_code == 0);
    auto result = run_kubectl(kubeconfig);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("\"gitVersion\""));
  }
  std::string token_kubeconfig = dir.path() + "/token.kubeconfig";
  REQUIRE(KubePki({"kubeconfig", "--dir", pki, "--server", "https://127.0.0.1:" + std::to_string(server.port()),
                   "--cert", "", "--token", "abcdef.0123456789abcdef", "--out", token_kubeconfig})
              .exit_code == 0);
  auto with_token = run_kubectl(token_kubeconfig);
  INFO(with_token.err);
  CHECK(with_token.exit_code == 0);

  // kubectl asks GET /version?timeout=5s itself before the request it was given.
  std::vector<std::string> callers = server.callers();
  CHECK(callers.size() >= 3);
  CHECK(std::set<std::string>(callers.begin(), callers.end()) ==
        std::set<std::string>{"kubernetes-admin/system:masters", "Authorization: Bearer abcdef.0123456789abcdef"});
}

TEST_CASE("kube-pki's command line: usage, bad flags, missing CA") {
  auto none = KubePki({});
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("no command given") && Catch::Contains("Usage:"));
  auto help = KubePki({"--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("kube-pki init --dir DIR"));
  auto init_help = KubePki({"init", "--help"});
  CHECK(init_help.exit_code == 0);
  CHECK_THAT(init_help.out, Catch::Contains("--apiserver-san") && Catch::Contains("--service-cidr"));
  auto unknown = KubePki({"renew"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown command \"renew\""));

  TempDir dir;
  auto bad_flag = KubePki({"init", "--dir", dir.path(), "--bogus"});
  CHECK(bad_flag.exit_code == 2);
  CHECK_THAT(bad_flag.err, Catch::StartsWith("Error: unknown flag: --bogus"));
  auto no_dir = KubePki({"init"});
  CHECK(no_dir.exit_code == 2);
  CHECK_THAT(no_dir.err, Catch::StartsWith("Error: --dir is required"));
  auto bad_days = KubePki({"issue", "--dir", dir.path(), "--name", "x", "--cn", "x", "--client", "--days", "soon"});
  CHECK(bad_days.exit_code == 2);
  CHECK_THAT(bad_days.err, Catch::Contains("invalid argument \"soon\" for \"--days\""));
  auto no_ca = KubePki({"issue", "--dir", dir.path(), "--name", "x", "--cn", "x", "--client"});
  CHECK(no_ca.exit_code == 1);
  CHECK_THAT(no_ca.err, Catch::Contains(dir.path() + "/ca.crt") && Catch::Contains("kube-pki init"));
  CHECK(no_ca.out.empty());
}

}  // namespace
}  // namespace kube::pki::app

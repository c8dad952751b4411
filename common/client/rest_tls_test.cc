// The REST transport over TLS, configured from a kubeconfig: the cluster CA,
// tls-server-name, insecure-skip-tls-verify, client certificates and bearer tokens,
// against an in-process HTTPS server with certificates made by the openssl tool.

#include <stdlib.h>
#include <unistd.h>

#include <httplib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/client/client.h"
#include "common/client/rest_transport.h"
#include "common/codec/base64.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::client {
namespace {

using k8s::core::v1::Namespace;

// A CA, a server certificate for the name "kubernetes" only (no IP), and a client
// certificate, in a private directory.
class Certificates {
 public:
  Certificates() {
    char pattern[] = "/tmp/rest_tls_test.XXXXXX";
    dir_ = mkdtemp(pattern);
    std::string key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    std::ofstream(dir_ + "/san.ext") << "subjectAltName=DNS:kubernetes\n";
    ok_ = Run("req -x509 " + key + " -keyout ca.key -out ca.crt -days 1 -subj /CN=test-ca") &&
          Run("req " + key + " -keyout server.key -out server.csr -subj /CN=kubernetes") &&
          Run("x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
              "-out server.crt -days 1 -extfile san.ext") &&
          Run("req " + key + " -keyout client.key -out client.csr -subj /CN=admin") &&
          Run("x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
              "-out client.crt -days 1");
  }
  ~Certificates() { std::filesystem::remove_all(dir_); }

  bool ok() const { return ok_; }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  std::string Read(const std::string& name) const {
    std::ifstream in(Path(name));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  std::string Base64(const std::string& name) const { return codec::Base64Encode(Read(name)); }
  const std::string& dir() const { return dir_; }

 private:
  bool Run(const std::string& args) const {
    std::string command = "cd " + dir_ + " && openssl " + args + " >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
  }

  std::string dir_;
  bool ok_ = false;
};

// An HTTPS server answering GET /api/v1/namespaces/default, optionally requiring
// a client certificate signed by the CA. Records the Authorization header.
class TlsServer {
 public:
  TlsServer(const Certificates& certs, bool require_client_cert)
      : server_(certs.Path("server.crt").c_str(), certs.Path("server.key").c_str(),
                require_client_cert ? certs.Path("ca.crt").c_str() : nullptr) {
    server_.set_tcp_nodelay(true);
    server_.Get("/api/v1/namespaces/default", [this](const auto& request, auto& response) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        authorization_ = request.get_header_value("Authorization");
      }
      response.set_content(R"({"kind":"Namespace","apiVersion":"v1","metadata":{"name":"default"}})",
                           "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~TlsServer() {
    server_.stop();
    thread_.join();
  }
  bool valid() const { return server_.is_valid(); }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  std::string authorization() {
    std::lock_guard<std::mutex> lock(mu_);
    return authorization_;
  }

 private:
  httplib::SSLServer server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::string authorization_;
};

// GET the default namespace with a transport made from `kubeconfig`.
absl::Status Fetch(const std::string& kubeconfig, const std::string& base_dir) {
  absl::StatusOr<ClientConfig> config = ParseKubeconfig(kubeconfig, base_dir);
  if (!config.ok()) return config.status();
  absl::StatusOr<std::unique_ptr<RestTransport>> transport = RestTransport::Create(*config);
  if (!transport.ok()) return transport.status();
  Client client(std::move(*transport));
  return client.Get<Namespace>("", "default").status();
}

std::string Kubeconfig(const std::string& cluster, const std::string& user) {
  return "current-context: c\ncontexts:\n- name: c\n  context: {cluster: x, user: u}\n"
         "clusters:\n- name: x\n  cluster:\n" + cluster +
         "users:\n- name: u\n  user:\n" + user;
}

#define REQUIRE_CERTIFICATES(certs)                                               \
  if (!(certs).ok()) {                                                            \
    WARN("SKIPPED: the openssl tool could not make test certificates");          \
    return;                                                                       \
  }

TEST_CASE("REST over TLS: CA, server name, skip-verify and bearer token from kubeconfig") {
  Certificates certs;
  REQUIRE_CERTIFICATES(certs);
  TlsServer server(certs, /*require_client_cert=*/false);
  REQUIRE(server.valid());
  std::string server_line = "    server: " + server.url() + "\n";
  std::string token = "    token: abc\n";

  // Trusting the CA, and naming the server as its certificate does.
  absl::Status named = Fetch(Kubeconfig(server_line + "    certificate-authority-data: " +
                                            certs.Base64("ca.crt") +
                                            "\n    tls-server-name: kubernetes\n",
                                        token),
                             certs.dir());
  INFO(named);
  CHECK(named.ok());
  CHECK(server.authorization() == "Bearer abc");

  // The CA as a file relative to the kubeconfig works the same.
  CHECK(Fetch(Kubeconfig(server_line + "    certificate-authority: ca.crt\n"
                                       "    tls-server-name: kubernetes\n",
                         token),
              certs.dir())
            .ok());

  // 127.0.0.1 is not a name in the certificate.
  absl::Status wrong_name = Fetch(
      Kubeconfig(server_line + "    certificate-authority-data: " + certs.Base64("ca.crt") + "\n",
                 token),
      certs.dir());
  CHECK(wrong_name.code() == absl::StatusCode::kUnavailable);

  // An unknown CA is refused, unless verification is skipped.
  CHECK(Fetch(Kubeconfig(server_line, token), certs.dir()).code() ==
        absl::StatusCode::kUnavailable);
  CHECK(Fetch(Kubeconfig(server_line + "    insecure-skip-tls-verify: true\n", token),
              certs.dir())
            .ok());
}

TEST_CASE("REST over TLS: client certificates from kubeconfig") {
  Certificates certs;
  REQUIRE_CERTIFICATES(certs);
  TlsServer server(certs, /*require_client_cert=*/true);
  REQUIRE(server.valid());
  std::string cluster = "    server: " + server.url() + "\n    certificate-authority-data: " +
                        certs.Base64("ca.crt") + "\n    tls-server-name: kubernetes\n";

  absl::Status with_data =
      Fetch(Kubeconfig(cluster, "    client-certificate-data: " + certs.Base64("client.crt") +
                                    "\n    client-key-data: " + certs.Base64("client.key") + "\n"),
            certs.dir());
  INFO(with_data);
  CHECK(with_data.ok());
  CHECK(server.authorization().empty());
  CHECK(Fetch(Kubeconfig(cluster, "    client-certificate: client.crt\n"
                                  "    client-key: client.key\n"),
              certs.dir())
            .ok());
  CHECK(Fetch(Kubeconfig(cluster, "    token: abc\n"), certs.dir()).code() ==
        absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace kube::client

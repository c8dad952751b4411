#include "common/health/health_server.h"

#include <httplib.h>

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::health {

HealthServer::HealthServer(HealthChecks checks)
    : checks_(std::move(checks)), server_(std::make_unique<httplib::Server>()) {
  auto ok = [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok", "text/plain");
  };
  server_->Get("/healthz", ok);
  server_->Get("/livez", ok);
  server_->Get("/readyz", [this](const httplib::Request&, httplib::Response& response) {
    if (checks_.ready && !checks_.ready()) {
      response.status = 503;
      response.set_content("[-]informer-sync failed: caches not synced\n", "text/plain");
      return;
    }
    response.set_content("ok", "text/plain");
  });
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
    response.set_content(checks_.metrics ? checks_.metrics() : "",
                         "text/plain; version=0.0.4; charset=utf-8");
  });
}

HealthServer::~HealthServer() { Stop(); }

absl::Status HealthServer::Start(const std::string& address, int port) {
  if (port == 0) {
    port = server_->bind_to_any_port(address);
    if (port < 0) return absl::UnavailableError(StrCat("cannot bind ", address));
  } else if (!server_->bind_to_port(address, port)) {
    return absl::UnavailableError(StrCat("cannot listen on ", address, ":", port));
  }
  port_ = port;
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  KLOG(Info) << "Serving healthz and metrics insecurely on " << address << ":" << port;
  return absl::OkStatus();
}

void HealthServer::Stop() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace kube::health

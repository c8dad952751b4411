#include "common/health/health_server.h"

#include <httplib.h>

#include "common/http/upgradable_server.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::health {

HealthServer::HealthServer(HealthChecks checks)
    : checks_(std::move(checks)), server_(std::make_unique<http::UpgradableServer>()) {
  AddRoutes();
}

HealthServer::HealthServer(HealthChecks checks, tls::SslCtxPtr tls,
                           std::unique_ptr<auth::HttpGuard> guard)
    : checks_(std::move(checks)),
      guard_(std::move(guard)),
      server_(std::make_unique<http::UpgradableServer>()) {
  server_->EnableTls(std::move(tls));
  server_->set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        return guard_->AdmitPathRequest(request, response)
                   ? httplib::Server::HandlerResponse::Unhandled
                   : httplib::Server::HandlerResponse::Handled;
      });
  AddRoutes();
}

void HealthServer::AddRoutes() {
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
  if (secure()) {
    KLOG(Info) << "Serving securely on " << address << ":" << port;
  } else {
    KLOG(Info) << "Serving healthz and metrics insecurely on " << address << ":" << port;
  }
  return absl::OkStatus();
}

void HealthServer::Stop() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace kube::health

#include "kubelet/server/kubelet_server.h"

#include "absl/time/clock.h"
#include "common/codec/json_encode.h"
#include "common/http/elastic_thread_pool.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "kubelet/server/exec_handler.h"
#include "kubelet/server/http_status.h"
#include "kubelet/server/logs_handler.h"
#include "kubelet/server/metrics.h"
#include "kubelet/server/port_forward_handler.h"
#include "kubelet/server/request_attributes.h"
#include "common/auth/delegating/http_guard.h"

namespace kube::kubelet {

KubeletServer::KubeletServer(KubeletServerOptions options, Runtime& runtime,
                             KubeletServerSources sources, KubeletServerSecurity security)
    : options_(std::move(options)),
      runtime_(runtime),
      sources_(std::move(sources)),
      security_(std::move(security)),
      start_time_(absl::Now()),
      stats_(options_.node_name, options_.root_dir, runtime),
      port_(options_.port) {
  // A followed log or an exec holds its connection's thread while it lasts.
  http_.new_task_queue = [] { return new http::ElasticThreadPool(4, 2000, absl::Seconds(30)); };
  http_.set_tcp_nodelay(true);
  http_.set_read_timeout(60, 0);
  http_.set_write_timeout(60, 0);
  if (security_.tls) http_.EnableTls(std::move(security_.tls));
  if (security_.authenticator) {
    http_.set_pre_routing_handler([this](const httplib::Request& request,
                                         httplib::Response& response) {
      return Refused(request, response) ? httplib::Server::HandlerResponse::Handled
                                        : httplib::Server::HandlerResponse::Unhandled;
    });
  }
  AddRoutes();
}

bool KubeletServer::Refused(const httplib::Request& request, httplib::Response& response) const {
  absl::StatusOr<auth::UserInfo> user =
      security_.authenticator->Authenticate(auth::CredentialsOf(request));
  if (!user.ok()) {
    VLOG(2) << "Unable to authenticate the request to " << request.path << ": "
            << user.status().message();
    response.status = 401;
    response.set_content("Unauthorized", "text/plain; charset=utf-8");
    return true;
  }
  auth::Attributes attributes =
      KubeletRequestAttributes(request.method, request.path, options_.node_name);
  attributes.user = &*user;
  absl::Status allowed = security_.authorizer->Authorize(attributes);
  if (allowed.ok()) return false;
  const std::string who =
      kube::StrCat("(user=", user->name, ", verb=", attributes.verb, ", resource=",
                   attributes.resource, ", subresource=", attributes.subresource, ")");
  if (absl::IsPermissionDenied(allowed)) {
    VLOG(2) << "Forbidden " << who << ": " << allowed.message();
    response.status = 403;
    response.set_content(kube::StrCat("Forbidden ", who), "text/plain; charset=utf-8");
  } else {
    KLOG(Error) << "Authorization error " << who << ": " << allowed.message();
    response.status = 500;
    response.set_content(kube::StrCat("Authorization error ", who), "text/plain; charset=utf-8");
  }
  return true;
}

KubeletServer::~KubeletServer() { Stop(); }

void KubeletServer::AddRoutes() {
  auto health = [this](const httplib::Request&, httplib::Response& response) {
    absl::Status healthy = sources_.healthy ? sources_.healthy() : absl::OkStatus();
    if (healthy.ok()) {
      response.set_content("ok", "text/plain");
    } else {
      response.status = 500;
      response.set_content(kube::StrCat("not healthy: ", healthy.message()), "text/plain");
    }
  };
  http_.Get("/healthz", health);
  http_.Get("/livez", health);
  http_.Get("/readyz", health);

  http_.Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
    absl::StatusOr<std::string> text =
        PrometheusMetrics(runtime_, options_.node_name, options_.root_dir, start_time_);
    if (!text.ok()) return WriteStatus(response, text.status());
    if (sources_.metrics) *text += sources_.metrics();
    response.set_content(*text, "text/plain; version=0.0.4; charset=utf-8");
  });

  http_.Get("/pods/?", [this](const httplib::Request&, httplib::Response& response) {
    k8s::core::v1::PodList list;
    list.mutable_metadata();
    if (sources_.pods) {
      for (const auto& pod : sources_.pods()) *list.add_items() = *pod;
    }
    response.set_content(codec::EncodeJson(list), "application/json");
  });

  http_.Get("/stats/summary/?", [this](const httplib::Request&, httplib::Response& response) {
    absl::StatusOr<std::string> summary = stats_.Json();
    if (!summary.ok()) return WriteStatus(response, summary.status());
    response.set_content(*summary, "application/json");
  });

  http_.Get(R"(/containerLogs/([^/]+)/([^/]+)/([^/]+))",
            [this](const httplib::Request& request, httplib::Response& response) {
              ServeContainerLogs(runtime_, request, response, request.matches[1],
                                 request.matches[2], request.matches[3]);
            });

  auto exec = [this](const httplib::Request& request, httplib::Response& response) {
    ServeExec(runtime_, request, response, request.matches[1], request.matches[2],
              request.matches[3], options_.exec_timeout);
  };
  http_.Get(R"(/exec/([^/]+)/([^/]+)/([^/]+))", exec);
  http_.Post(R"(/exec/([^/]+)/([^/]+)/([^/]+))", exec);

  auto port_forward = [this](const httplib::Request& request, httplib::Response& response) {
    ServePortForward(runtime_, request, response, request.matches[1], request.matches[2]);
  };
  http_.Get(R"(/portForward/([^/]+)/([^/]+))", port_forward);
  http_.Post(R"(/portForward/([^/]+)/([^/]+))", port_forward);

  http_.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (response.status == 404 && response.body.empty()) {
      response.set_content(kube::StrCat("404 page not found: ", request.path), "text/plain");
    }
  });
}

absl::Status KubeletServer::Start() {
  if (options_.port == 0) {
    port_ = http_.bind_to_any_port(options_.address);
    if (port_ <= 0) {
      return absl::UnavailableError(
          kube::StrCat("the kubelet server cannot bind a port on ", options_.address));
    }
  } else if (!http_.bind_to_port(options_.address, options_.port)) {
    return absl::UnavailableError(kube::StrCat("the kubelet server cannot listen on ",
                                               options_.address, ":", options_.port,
                                               " (in use? pick another with --port)"));
  }
  serve_thread_ = std::thread([this] { http_.listen_after_bind(); });
  KLOG(Info) << "kubelet server listening on " << options_.address << ":" << port_;
  return absl::OkStatus();
}

void KubeletServer::Stop() {
  http_.stop();
  if (serve_thread_.joinable()) serve_thread_.join();
}

}  // namespace kube::kubelet

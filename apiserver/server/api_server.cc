#include "apiserver/server/api_server.h"

#include <cctype>
#include <filesystem>

#include <grpcpp/ext/proto_server_reflection_plugin.h>

#include "apiserver/endpoints/discovery_handler.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/request_attributes.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/endpoints/responses.h"
#include "apiserver/admission/rbac_escalation/rbac_escalation.h"
#include "apiserver/admission/certificates/certificate_admission.h"
#include "apiserver/admission/noderestriction/node_restriction.h"
#include "apiserver/admission/serviceaccount/service_account_admission.h"
#include "apiserver/server/admission_plugins.h"
#include "apiserver/reviews/register_reviews.h"
#include "apiserver/server/bootstrap_policy_writer.h"
#include "apiserver/server/local_apiservices_writer.h"
#include "apiserver/server/mandatory_flowcontrol_writer.h"
#include "apiserver/server/system_priority_classes_writer.h"
#include "apiserver/server/kubernetes_service.h"
#include "apiserver/server/request_chain_factory.h"
#include "apiserver/serviceaccount/key_set.h"
#include "apiserver/serviceaccount/signing_key.h"
#include "apiserver/serviceaccount/token_generator.h"
#include "apiserver/printers/register_printers.h"
#include "apiserver/server/builtin_resources.h"
#include "apiserver/storage/etcd/etcd_storage.h"
#include "apiserver/storage/metered/metered_storage.h"
#include "apiserver/storage/sqlite/sqlite_storage.h"
#include "common/api/errors.h"
#include "common/health/profiling.h"
#include "common/http/elastic_thread_pool.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "common/tls/client_context.h"
#include "common/tls/pem.h"
#include "common/tls/tls_connection.h"
#include "common/version/version.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

// Upstream's limit on a request body (etcd's object limit with headroom).
constexpr size_t kMaxRequestBodyBytes = 3 * 1024 * 1024;

// Whether every '%' in the raw request target starts a valid escape. cpp-httplib
// passes bad escapes through undecoded; Go's net/http rejects them with 400.
bool HasValidEscapes(const std::string& target) {
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] != '%') continue;
    if (i + 2 >= target.size() || !std::isxdigit(static_cast<unsigned char>(target[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(target[i + 2]))) {
      return false;
    }
  }
  return true;
}

// The TLS client certificate (borrowed from the connection) and the Authorization
// header of a request.
auth::RequestCredentials CredentialsOf(const httplib::Request& request) {
  auth::RequestCredentials credentials;
  if (request.ssl != nullptr) {
    X509* leaf = SSL_get0_peer_certificate(request.ssl);
    if (leaf != nullptr) {
      credentials.peer_chain.push_back(leaf);
      // The server side's chain leaves out the leaf.
      if (STACK_OF(X509)* rest = SSL_get_peer_cert_chain(request.ssl)) {
        for (int i = 0; i < sk_X509_num(rest); ++i) {
          X509* certificate = sk_X509_value(rest, i);
          if (X509_cmp(certificate, leaf) != 0) credentials.peer_chain.push_back(certificate);
        }
      }
    }
  }
  credentials.authorization = request.get_header_value("Authorization");
  return credentials;
}

filters::ImpersonationRequest ImpersonationOf(const httplib::Request& request) {
  constexpr std::string_view kExtraPrefix = "impersonate-extra-";
  std::vector<std::string> extra_keys;
  for (const auto& [name, value] : request.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind(kExtraPrefix, 0) != 0) continue;
    std::string key = name.substr(kExtraPrefix.size());
    if (std::find(extra_keys.begin(), extra_keys.end(), key) == extra_keys.end()) {
      extra_keys.push_back(key);
    }
  }
  auto values = [&request](const std::string& name) {
    std::vector<std::string> found;
    auto [begin, end] = request.headers.equal_range(name);  // httplib compares case-insensitively
    for (auto it = begin; it != end; ++it) found.push_back(it->second);
    return found;
  };
  return filters::ReadImpersonationHeaders(values, extra_keys);
}

}  // namespace

ApiServer::ApiServer(const ApiServerOptions& options) : options_(options) {}

ApiServer::~ApiServer() {
  Shutdown();
  if (grpc_server_ != nullptr) grpc_server_->Wait();  // joins its threads (see Run)
}

absl::StatusOr<std::unique_ptr<ApiServer>> ApiServer::Create(const ApiServerOptions& options) {
  std::unique_ptr<ApiServer> server(new ApiServer(options));
  if (absl::Status status = server->Initialize(); !status.ok()) return status;
  return server;
}

absl::StatusOr<std::unique_ptr<storage::Storage>> ApiServer::OpenStorage() const {
  if (options_.storage_backend == "etcd3") {
    if (options_.etcd_servers.empty()) {
      return absl::InvalidArgumentError("--storage-backend=etcd3 needs --etcd-servers");
    }
    storage::EtcdOptions etcd;
    etcd.endpoints = options_.etcd_servers;
    etcd.key_prefix = options_.etcd_prefix;
    return storage::OpenEtcdStorage(etcd);
  }
  if (options_.storage_backend != "sqlite") {
    return absl::InvalidArgumentError(
        StrCat("--storage-backend: unsupported value \"", options_.storage_backend,
               "\" (supported: sqlite, etcd3)"));
  }
  std::error_code error;
  std::filesystem::create_directories(options_.data_dir, error);
  if (error) {
    return absl::FailedPreconditionError(
        StrCat("cannot create --data-dir ", options_.data_dir, ": ", error.message()));
  }
  return storage::OpenSqliteStorage(options_.data_dir + "/state.db");
}

absl::Status ApiServer::Initialize() {
  if (absl::Status profiling = health::CheckProfilingFlag(options_.profiling); !profiling.ok()) {
    return profiling;
  }
  absl::StatusOr<std::unique_ptr<storage::Storage>> storage = OpenStorage();
  if (!storage.ok()) return storage.status();
  storage_ = storage::NewMeteredStorage(
      std::move(*storage), [this](std::string_view operation, std::string_view type,
                                  absl::Duration duration) {
        metrics_.ObserveStorage(operation, type, duration);
      });

  RegistryConfig config;
  config.storage = storage_.get();
  config.service_cluster_ip_range = options_.service_cluster_ip_range;
  config.service_node_port_range = options_.service_node_port_range;
  if (absl::Status status = RegisterBuiltinResources(registry_, config); !status.ok()) {
    return status;
  }
  AttachPrinters(registry_);
  stores_ = std::make_unique<StoreSet>(*storage_, registry_, options_.watch_cache);
  // Before discovery and OpenAPI: it completes the registry (reviews, token requests).
  if (absl::Status status = InitializeSecurity(); !status.ok()) return status;
  handler_options_.min_request_timeout = options_.min_request_timeout;
  handler_options_.bookmark_interval = options_.watch_bookmark_interval;
  if (absl::Status status = InitializeKubeletClient(); !status.ok()) return status;
  handler_options_.kubelet_tls = kubelet_tls_.get();
  Publish({});
  ApiServiceOptions grpc_options;
  grpc_options.min_request_timeout = options_.min_request_timeout;
  grpc_options.bookmark_interval = options_.watch_bookmark_interval;
  grpc_options.custom_resources = [this](std::string_view group, std::string_view version,
                                         std::string_view resource) -> std::optional<ResourceHandle> {
    std::shared_ptr<const ServedApi> served = Served();
    const ResourceInfo* info = served->registry().Find(group, version, resource);
    if (info == nullptr || !info->custom_resource) return std::nullopt;
    return ResourceHandle{info, served->For(*info), served};
  };
  grpc_service_ = std::make_unique<ApiService>(registry_, *stores_, grpc_options);
  chained_grpc_service_ = std::make_unique<ChainedApiService>(*grpc_service_, *chain_, metrics_);
  if (absl::Status status = CreateDefaultNamespaces(); !status.ok()) return status;
  if (absl::Status status = EnsureBootstrapPolicy(*stores_, NodeAuthorizerEnabled());
      !status.ok()) {
    return status;
  }
  if (absl::Status status = EnsureSystemPriorityClasses(*stores_); !status.ok()) return status;
  if (absl::Status status = EnsureMandatoryFlowControl(*stores_); !status.ok()) return status;
  if (absl::Status status = EnsureLocalApiServices(registry_, *stores_); !status.ok()) return status;
  if (const Store* crds = stores_->Find("apiextensions.k8s.io", "CustomResourceDefinition")) {
    customresource::CrdController::Options crd_options;
    crd_options.storage = storage_.get();
    crd_options.namespace_check = stores_->namespace_check();
    crd_options.feeder = stores_->feeder();
    crd_options.admission = &admission_;
    crd_options.publish = [this](customresource::CrdController::Servings servings) {
      Publish(std::move(servings));
    };
    crd_controller_ = std::make_unique<customresource::CrdController>(*crds, std::move(crd_options));
    // The CRDs stored before a restart are served before the first request is.
    if (!crd_controller_->WaitForSync(absl::Seconds(30))) {
      KLOG(Warning) << "CustomResourceDefinitions not yet served after 30s";
    }
  }
  auto availability = ApiServiceAvailability::Start(*stores_);
  if (!availability.ok()) return availability.status();
  apiservice_availability_ = std::move(*availability);
  compactor_ = std::make_unique<Compactor>(
      *storage_, options_.compaction_interval,
      [this](storage::Revision revision) {
        stores_->Compacted(revision);
        Served()->Compacted(revision);
      });

  ConfigureHttpServer(http_, /*secure=*/true);
  if (options_.insecure_port > 0) {
    KLOG(Warning) << "--insecure-port serves plain HTTP where every request is system:masters: "
                     "for development only";
    insecure_http_ = std::make_unique<http::UpgradableServer>();
    ConfigureHttpServer(*insecure_http_, /*secure=*/false);
  }
  return absl::OkStatus();
}

std::string ApiServer::AdvertisedHost() const {
  if (!options_.advertise_address.empty()) return options_.advertise_address;
  return options_.bind_address == "0.0.0.0" || options_.bind_address == "::"
             ? "127.0.0.1"
             : options_.bind_address;
}

std::string ApiServer::AdvertisedAddress() const {
  std::string host = AdvertisedHost();
  if (host.find(':') != std::string::npos) host = StrCat("[", host, "]");
  return StrCat(host, ":", options_.secure_port);
}

void ApiServer::ConfigureHttpServer(http::UpgradableServer& server, bool secure) {
  // Every connection holds a thread for its lifetime (watches for hours), so the
  // pool grows on demand instead of queueing behind open watches.
  server.new_task_queue = [] {
    return new http::ElasticThreadPool(8, 20000, absl::Seconds(30));
  };
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's
  // algorithm holds the body until the client's delayed ACK (tens of ms a request).
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000);
  server.set_keep_alive_timeout(30);
  server.set_read_timeout(60, 0);
  server.set_write_timeout(60, 0);
  server.set_payload_max_length(kMaxRequestBodyBytes);
  auto handler = [this, secure](const httplib::Request& request, httplib::Response& response) {
    Dispatch(request, response, secure);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Patch(".*", handler);
  server.Delete(".*", handler);
  server.Options(".*", handler);
  server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    // Errors cpp-httplib produces itself (413, 400 on a malformed request line...).
    if (!response.body.empty()) return;
    absl::Status status = response.status == 413
                              ? api::RequestEntityTooLargeError("limit is 3145728")
                          : response.status == 404 ? api::PathNotFoundError()
                                                   : api::BadRequestError("malformed request");
    WriteError(response, status);
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        WriteError(response, api::InternalError(what));
      });
}

absl::Status ApiServer::CreateDefaultNamespaces() {
  const Store* namespaces = stores_->Find("", "Namespace");
  if (namespaces == nullptr) return absl::OkStatus();
  for (const char* name : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    auto object = std::make_unique<k8s::core::v1::Namespace>();
    object->mutable_metadata()->set_name(name);
    absl::StatusOr<ObjectPtr> created = namespaces->Create("", std::move(object), {});
    if (!created.ok() && !absl::IsAlreadyExists(created.status())) {
      return absl::InternalError(
          StrCat("creating namespace ", name, ": ", created.status().message()));
    }
  }
  return absl::OkStatus();
}

absl::Status ApiServer::StartGrpc() {
  if (options_.grpc_port <= 0) return absl::OkStatus();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  // The same certificate as HTTPS; a client certificate is asked for, never
  // required, and verified by the request chain as for REST.
  grpc::SslServerCredentialsOptions tls(
      serving_credentials_.client_ca.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_BUT_DONT_VERIFY);
  tls.pem_root_certs = serving_credentials_.client_ca;
  tls.pem_key_cert_pairs.push_back({serving_credentials_.key, serving_credentials_.cert_chain});
  grpc::ServerBuilder builder;
  int bound = 0;
  builder.AddListeningPort(StrCat(options_.bind_address, ":", options_.grpc_port),
                           grpc::SslServerCredentials(tls), &bound);
  builder.RegisterService(chained_grpc_service_.get());
  // Each open watch is a stream holding a thread of the synchronous server.
  grpc::ResourceQuota quota("kube-apiserver");
  quota.SetMaxThreads(20000);
  builder.SetResourceQuota(quota);
  grpc_server_ = builder.BuildAndStart();
  if (grpc_server_ == nullptr || bound == 0) {
    return absl::UnavailableError(
        StrCat("cannot listen for gRPC on ", options_.bind_address, ":", options_.grpc_port));
  }
  KLOG(Info) << "Serving the gRPC API securely on " << options_.bind_address << ":" << bound;
  return absl::OkStatus();
}

absl::Status ApiServer::Run(const std::function<void(int port)>& on_ready) {
  if (absl::Status status = StartGrpc(); !status.ok()) return status;
  int port = options_.secure_port;
  if (port == 0) {
    port = http_.bind_to_any_port(options_.bind_address);
    if (port < 0) return absl::UnavailableError("cannot bind a port");
  } else if (!http_.bind_to_port(options_.bind_address, port)) {
    return absl::UnavailableError(
        StrCat("cannot listen on ", options_.bind_address, ":", port));
  }
  std::thread insecure;
  if (insecure_http_ != nullptr) {
    if (!insecure_http_->bind_to_port(options_.insecure_bind_address, options_.insecure_port)) {
      return absl::UnavailableError(StrCat("cannot listen on ", options_.insecure_bind_address,
                                           ":", options_.insecure_port));
    }
    KLOG(Warning) << "Serving insecurely on " << options_.insecure_bind_address << ":"
                  << options_.insecure_port;
    insecure = std::thread([this] { insecure_http_->listen_after_bind(); });
  }
  KLOG(Info) << "Serving securely on " << options_.bind_address << ":" << port
             << (serving_credentials_.self_signed ? " (self-signed certificate)" : "");
  // The Service in-cluster clients dial, now that the port is known.
  kubernetes_service_ = std::make_unique<KubernetesService>(
      *stores_, FirstServiceIp(options_.service_cluster_ip_range), AdvertisedHost(), port);
  if (AdvertisedHost().rfind("127.", 0) == 0) {
    KLOG(Warning) << "advertising a loopback address: the kubernetes Service gets no endpoints "
                     "(set --advertise-address to an address pods reach)";
  }
  if (absl::Status status = kubernetes_service_->Reconcile(); !status.ok()) {
    KLOG(Warning) << "the kubernetes Service: " << status;
  }
  kubernetes_service_->Start();
  if (on_ready) on_ready(port);
  const bool listened = http_.listen_after_bind();
  if (insecure_http_ != nullptr) insecure_http_->stop();
  if (insecure.joinable()) insecure.join();
  // The synchronous gRPC server's threads (open watches among them) must be joined
  // before it is destroyed: Shutdown() cancels them, Wait() joins them.
  if (grpc_server_ != nullptr) {
    grpc_server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc_server_->Wait();
  }
  if (!listened) return absl::UnavailableError("the HTTP server stopped unexpectedly");
  return absl::OkStatus();
}

void ApiServer::Shutdown() {
  http_.stop();
  if (insecure_http_ != nullptr) insecure_http_->stop();
  if (grpc_server_) grpc_server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
}

void ApiServer::Dispatch(const httplib::Request& request, httplib::Response& response,
                         bool secure) {
  VLOG(3) << request.method << " " << request.path;
  if (!HasValidEscapes(request.target)) {
    WriteError(response, api::BadRequestError(StrCat("invalid URL escape in ", request.target)));
    return;
  }
  RequestInfo info;
  const bool api_path = ParseRequestPath(request.path, info);
  auth::UserInfo user = unsecured_user_;
  if (secure) {
    absl::StatusOr<auth::UserInfo> admitted =
        chain_->Admit(CredentialsOf(request), ImpersonationOf(request),
                      RestRequestAttributes(request, info));
    if (!admitted.ok()) {
      if (info.is_resource_request) {
        metrics_.ObserveRequest(LabelsForRequest(request.method, info,
                                                 BoolQueryParam(request, "watch"), false),
                                api::HttpCode(admitted.status()), absl::ZeroDuration());
      }
      WriteError(response, admitted.status());
      return;
    }
    user = std::move(*admitted);
  }
  info.user = &user;
  if (ServeNonResource(request, response)) return;
  if (!api_path) {
    WriteError(response, api::PathNotFoundError());
    return;
  }
  if (info.is_resource_request) {
    const absl::Time start = absl::Now();
    std::shared_ptr<const ServedApi> served = Served();
    served->handler().Handle(info, request, response);
    RequestLabels labels = LabelsForRequest(
        request.method, info, BoolQueryParam(request, "watch"),
        request.get_header_value("Content-Type") == "application/apply-patch+yaml");
    metrics_.ObserveRequest(labels, response.status, absl::Now() - start);
    if (response.content_provider_) {
      // Streamed (a watch, a followed log): open until httplib releases the stream.
      std::shared_ptr<void> open = metrics_.TrackLongRunning(labels);
      httplib::ContentProviderResourceReleaser release =
          std::move(response.content_provider_resource_releaser_);
      // The stream keeps what it serves from (a custom resource's store) alive.
      response.content_provider_resource_releaser_ = [open, release,
                                                      served](bool success) mutable {
        if (release) release(success);
        open.reset();
        served.reset();
      };
    }
    return;
  }
  if (request.method != "GET") {
    WriteError(response, api::MethodNotAllowedError(
                             StrCat(request.method, " is not supported on ", request.path)));
    return;
  }
  std::shared_ptr<const ServedApi> served = Served();
  ServeDiscovery(served->discovery(), served->aggregated_discovery(), info, request, response);
}

std::shared_ptr<const ServedApi> ApiServer::Served() const {
  absl::MutexLock lock(&served_mu_);
  return served_;
}

void ApiServer::Publish(customresource::CrdController::Servings servings) {
  const std::shared_ptr<const ServedApi> previous = Served();
  auto served = std::make_shared<const ServedApi>(registry_, *stores_, std::move(servings),
                                                  handler_options_, previous.get());
  absl::MutexLock lock(&served_mu_);
  served_ = std::move(served);
}

}  // namespace kube::apiserver

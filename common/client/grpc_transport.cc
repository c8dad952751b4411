#include "common/client/grpc_transport.h"

#include <deque>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "common/api/custom_resource_types.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/api/scheme.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"
#include "common/api/grpc_status.h"
#include "common/client/rest_transport.h"
#include "common/client/watch_status.h"
#include "common/util/strings.h"

namespace kube::client {
namespace {

using kube::api::v1::ResourceRef;

ResourceRef Ref(const Resource& resource, const std::string& ns, const std::string& name,
                const std::string& subresource) {
  ResourceRef ref;
  ref.set_group(resource.group);
  ref.set_version(resource.version);
  ref.set_resource(resource.resource);
  if (resource.namespaced) ref.set_namespace_(ns);
  ref.set_name(name);
  ref.set_subresource(subresource);
  return ref;
}

std::string NameOf(const google::protobuf::Message& object) {
  const auto* field = object.GetDescriptor()->FindFieldByName("metadata");
  if (field == nullptr) return "";
  const auto& meta = object.GetReflection()->GetMessage(object, field);
  const auto* name = meta.GetDescriptor()->FindFieldByName("name");
  return name == nullptr ? "" : meta.GetReflection()->GetString(meta, name);
}

// Reads one watch stream on a thread of its own and hands events to Next.
class GrpcWatchStream : public WatchStream {
 public:
  GrpcWatchStream(kube::api::v1::Api::Stub& stub, const kube::api::v1::WatchRequest& request)
      : reader_(stub.Watch(&context_, request)), thread_([this] { Read(); }) {}

  ~GrpcWatchStream() override {
    context_.TryCancel();
    thread_.join();
  }

  absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) override {
    absl::MutexLock lock(&mu_);
    auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !events_.empty() || !end_.ok();
    };
    mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
    if (!events_.empty()) {
      std::vector<WatchEvent> out;
      while (!events_.empty()) {
        out.push_back(std::move(events_.front()));
        events_.pop_front();
      }
      return out;
    }
    if (!end_.ok()) return end_;
    return std::vector<WatchEvent>{};
  }

 private:
  void Read() {
    kube::api::v1::WatchEvent event;
    while (reader_->Read(&event)) {
      absl::StatusOr<ObjectPtr> object = UnpackAny(event.object());
      absl::MutexLock lock(&mu_);
      if (!object.ok()) {
        end_ = object.status();
        return;
      }
      events_.push_back(WatchEvent{event.type(), std::move(*object)});
    }
    grpc::Status status = reader_->Finish();
    absl::MutexLock lock(&mu_);
    // A stream that ends cleanly is a closed watch: re-watch from the last version.
    end_ = status.ok() || status.error_code() == grpc::StatusCode::CANCELLED
               ? WatchClosedError()
               : api::FromGrpcStatus(status);
  }

  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<kube::api::v1::WatchEvent>> reader_;
  absl::Mutex mu_;
  std::deque<WatchEvent> events_ ABSL_GUARDED_BY(mu_);
  absl::Status end_ ABSL_GUARDED_BY(mu_);  // not OK once the stream ended
  std::thread thread_;                      // started last
};

}  // namespace

namespace {

// Packs an object to send; a custom resource as its JSON (JsonObject).
void PackObject(const google::protobuf::Message& object, google::protobuf::Any* out) {
  if (!api::IsCustomResource(object)) {
    out->PackFrom(object);
    return;
  }
  kube::api::v1::JsonObject json;
  json.set_json(codec::EncodeJson(object));
  out->PackFrom(json);
}

}  // namespace

absl::StatusOr<ObjectPtr> UnpackAny(const google::protobuf::Any& any) {
  // A custom resource comes as its JSON: its type is built from its apiVersion and kind.
  if (any.Is<kube::api::v1::JsonObject>()) {
    kube::api::v1::JsonObject json;
    rapidjson::Document document;
    if (!any.UnpackTo(&json) || !codec::ParseJson(json.json(), document).ok() ||
        !document.IsObject() || !document.HasMember("apiVersion") || !document.HasMember("kind") ||
        !document["apiVersion"].IsString() || !document["kind"].IsString()) {
      return api::InternalError("the server sent a custom resource without apiVersion and kind");
    }
    auto [group, version] = api::SplitApiVersion(document["apiVersion"].GetString());
    const std::string kind = document["kind"].GetString();
    absl::StatusOr<api::CustomResourceTypes> types =
        api::TypesFor(group, version, kind, kind + "List");
    if (!types.ok()) return api::InternalError(std::string(types.status().message()));
    ObjectPtr object(types->prototype->New());
    absl::Status decoded = codec::DecodeJsonValue(document, *object);
    if (!decoded.ok()) return api::InternalError(std::string(decoded.message()));
    return object;
  }
  std::string_view url = any.type_url();
  std::string type_name(url.substr(url.rfind('/') + 1));
  const google::protobuf::Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(type_name);
  if (type == nullptr) {
    return api::InternalError(StrCat("the server sent an unknown type ", any.type_url()));
  }
  ObjectPtr object(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
  if (!any.UnpackTo(object.get())) {
    return api::InternalError(StrCat("cannot decode the server's ", type_name));
  }
  return object;
}

namespace {
// How long a call waits for a channel in reconnect backoff to connect.
constexpr std::chrono::milliseconds kConnectWait(2000);

// The write options every mutating request carries.
template <typename Request>
void SetWriteOptions(const WriteOptions& options, Request& request) {
  request.set_dry_run(options.dry_run);
  request.set_field_manager(options.field_manager);
  request.set_field_validation(options.field_validation);
}

// A TokenSource's current token as every call's "authorization" metadata.
class TokenSourceCredentials final : public grpc::MetadataCredentialsPlugin {
 public:
  explicit TokenSourceCredentials(std::shared_ptr<TokenSource> source)
      : source_(std::move(source)) {}

  grpc::Status GetMetadata(grpc::string_ref, grpc::string_ref, const grpc::AuthContext&,
                           std::multimap<grpc::string, grpc::string>* metadata) override {
    absl::StatusOr<std::string> token = source_->Token();
    if (!token.ok()) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, std::string(token.status().message()));
    }
    metadata->emplace("authorization", "Bearer " + *token);
    return grpc::Status::OK;
  }
  bool IsBlocking() const override { return true; }  // Token() may ask the apiserver

 private:
  const std::shared_ptr<TokenSource> source_;
};
}  // namespace

GrpcTransport::GrpcTransport(std::shared_ptr<grpc::Channel> channel, absl::Duration call_timeout)
    : channel_(std::move(channel)),
      stub_(kube::api::v1::Api::NewStub(channel_)),
      call_timeout_(call_timeout) {}

absl::StatusOr<std::unique_ptr<GrpcTransport>> GrpcTransport::Create(const ClientConfig& config) {
  constexpr std::string_view kScheme = "grpc://";
  std::string target = config.server;
  if (target.rfind(kScheme, 0) == 0) target = target.substr(kScheme.size());
  if (target.empty()) return absl::InvalidArgumentError("the gRPC server address is empty");
  if (config.insecure_skip_tls_verify) {
    return absl::InvalidArgumentError(
        "the gRPC transport always verifies the server: give it certificate-authority-data");
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(256 * 1024 * 1024);
  // As over REST: the server names this client's field manager after it.
  arguments.SetUserAgentPrefix(config.user_agent);
  // Reconnect soon after the apiserver comes back (gRPC's default backoff grows to
  // two minutes); see PrepareCall.
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  if (!config.tls_server_name.empty()) {
    arguments.SetSslTargetNameOverride(config.tls_server_name);
  }
  // The gRPC API is served over TLS only, as the REST one: the server is verified
  // against the kubeconfig's CA; the client proves who it is with its certificate
  // or a bearer token (sent as the "authorization" metadata).
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = config.certificate_authority_pem;
  tls.pem_private_key = config.client_key_pem;
  tls.pem_cert_chain = config.client_certificate_pem;
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::SslCredentials(tls);
  if (config.token_source != nullptr) {
    credentials = grpc::CompositeChannelCredentials(
        credentials, grpc::MetadataCredentialsFromPlugin(
                         std::make_unique<TokenSourceCredentials>(config.token_source)));
  } else if (!config.token.empty()) {
    credentials = grpc::CompositeChannelCredentials(
        credentials, grpc::AccessTokenCredentials(config.token));
  }
  auto channel = grpc::CreateCustomChannel(target, credentials, arguments);
  return std::unique_ptr<GrpcTransport>(new GrpcTransport(
      std::move(channel), absl::Seconds(config.request_timeout_seconds)));
}

void GrpcTransport::PrepareCall(grpc::ClientContext& context) const {
  // A channel whose server went away stays in TRANSIENT_FAILURE until its next
  // reconnect attempt, and fail-fast calls fail at once meanwhile, even when the
  // server is back. Like a REST client opening a fresh connection, give the
  // channel a short, bounded chance to connect first; a server that is really
  // down still fails the call within that bound.
  grpc_connectivity_state state = channel_->GetState(/*try_to_connect=*/true);
  if (state == GRPC_CHANNEL_TRANSIENT_FAILURE || state == GRPC_CHANNEL_CONNECTING) {
    channel_->WaitForConnected(std::chrono::system_clock::now() + kConnectWait);
  }
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(absl::ToInt64Milliseconds(call_timeout_)));
  context.set_wait_for_ready(false);
}

absl::StatusOr<ObjectPtr> GrpcTransport::CallForObject(
    const std::function<grpc::Status(grpc::ClientContext*, google::protobuf::Any*)>& call) const {
  google::protobuf::Any response;
  grpc::ClientContext context;
  PrepareCall(context);
  grpc::Status status = call(&context, &response);
  if (!status.ok()) return api::FromGrpcStatus(status);
  return UnpackAny(response);
}

absl::StatusOr<ObjectPtr> GrpcTransport::Get(const Resource& resource, const std::string& ns,
                                             const std::string& name,
                                             const std::string& subresource) {
  kube::api::v1::GetRequest request;
  *request.mutable_ref() = Ref(resource, ns, name, subresource);
  return CallForObject([&](grpc::ClientContext* context, google::protobuf::Any* response) {
    return stub_->Get(context, request, response);
  });
}

absl::StatusOr<ListResult> GrpcTransport::List(const Resource& resource, const std::string& ns,
                                               const ListOptions& options) {
  kube::api::v1::ListRequest request;
  *request.mutable_ref() = Ref(resource, ns, "", "");
  request.set_label_selector(options.label_selector);
  request.set_field_selector(options.field_selector);
  request.set_limit(options.limit);
  request.set_continue_(options.continue_token);
  request.set_resource_version(options.resource_version);
  request.set_resource_version_match(options.resource_version_match);
  kube::api::v1::ListResponse response;
  grpc::ClientContext context;
  PrepareCall(context);
  grpc::Status status = stub_->List(&context, request, &response);
  if (!status.ok()) return api::FromGrpcStatus(status);
  ListResult result;
  result.resource_version = response.resource_version();
  result.continue_token = response.continue_();
  for (const google::protobuf::Any& item : response.items()) {
    absl::StatusOr<ObjectPtr> object = UnpackAny(item);
    if (!object.ok()) return object.status();
    result.items.push_back(std::move(*object));
  }
  return result;
}

absl::StatusOr<ObjectPtr> GrpcTransport::Create(const Resource& resource, const std::string& ns,
                                                const google::protobuf::Message& object,
                                                const WriteOptions& options,
                                                const std::string& subresource) {
  kube::api::v1::CreateRequest request;
  // Subresource creates (binding, eviction) name their object in its metadata.
  *request.mutable_ref() =
      Ref(resource, ns, subresource.empty() ? "" : NameOf(object), subresource);
  PackObject(object, request.mutable_object());
  SetWriteOptions(options, request);
  return CallForObject([&](grpc::ClientContext* context, google::protobuf::Any* response) {
    return stub_->Create(context, request, response);
  });
}

absl::StatusOr<ObjectPtr> GrpcTransport::Update(const Resource& resource, const std::string& ns,
                                                const google::protobuf::Message& object,
                                                const WriteOptions& options,
                                                const std::string& subresource) {
  kube::api::v1::UpdateRequest request;
  *request.mutable_ref() = Ref(resource, ns, NameOf(object), subresource);
  PackObject(object, request.mutable_object());
  SetWriteOptions(options, request);
  return CallForObject([&](grpc::ClientContext* context, google::protobuf::Any* response) {
    return stub_->Update(context, request, response);
  });
}

absl::StatusOr<ObjectPtr> GrpcTransport::Patch(const Resource& resource, const std::string& ns,
                                               const std::string& name,
                                               const std::string& patch_type,
                                               const std::string& patch,
                                               const WriteOptions& options,
                                               const std::string& subresource) {
  kube::api::v1::PatchRequest request;
  *request.mutable_ref() = Ref(resource, ns, name, subresource);
  request.set_patch_type(patch_type);
  request.set_patch(patch);
  SetWriteOptions(options, request);
  return CallForObject([&](grpc::ClientContext* context, google::protobuf::Any* response) {
    return stub_->Patch(context, request, response);
  });
}

absl::StatusOr<ObjectPtr> GrpcTransport::Delete(const Resource& resource, const std::string& ns,
                                                const std::string& name,
                                                const k8s::meta::v1::DeleteOptions& options) {
  kube::api::v1::DeleteRequest request;
  *request.mutable_ref() = Ref(resource, ns, name, "");
  *request.mutable_options() = options;
  kube::api::v1::DeleteResponse response;
  grpc::ClientContext context;
  PrepareCall(context);
  grpc::Status status = stub_->Delete(&context, request, &response);
  if (!status.ok()) return api::FromGrpcStatus(status);
  // As over REST: the object when it is still there (or for pods), else nothing.
  if (response.deleted() && resource.resource != "pods") return ObjectPtr();
  return UnpackAny(response.object());
}

absl::StatusOr<std::unique_ptr<WatchStream>> GrpcTransport::Watch(const Resource& resource,
                                                                  const std::string& ns,
                                                                  const ListOptions& options) {
  kube::api::v1::WatchRequest request;
  *request.mutable_ref() = Ref(resource, ns, "", "");
  request.set_label_selector(options.label_selector);
  request.set_field_selector(options.field_selector);
  request.set_resource_version(options.resource_version);
  request.set_allow_watch_bookmarks(options.allow_watch_bookmarks);
  if (options.send_initial_events.has_value()) {
    request.set_send_initial_events(*options.send_initial_events);
  }
  request.set_resource_version_match(options.resource_version_match);
  request.set_timeout_seconds(options.timeout_seconds);
  return std::unique_ptr<WatchStream>(std::make_unique<GrpcWatchStream>(*stub_, request));
}

absl::StatusOr<std::unique_ptr<Transport>> NewTransport(const ClientConfig& config) {
  constexpr std::string_view kGrpc = "grpc://";
  if (config.server.rfind(kGrpc, 0) == 0) {
    absl::StatusOr<std::unique_ptr<GrpcTransport>> transport = GrpcTransport::Create(config);
    if (!transport.ok()) return transport.status();
    return std::unique_ptr<Transport>(std::move(*transport));
  }
  absl::StatusOr<std::unique_ptr<RestTransport>> transport = RestTransport::Create(config);
  if (!transport.ok()) return transport.status();
  return std::unique_ptr<Transport>(std::move(*transport));
}

}  // namespace kube::client

namespace kube::client {

absl::StatusOr<std::unique_ptr<Transport>> NewTransportFromKubeconfig(
    std::string_view kubeconfig_path) {
  absl::StatusOr<ClientConfig> config = LoadKubeconfig(kubeconfig_path);
  if (!config.ok()) return config.status();
  return NewTransport(*config);
}

}  // namespace kube::client

#pragma once

#include <functional>

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "common/client/kubeconfig.h"
#include "common/client/transport.h"
#include "kube/api/v1/api_service.grpc.pb.h"

namespace kube::client {

// Transport over our apiserver's gRPC API (proto/kube/api/v1): protobuf objects in
// google.protobuf.Any, no JSON on the way, errors carrying the same Kubernetes
// Status REST would send. Only our apiserver serves it; RestTransport reaches any
// Kubernetes apiserver. Thread-safe: one HTTP/2 channel shared by all calls; each
// open watch reads its stream on a thread of its own.
class GrpcTransport final : public Transport {
 public:
  // To the gRPC port named by `config.server` ("grpc://host:port" or "host:port"),
  // over TLS with the config's CA, client certificate or token.
  static absl::StatusOr<std::unique_ptr<GrpcTransport>> Create(const ClientConfig& config);

  absl::StatusOr<ObjectPtr> Get(const Resource& resource, const std::string& ns,
                                const std::string& name,
                                const std::string& subresource = "") override;
  absl::StatusOr<ListResult> List(const Resource& resource, const std::string& ns,
                                  const ListOptions& options) override;
  absl::StatusOr<ObjectPtr> Create(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object,
                                   const WriteOptions& options = {},
                                   const std::string& subresource = "") override;
  absl::StatusOr<ObjectPtr> Update(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object,
                                   const WriteOptions& options = {},
                                   const std::string& subresource = "") override;
  absl::StatusOr<ObjectPtr> Patch(const Resource& resource, const std::string& ns,
                                  const std::string& name, const std::string& patch_type,
                                  const std::string& patch, const WriteOptions& options = {},
                                  const std::string& subresource = "") override;
  absl::StatusOr<ObjectPtr> Delete(const Resource& resource, const std::string& ns,
                                   const std::string& name,
                                   const k8s::meta::v1::DeleteOptions& options = {}) override;
  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource& resource,
                                                     const std::string& ns,
                                                     const ListOptions& options) override;

 private:
  GrpcTransport(std::shared_ptr<grpc::Channel> channel, absl::Duration call_timeout);
  // Sets the call deadline, after giving a reconnecting channel a moment to connect.
  void PrepareCall(grpc::ClientContext& context) const;
  // One unary call answered with an object: deadline, the call, error mapping and
  // unpacking.
  absl::StatusOr<ObjectPtr> CallForObject(
      const std::function<grpc::Status(grpc::ClientContext*, google::protobuf::Any*)>& call) const;

  const std::shared_ptr<grpc::Channel> channel_;
  const std::unique_ptr<kube::api::v1::Api::Stub> stub_;  // thread-safe
  const absl::Duration call_timeout_;
};

// The transport a config asks for: "grpc://host:port" servers get a GrpcTransport,
// "http(s)://" ones a RestTransport.
absl::StatusOr<std::unique_ptr<Transport>> NewTransport(const ClientConfig& config);
// The same from --kubeconfig (or $KUBECONFIG, or ~/.kube/config).
absl::StatusOr<std::unique_ptr<Transport>> NewTransportFromKubeconfig(
    std::string_view kubeconfig_path);

// An Any as a message of the type it holds (any generated API type), or 500.
absl::StatusOr<ObjectPtr> UnpackAny(const google::protobuf::Any& any);

}  // namespace kube::client

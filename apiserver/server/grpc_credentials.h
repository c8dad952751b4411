#pragma once

#include <grpcpp/grpcpp.h>

#include <vector>

#include "apiserver/authentication/authenticator.h"
#include "apiserver/filters/impersonation.h"
#include "common/tls/openssl_ptr.h"

namespace kube::apiserver {

// The credentials of a gRPC call: the TLS client chain gRPC verified nothing of
// (it only requests one) and the "authorization" metadata. Owns the parsed
// certificates the Credentials point at.
class GrpcCredentials {
 public:
  explicit GrpcCredentials(const grpc::ServerContext& context);
  GrpcCredentials(const GrpcCredentials&) = delete;
  GrpcCredentials& operator=(const GrpcCredentials&) = delete;

  const auth::RequestCredentials& credentials() const { return credentials_; }

 private:
  std::vector<tls::X509Ptr> chain_;
  auth::RequestCredentials credentials_;
};

// The impersonate-user, impersonate-group, impersonate-uid and impersonate-extra-*
// metadata of a call, as the Impersonate-* headers of REST.
filters::ImpersonationRequest GrpcImpersonation(const grpc::ServerContext& context);

}  // namespace kube::apiserver

#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "apiserver/authentication/authenticator.h"
#include "apiserver/filters/impersonation.h"
#include "common/tls/openssl_ptr.h"

namespace kube::apiserver {

// A client certificate chain as parsed once (leaf first; immutable, shared by calls).
using PeerChain = std::vector<tls::X509Ptr>;

// gRPC reports a call's client certificates as PEM text, and OpenSSL 3 takes ~100 us
// to parse one: far more than the rest of the call's authentication. Every call of
// a connection reports the same text, so chains are parsed once and kept by it.
// Thread-safe; holds at most kMaxChains (cleared when full: clients are few).
class PeerChainCache {
 public:
  // The chain of `auth` (empty without a client certificate).
  std::shared_ptr<const PeerChain> ChainOf(const grpc::AuthContext& auth);

 private:
  static constexpr size_t kMaxChains = 1024;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<const PeerChain>> chains_ ABSL_GUARDED_BY(mu_);
};

// The credentials of a gRPC call: the TLS client chain gRPC verified nothing of
// (it only requests one) and the "authorization" metadata. Holds the parsed
// certificates the Credentials point at.
class GrpcCredentials {
 public:
  GrpcCredentials(const grpc::ServerContext& context, PeerChainCache& chains);
  GrpcCredentials(const GrpcCredentials&) = delete;
  GrpcCredentials& operator=(const GrpcCredentials&) = delete;

  const auth::RequestCredentials& credentials() const { return credentials_; }

 private:
  std::shared_ptr<const PeerChain> chain_;
  auth::RequestCredentials credentials_;
};

// The impersonate-user, impersonate-group, impersonate-uid and impersonate-extra-*
// metadata of a call, as the Impersonate-* headers of REST.
filters::ImpersonationRequest GrpcImpersonation(const grpc::ServerContext& context);

}  // namespace kube::apiserver

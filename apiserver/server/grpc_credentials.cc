#include "apiserver/server/grpc_credentials.h"

#include <algorithm>
#include <cctype>
#include "common/tls/pem.h"

namespace kube::apiserver {
namespace {

std::string Text(const grpc::string_ref& ref) { return std::string(ref.data(), ref.size()); }

}  // namespace

std::shared_ptr<const PeerChain> PeerChainCache::ChainOf(const grpc::AuthContext& auth) {
  std::vector<grpc::string_ref> leaf = auth.FindPropertyValues(GRPC_X509_PEM_CERT_PROPERTY_NAME);
  std::vector<grpc::string_ref> sent = auth.FindPropertyValues("x509_pem_cert_chain");
  std::string key = leaf.empty() ? std::string() : Text(leaf.front());
  if (key.empty()) return nullptr;
  if (!sent.empty()) key += Text(sent.front());
  {
    absl::MutexLock lock(&mu_);
    auto found = chains_.find(key);
    if (found != chains_.end()) return found->second;
  }
  // The leaf first; then whatever else the peer sent (gRPC's chain property does
  // not promise an order), as untrusted intermediates.
  auto chain = std::make_shared<PeerChain>();
  absl::StatusOr<std::vector<tls::X509Ptr>> parsed = tls::ParseCertificates(Text(leaf.front()));
  if (parsed.ok() && !parsed->empty()) chain->push_back(std::move(parsed->front()));
  if (!chain->empty() && !sent.empty()) {
    parsed = tls::ParseCertificates(Text(sent.front()));
    if (parsed.ok()) {
      for (tls::X509Ptr& certificate : *parsed) {
        if (X509_cmp(certificate.get(), chain->front().get()) != 0) {
          chain->push_back(std::move(certificate));
        }
      }
    }
  }
  absl::MutexLock lock(&mu_);
  if (chains_.size() >= kMaxChains) chains_.clear();
  return chains_.try_emplace(std::move(key), std::move(chain)).first->second;
}

GrpcCredentials::GrpcCredentials(const grpc::ServerContext& context, PeerChainCache& chains) {
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth != nullptr) chain_ = chains.ChainOf(*auth);
  if (chain_ != nullptr) {
    for (const tls::X509Ptr& certificate : *chain_) {
      credentials_.peer_chain.push_back(certificate.get());
    }
  }
  const auto& metadata = context.client_metadata();
  auto authorization = metadata.find("authorization");
  if (authorization != metadata.end()) credentials_.authorization = Text(authorization->second);
}

filters::ImpersonationRequest GrpcImpersonation(const grpc::ServerContext& context) {
  const auto& metadata = context.client_metadata();
  constexpr std::string_view kExtraPrefix = "impersonate-extra-";
  std::vector<std::string> extra_keys;
  for (const auto& [name, value] : metadata) {
    std::string key = Text(name);
    if (key.rfind(kExtraPrefix, 0) == 0) {
      key = key.substr(kExtraPrefix.size());
      if (std::find(extra_keys.begin(), extra_keys.end(), key) == extra_keys.end()) {
        extra_keys.push_back(key);
      }
    }
  }
  auto values = [&metadata](const std::string& name) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::vector<std::string> found;
    auto [begin, end] = metadata.equal_range(lower);
    for (auto it = begin; it != end; ++it) found.push_back(Text(it->second));
    return found;
  };
  return filters::ReadImpersonationHeaders(values, extra_keys);
}

}  // namespace kube::apiserver

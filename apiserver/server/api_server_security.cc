// kube-apiserver's security wiring (ApiServer's members, split from api_server.cc):
// serving credentials, the request chain's sources (the Node authorizer's graph and
// feed, bootstrap tokens), the admission steps in upstream's order, the client side
// of kubelets' ports, and TokenRequest.

#include "apiserver/admission/certificates/certificate_admission.h"
#include "apiserver/admission/noderestriction/node_restriction.h"
#include "apiserver/admission/priority/priority_admission.h"
#include "apiserver/admission/rbac_escalation/rbac_escalation.h"
#include "apiserver/admission/runtimeclass/runtime_class_admission.h"
#include "apiserver/admission/serviceaccount/service_account_admission.h"
#include "apiserver/admission/storageclass/default_storage_class.h"
#include "apiserver/reviews/register_reviews.h"
#include "apiserver/server/admission_plugins.h"
#include "apiserver/server/api_server.h"
#include "apiserver/server/request_chain_factory.h"
#include "apiserver/serviceaccount/key_set.h"
#include "apiserver/serviceaccount/signing_key.h"
#include "apiserver/serviceaccount/token_generator.h"
#include "common/log/log.h"
#include "common/tls/client_context.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"
#include "k8s/authentication/v1/authentication.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {

absl::Status ApiServer::InitializeSecurity() {
  absl::StatusOr<ServingCredentials> credentials = LoadServingCredentials(options_);
  if (!credentials.ok()) return credentials.status();
  serving_credentials_ = std::move(*credentials);
  absl::StatusOr<tls::SslCtxPtr> context = NewServingTlsContext(serving_credentials_, options_);
  if (!context.ok()) return context.status();
  http_.EnableTls(std::move(*context));
  service_account_lookup_ = std::make_unique<StoreServiceAccountLookup>(*stores_);
  rbac_source_ = std::make_unique<StoreRbacSource>(*stores_);
  RequestChainSources sources{service_account_lookup_.get(), rbac_source_.get()};
  if (const Store* secrets = stores_->Find("", "Secret")) {
    sources.bootstrap_token_secret = [secrets](const std::string& name)
        -> absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>> {
      absl::StatusOr<SharedObject> secret = secrets->GetCached("kube-system", name);
      if (absl::IsNotFound(secret.status())) return nullptr;
      if (!secret.ok()) return secret.status();
      return std::static_pointer_cast<const k8s::core::v1::Secret>(*secret);
    };
  }
  if (NodeAuthorizerEnabled()) {
    const Store* pods = stores_->Find("", "Pod");
    const Store* volumes = stores_->Find("", "PersistentVolume");
    if (pods == nullptr || volumes == nullptr) {
      return absl::FailedPreconditionError("the Node authorizer needs pods and persistentvolumes");
    }
    node_graph_ = std::make_unique<node::NodeGraph>();
    node_graph_feeder_ = std::make_unique<node::NodeGraphFeeder>(*pods, *volumes, *node_graph_);
    if (!node_graph_feeder_->WaitForSync(absl::Seconds(30))) {
      KLOG(Warning) << "the Node authorizer's graph has not synced yet; kubelets may be refused "
                       "until it has";
    }
    sources.node_graph = node_graph_.get();
    node::NodeGraphFeeder* feeder = node_graph_feeder_.get();
    sources.node_graph_catch_up = [feeder] { feeder->CatchUp(absl::Seconds(1)); };
  }
  const rbac::RbacAuthorizer* rbac = nullptr;
  absl::StatusOr<std::unique_ptr<filters::RequestChain>> chain =
      NewRequestChain(options_, sources, &rbac);
  if (!chain.ok()) return chain.status();
  chain_ = std::move(*chain);
  reviews::ReviewBackends backends;
  backends.authenticator = &chain_->authenticator();
  backends.authorizer = &chain_->authorizer();
  backends.rbac = rbac;
  backends.api_audiences =
      options_.api_audiences.empty() ? options_.service_account_issuers : options_.api_audiences;
  reviews::AttachReviews(registry_, backends);
  // The admission steps, in upstream's order.
  absl::StatusOr<std::set<std::string>> plugins = EnabledAdmissionPlugins(options_);
  if (!plugins.ok()) return plugins.status();
  if (plugins->contains("ServiceAccount")) {
    if (const Store* service_accounts = stores_->Find("", "ServiceAccount")) {
      admission_.Add(std::make_unique<admission::ServiceAccountAdmission>(*service_accounts));
    }
  }
  if (plugins->contains("NodeRestriction")) {
    const Store* pods = stores_->Find("", "Pod");
    const Store* nodes = stores_->Find("", "Node");
    if (pods != nullptr && nodes != nullptr) {
      admission_.Add(std::make_unique<admission::NodeRestriction>(*pods, *nodes));
    }
  }
  if (plugins->contains("Priority")) {
    if (const Store* classes = stores_->Find("scheduling.k8s.io", "PriorityClass")) {
      admission_.Add(std::make_unique<admission::PriorityAdmission>(*classes));
    }
  }
  if (plugins->contains("RuntimeClass")) {
    if (const Store* classes = stores_->Find("node.k8s.io", "RuntimeClass")) {
      admission_.Add(std::make_unique<admission::RuntimeClassAdmission>(*classes));
    }
  }
  if (plugins->contains("DefaultStorageClass")) {
    if (const Store* classes = stores_->Find("storage.k8s.io", "StorageClass")) {
      admission_.Add(std::make_unique<admission::DefaultStorageClass>(*classes));
    }
  }
  // Who asked for a certificate is always recorded (upstream's strategy does it).
  admission_.Add(std::make_unique<admission::CertificateRequester>());
  if (plugins->contains("CertificateApproval")) {
    admission_.Add(std::make_unique<admission::CertificateApproval>(chain_->authorizer()));
  }
  if (plugins->contains("CertificateSigning")) {
    admission_.Add(std::make_unique<admission::CertificateSigning>(chain_->authorizer()));
  }
  if (plugins->contains("CertificateSubjectRestriction")) {
    admission_.Add(std::make_unique<admission::CertificateSubjectRestriction>());
  }
  if (rbac != nullptr) {
    admission_.Add(std::make_unique<admission::RbacEscalation>(chain_->authorizer(), *rbac,
                                                               *rbac_source_));
  }
  stores_->SetAdmission(&admission_);
  return InitializeServiceAccountTokens();
}

absl::Status ApiServer::InitializeKubeletClient() {
  // Kubelets always serve HTTPS. As upstream, without a CA their certificates
  // (often self-signed) are not verified.
  tls::ClientTlsOptions tls;
  if (options_.kubelet_certificate_authority.empty()) {
    tls.insecure_skip_verify = true;
  } else {
    absl::StatusOr<std::string> ca =
        tls::ReadFileToString(options_.kubelet_certificate_authority);
    if (!ca.ok()) {
      return absl::InvalidArgumentError(
          StrCat("--kubelet-certificate-authority: ", ca.status().message()));
    }
    tls.ca_pem = std::move(*ca);
  }
  if (!options_.kubelet_client_certificate.empty()) {
    absl::StatusOr<std::string> cert = tls::ReadFileToString(options_.kubelet_client_certificate);
    absl::StatusOr<std::string> key = tls::ReadFileToString(options_.kubelet_client_key);
    if (!cert.ok() || !key.ok()) {
      return absl::InvalidArgumentError(StrCat(
          "--kubelet-client-certificate/--kubelet-client-key: ",
          (!cert.ok() ? cert.status() : key.status()).message()));
    }
    tls.cert_pem = std::move(*cert);
    tls.key_pem = std::move(*key);
  }
  absl::StatusOr<tls::SslCtxPtr> context = tls::NewClientContext(tls);
  if (!context.ok()) return context.status();
  kubelet_tls_ = std::move(*context);
  return absl::OkStatus();
}

absl::Status ApiServer::InitializeServiceAccountTokens() {
  if (options_.service_account_issuers.empty()) return absl::OkStatus();
  const std::string& issuer = options_.service_account_issuers.front();
  const std::vector<std::string> audiences =
      options_.api_audiences.empty() ? options_.service_account_issuers : options_.api_audiences;
  if (!options_.service_account_key_files.empty()) {
    absl::StatusOr<std::vector<serviceaccount::PublicKey>> keys =
        serviceaccount::ReadPublicKeyFiles(options_.service_account_key_files);
    if (!keys.ok()) return keys.status();
    serviceaccount::PublicKeySet key_set(std::move(*keys));
    absl::StatusOr<serviceaccount::OidcDiscovery> discovery = serviceaccount::OidcDiscovery::Create(
        issuer, options_.service_account_jwks_uri, AdvertisedAddress(), key_set);
    if (discovery.ok()) {
      oidc_discovery_ = std::make_unique<serviceaccount::OidcDiscovery>(std::move(*discovery));
    } else {
      KLOG(Warning) << "not serving OIDC discovery: " << discovery.status().message();
    }
  }
  if (options_.service_account_signing_key_file.empty()) return absl::OkStatus();
  absl::StatusOr<serviceaccount::SigningKey> key =
      serviceaccount::SigningKey::FromFile(options_.service_account_signing_key_file);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        StrCat("--service-account-signing-key-file: ", key.status().message()));
  }
  serviceaccount::TokenRequestPolicy policy;
  policy.api_audiences = audiences;
  if (options_.service_account_max_token_expiration > absl::ZeroDuration()) {
    policy.max_expiration = options_.service_account_max_token_expiration;
  }
  policy.extend_expiration = options_.service_account_extend_token_expiration;
  token_requests_ = std::make_unique<TokenRequestHandler>(
      std::make_unique<serviceaccount::TokenGenerator>(issuer, std::move(*key)), policy,
      *service_account_lookup_);
  ResourceInfo* service_accounts = registry_.MutableFindByKind("", "ServiceAccount");
  if (service_accounts == nullptr) return absl::OkStatus();
  const TokenRequestHandler* handler = token_requests_.get();
  const admission::Chain* admission = &admission_;
  service_accounts->create_subresources["token"] = CreateSubresource{
      &k8s::authentication::v1::TokenRequest::default_instance(),
      [handler, admission, service_accounts](
          const auth::UserInfo& requester, std::string_view ns, std::string_view name,
          const google::protobuf::Message& posted)
          -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
        // As upstream, a token request is admitted like a write (NodeRestriction:
        // a kubelet gets tokens only for pods on its node).
        admission::Request review{admission::Operation::kCreate, service_accounts, "token", ns,
                                  name, const_cast<google::protobuf::Message*>(&posted),
                                  nullptr, &requester};
        if (absl::Status admitted = admission->Validate(review); !admitted.ok()) return admitted;
        absl::StatusOr<std::unique_ptr<k8s::authentication::v1::TokenRequest>> answer =
            handler->Create(ns, name,
                            static_cast<const k8s::authentication::v1::TokenRequest&>(posted));
        if (!answer.ok()) return answer.status();
        return std::unique_ptr<google::protobuf::Message>(std::move(*answer));
      }};
  return absl::OkStatus();
}

bool ApiServer::NodeAuthorizerEnabled() const {
  for (const std::string& mode : options_.authorization_modes) {
    if (mode == "Node") return true;
  }
  return false;
}

}  // namespace kube::apiserver

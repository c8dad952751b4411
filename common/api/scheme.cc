#include "common/api/scheme.h"

#include <google/protobuf/message.h>

#include "common/util/strings.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"
#include "k8s/apiextensions/v1/apiextensions.pb.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/authentication/v1/authentication.pb.h"
#include "k8s/authorization/v1/authorization.pb.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/batch/v1/batch.pb.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/discovery/v1/discovery.pb.h"
#include "k8s/events/v1/events.pb.h"
#include "k8s/flowcontrol/v1/flowcontrol.pb.h"
#include "k8s/meta/v1/meta.pb.h"
#include "k8s/networking/v1/networking.pb.h"
#include "k8s/node/v1/node.pb.h"
#include "k8s/options.pb.h"
#include "k8s/policy/v1/policy.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"
#include "k8s/scheduling/v1/scheduling.pb.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::api {

std::string GroupVersionKind::ApiVersion() const {
  return group.empty() ? version : StrCat(group, "/", version);
}

std::pair<std::string, std::string> SplitApiVersion(std::string_view api_version) {
  size_t slash = api_version.find('/');
  if (slash == std::string_view::npos) return {"", std::string(api_version)};
  return {std::string(api_version.substr(0, slash)), std::string(api_version.substr(slash + 1))};
}

const Scheme& Scheme::BuiltIn() {
  static const Scheme* scheme = new Scheme();
  return *scheme;
}

Scheme::Scheme() {
  // One message per schema file is enough to reach the whole file.
  AddFile(k8s::meta::v1::Status::descriptor()->file());
  AddFile(k8s::core::v1::Pod::descriptor()->file());
  AddFile(k8s::apps::v1::Deployment::descriptor()->file());
  AddFile(k8s::batch::v1::Job::descriptor()->file());
  AddFile(k8s::coordination::v1::Lease::descriptor()->file());
  AddFile(k8s::policy::v1::Eviction::descriptor()->file());
  AddFile(k8s::autoscaling::v1::Scale::descriptor()->file());
  AddFile(k8s::rbac::v1::ClusterRole::descriptor()->file());
  AddFile(k8s::authentication::v1::TokenReview::descriptor()->file());
  AddFile(k8s::authorization::v1::SubjectAccessReview::descriptor()->file());
  AddFile(k8s::storage::v1::StorageClass::descriptor()->file());
  AddFile(k8s::scheduling::v1::PriorityClass::descriptor()->file());
  AddFile(k8s::node::v1::RuntimeClass::descriptor()->file());
  AddFile(k8s::networking::v1::Ingress::descriptor()->file());
  AddFile(k8s::discovery::v1::EndpointSlice::descriptor()->file());
  AddFile(k8s::events::v1::Event::descriptor()->file());
  AddFile(k8s::admissionregistration::v1::ValidatingWebhookConfiguration::descriptor()->file());
  AddFile(k8s::flowcontrol::v1::FlowSchema::descriptor()->file());
  AddFile(k8s::apiregistration::v1::APIService::descriptor()->file());
  AddFile(k8s::apiextensions::v1::CustomResourceDefinition::descriptor()->file());
}

void Scheme::AddFile(const google::protobuf::FileDescriptor* file) {
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  for (int i = 0; i < file->message_type_count(); ++i) {
    const google::protobuf::Descriptor* type = file->message_type(i);
    if (!type->options().HasExtension(k8s::api_version)) continue;
    const std::string& api_version = type->options().GetExtension(k8s::api_version);
    auto [group, version] = SplitApiVersion(api_version);
    std::string key = StrCat(api_version, "/", type->name());
    // The first type registered for a kind wins (meta types are added first).
    by_kind_.emplace(key, factory->GetPrototype(type));
    by_type_.emplace(type, GroupVersionKind{group, version, type->name()});
  }
}

const google::protobuf::Message* Scheme::Prototype(std::string_view api_version,
                                                   std::string_view kind) const {
  auto it = by_kind_.find(StrCat(api_version, "/", kind));
  return it == by_kind_.end() ? nullptr : it->second;
}

std::unique_ptr<google::protobuf::Message> Scheme::New(std::string_view api_version,
                                                       std::string_view kind) const {
  const google::protobuf::Message* prototype = Prototype(api_version, kind);
  if (prototype == nullptr) return nullptr;
  return std::unique_ptr<google::protobuf::Message>(prototype->New());
}

std::optional<GroupVersionKind> Scheme::KindOf(const google::protobuf::Descriptor* type) const {
  auto it = by_type_.find(type);
  if (it != by_type_.end()) return it->second;
  // Types built at run time (custom resources) say it in their options too.
  const std::string& api_version = type->options().GetExtension(k8s::api_version);
  if (api_version.empty()) return std::nullopt;
  auto [group, version] = SplitApiVersion(api_version);
  return GroupVersionKind{group, version, type->name()};
}

}  // namespace kube::api

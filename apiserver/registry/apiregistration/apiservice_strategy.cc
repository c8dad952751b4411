#include "apiserver/registry/apiregistration/apiservice_strategy.h"

#include "absl/strings/str_join.h"
#include "apiserver/registry/core/field_path.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"

namespace kube::apiserver {

using k8s::apiregistration::v1::APIService;

namespace {

constexpr int32_t kDefaultServicePort = 443;

}  // namespace

void ApiServiceStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<APIService&>(object).mutable_spec();
  if (spec.has_service() && !spec.service().has_port()) {
    spec.mutable_service()->set_port(kDefaultServicePort);
  }
}

api::FieldErrors ApiServiceStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& service = static_cast<const APIService&>(object);
  const auto& spec = service.spec();
  api::FieldErrors errors;
  const std::string required_name = spec.version() + "." + spec.group();
  const std::string& name = service.metadata().name();
  // The generic checks have made sure it is a path segment.
  if (validation::IsValidPathSegmentName(name).empty() && name != required_name) {
    errors.push_back(
        api::Invalid("metadata.name", name,
                     "must be `spec.version+\".\"+spec.group`: " + api::QuoteValue(required_name)));
  }
  if (spec.group().empty() && spec.version() != "v1") {
    errors.push_back(api::Required("spec.group",
                                   "only v1 may have an empty group and it better be legacy kube"));
  }
  if (!spec.group().empty()) {
    for (const std::string& message : validation::IsDns1123Subdomain(spec.group())) {
      errors.push_back(api::Invalid("spec.group", spec.group(), message));
    }
  }
  for (const std::string& message : validation::IsDns1035Label(spec.version())) {
    errors.push_back(api::Invalid("spec.version", spec.version(), message));
  }
  if (spec.grouppriorityminimum() <= 0 || spec.grouppriorityminimum() > 20000) {
    errors.push_back(api::InvalidNumber("spec.groupPriorityMinimum", spec.grouppriorityminimum(),
                                        "must be positive and less than 20000"));
  }
  if (spec.versionpriority() <= 0 || spec.versionpriority() > 1000) {
    errors.push_back(api::InvalidNumber("spec.versionPriority", spec.versionpriority(),
                                        "must be positive and less than 1000"));
  }
  if (!spec.has_service()) {
    if (!spec.cabundle().empty()) {
      errors.push_back(api::Invalid("spec.caBundle", StrCat(spec.cabundle().size(), " bytes"),
                                    "local APIServices may not have a caBundle"));
    }
    if (spec.insecureskiptlsverify()) {
      errors.push_back(
          core::InvalidRendered("spec.insecureSkipTLSVerify", "true",
                                "local APIServices may not have insecureSkipTLSVerify"));
    }
    return errors;
  }
  if (spec.service().namespace_().empty())
    errors.push_back(api::Required("spec.service.namespace"));
  if (spec.service().name().empty()) errors.push_back(api::Required("spec.service.name"));
  if (auto messages = validation::IsValidPortNumber(spec.service().port()); !messages.empty()) {
    errors.push_back(api::InvalidNumber("spec.service.port", spec.service().port(),
                                        "port is not valid: " + absl::StrJoin(messages, ", ")));
  }
  if (spec.insecureskiptlsverify() && !spec.cabundle().empty()) {
    errors.push_back(core::InvalidRendered("spec.insecureSkipTLSVerify", "true",
                                           "may not be true if caBundle is present"));
  }
  return errors;
}

api::FieldErrors ApiServiceStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& conditions = static_cast<const APIService&>(object).status().conditions();
  api::FieldErrors errors;
  for (int i = 0; i < conditions.size(); ++i) {
    const std::string& status = conditions.Get(i).status();
    if (status != "True" && status != "False" && status != "Unknown") {
      errors.push_back(api::NotSupported(core::Child(core::Index("status.conditions", i), "status"),
                                         status, {"True", "False", "Unknown"}));
    }
  }
  return errors;
}

}  // namespace kube::apiserver

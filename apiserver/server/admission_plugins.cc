#include "apiserver/server/admission_plugins.h"

#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

// Every plugin this server has, and which are on by default (as upstream's).
const std::set<std::string>& KnownPlugins() {
  static const std::set<std::string>* const known = new std::set<std::string>{
      "ServiceAccount", "NodeRestriction", "Priority", "RuntimeClass", "DefaultStorageClass",
      "CertificateApproval",
      "CertificateSigning", "CertificateSubjectRestriction"};
  return *known;
}
const std::set<std::string>& DefaultPlugins() { return KnownPlugins(); }

}  // namespace

absl::StatusOr<std::set<std::string>> EnabledAdmissionPlugins(const ApiServerOptions& options) {
  std::set<std::string> enabled = DefaultPlugins();
  for (const auto* names : {&options.enable_admission_plugins, &options.disable_admission_plugins}) {
    for (const std::string& name : *names) {
      if (!KnownPlugins().contains(name)) {
        return absl::InvalidArgumentError(StrCat("unknown admission plugin \"", name,
                                                 "\" (known: ", StrJoin(KnownPlugins(), ", "), ")"));
      }
    }
  }
  for (const std::string& name : options.enable_admission_plugins) enabled.insert(name);
  for (const std::string& name : options.disable_admission_plugins) enabled.erase(name);
  return enabled;
}

}  // namespace kube::apiserver

#include "apiserver/openapi/schema_names.h"

#include <array>
#include <utility>

#include "common/util/strings.h"
#include "k8s/options.pb.h"

namespace kube::apiserver::openapi {
namespace {

// Our packages outside k8s.<group>.<version> and their upstream Go packages.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kApimachinery = {{
    {"k8s.meta.v1", "io.k8s.apimachinery.pkg.apis.meta.v1"},
    {"k8s.util.intstr", "io.k8s.apimachinery.pkg.util.intstr"},
    {"k8s.resource", "io.k8s.apimachinery.pkg.api.resource"},
    {"k8s.runtime", "io.k8s.apimachinery.pkg.runtime"},
    {"k8s.version", "io.k8s.apimachinery.pkg.version"},
}};

}  // namespace

Json GroupVersionKind::ToJson() const {
  Json gvk;
  gvk["group"] = group;
  gvk["kind"] = kind;
  gvk["version"] = version;
  return gvk;
}

std::string DefinitionName(const google::protobuf::Descriptor* message) {
  const std::string& package = message->file()->package();
  for (const auto& [ours, upstream] : kApimachinery) {
    if (package == ours) return kube::StrCat(upstream, ".", message->name());
  }
  if (package.starts_with("k8s.")) {
    return kube::StrCat("io.k8s.api.", package.substr(4), ".", message->name());
  }
  return message->full_name();
}

std::string RefTo(Flavor flavor, const google::protobuf::Descriptor* message) {
  return RefTo(flavor, DefinitionName(message));
}

std::string RefTo(Flavor flavor, std::string_view definition_name) {
  return kube::StrCat(flavor == Flavor::kV2 ? "#/definitions/" : "#/components/schemas/",
                      definition_name);
}

GroupVersionKind ParseApiVersion(std::string_view api_version) {
  GroupVersionKind gvk;
  size_t slash = api_version.find('/');
  if (slash == std::string_view::npos) {
    gvk.version = std::string(api_version);
  } else {
    gvk.group = std::string(api_version.substr(0, slash));
    gvk.version = std::string(api_version.substr(slash + 1));
  }
  return gvk;
}

std::optional<GroupVersionKind> KindOf(const google::protobuf::Descriptor* message) {
  const auto& options = message->options();
  if (!options.HasExtension(k8s::api_version)) return std::nullopt;
  GroupVersionKind gvk = ParseApiVersion(options.GetExtension(k8s::api_version));
  gvk.kind = message->name();
  return gvk;
}

}  // namespace kube::apiserver::openapi

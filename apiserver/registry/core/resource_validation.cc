#include "apiserver/registry/core/resource_validation.h"

#include <algorithm>
#include <array>
#include <map>

#include "absl/strings/match.h"
#include "apiserver/registry/core/field_path.h"
#include "common/validation/names.h"

namespace kube::apiserver::core {
namespace {

constexpr std::array<std::string_view, 19> kStandardResources = {
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
    "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
    "pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
    "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports",
    "services.loadbalancers"};

constexpr std::array<std::string_view, 20> kQuotaResources = {
    "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
    "persistentvolumeclaims", "services.nodeports", "services.loadbalancers", "cpu", "memory",
    "ephemeral-storage", "storage", "requests.cpu", "requests.memory", "requests.storage",
    "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage"};

// Object counts: quantities of these must be whole numbers.
constexpr std::array<std::string_view, 9> kIntegerResources = {
    "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
    "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

bool IsQuotaHugePages(std::string_view name) {
  return IsHugePageResourceName(name) ||
         absl::StartsWith(std::string(name), "requests.hugepages-");
}

// A name in the kubernetes.io domain (or with no domain) is native.
bool IsNativeResource(std::string_view name) {
  size_t slash = name.find('/');
  if (slash == std::string_view::npos) return true;
  std::string domain(name.substr(0, slash));
  return domain == "kubernetes.io" || absl::EndsWith(domain, ".kubernetes.io");
}

bool IsExtendedResourceName(std::string_view name) {
  if (IsNativeResource(name) || absl::StartsWith(std::string(name), "requests.")) return false;
  return validation::IsQualifiedName(std::string("requests.") + std::string(name)).empty();
}

bool IsIntegerResource(std::string_view name) {
  return Contains(kIntegerResources, name) || absl::StartsWith(std::string(name), "count/") ||
         IsExtendedResourceName(name);
}

}  // namespace

bool IsHugePageResourceName(std::string_view name) {
  return absl::StartsWith(std::string(name), "hugepages-");
}

std::optional<resource::Quantity> ParseQuantity(const k8s::resource::Quantity& quantity) {
  absl::StatusOr<resource::Quantity> parsed = resource::Quantity::Parse(quantity.string());
  if (!parsed.ok()) return std::nullopt;
  return *parsed;
}

std::optional<resource::Quantity> ParseQuantityField(const k8s::resource::Quantity& quantity,
                                                     const std::string& field,
                                                     api::FieldErrors& errors) {
  absl::StatusOr<resource::Quantity> parsed = resource::Quantity::Parse(quantity.string());
  if (!parsed.ok()) {
    errors.push_back(api::Invalid(field, quantity.string(), std::string(parsed.status().message())));
    return std::nullopt;
  }
  return *parsed;
}

void ValidateResourceName(std::string_view name, ResourceNameUse use, const std::string& field,
                          api::FieldErrors& errors) {
  std::vector<std::string> messages = validation::IsQualifiedName(name);
  for (const std::string& message : messages) errors.push_back(api::Invalid(field, name, message));
  if (!messages.empty()) return;
  const bool qualified = name.find('/') != std::string_view::npos;
  if (!qualified && !Contains(kStandardResources, name) && !IsQuotaHugePages(name)) {
    errors.push_back(api::Invalid(field, name, "must be a standard resource type or fully qualified"));
    return;
  }
  switch (use) {
    case ResourceNameUse::kAny:
      break;
    case ResourceNameUse::kContainer:
      if (!qualified) {
        if (name != "cpu" && name != "memory" && name != "ephemeral-storage" &&
            !IsHugePageResourceName(name)) {
          errors.push_back(api::Invalid(field, name, "must be a standard resource for containers"));
        }
      } else if (!IsNativeResource(name) && !IsExtendedResourceName(name)) {
        errors.push_back(
            api::Invalid(field, name, "doesn't follow extended resource name standard"));
      }
      break;
    case ResourceNameUse::kQuota:
      if (!qualified && !Contains(kQuotaResources, name) && !IsQuotaHugePages(name)) {
        errors.push_back(api::Invalid(field, name, "must be a standard resource for quota"));
      }
      break;
  }
}

std::optional<resource::Quantity> ValidateQuantityValue(std::string_view resource_name,
                                                        const k8s::resource::Quantity& quantity,
                                                        const std::string& field,
                                                        api::FieldErrors& errors) {
  std::optional<resource::Quantity> value = ParseQuantityField(quantity, field, errors);
  if (!value) return std::nullopt;
  if (value->Sign() < 0) {
    errors.push_back(api::Invalid(field, value->ToString(), std::string(kNegativeMessage)));
  }
  if (IsIntegerResource(resource_name) && value->MilliValue() % 1000 != 0) {
    errors.push_back(api::Invalid(field, value->ToString(), "must be an integer"));
  }
  return value;
}

void ValidateResourceList(const ResourceList& list, ResourceNameUse use, const std::string& path,
                          api::FieldErrors& errors) {
  // Sorted, so the errors come out in a stable order.
  std::map<std::string, const k8s::resource::Quantity*> sorted;
  for (const auto& [name, quantity] : list) sorted.emplace(name, &quantity);
  for (const auto& [name, quantity] : sorted) {
    const std::string field = Key(path, name);
    ValidateResourceName(name, use, field, errors);
    ValidateQuantityValue(name, *quantity, field, errors);
  }
}

}  // namespace kube::apiserver::core

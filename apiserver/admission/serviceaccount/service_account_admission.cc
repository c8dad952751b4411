#include "apiserver/admission/serviceaccount/service_account_admission.h"

#include <random>

#include "absl/time/clock.h"
#include "common/api/errors.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::admission {
namespace {

using k8s::core::v1::Pod;
using k8s::core::v1::ServiceAccount;

constexpr char kMirrorPodAnnotation[] = "kubernetes.io/config.mirror";
constexpr char kDefaultServiceAccount[] = "default";
// What the kubelet asks for and the apiserver extends to a year (upstream's
// WarnOnlyBoundTokenExpirationSeconds).
constexpr int64_t kTokenExpirationSeconds = 3607;
// The default account appears moments after its namespace: look a few times.
constexpr int kDefaultAccountLookups = 10;
constexpr absl::Duration kLookupInterval = absl::Milliseconds(150);

// Five characters of upstream's utilrand alphabet (no vowels, no look-alikes).
std::string RandomSuffix() {
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  thread_local std::mt19937 generator{std::random_device{}()};
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string suffix;
  for (int i = 0; i < 5; ++i) suffix.push_back(kAlphabet[pick(generator)]);
  return suffix;
}

void AddTokenVolume(k8s::core::v1::PodSpec& spec) {
  const std::string name = StrCat("kube-api-access-", RandomSuffix());
  auto* volume = spec.add_volumes();
  volume->set_name(name);
  auto* projected = volume->mutable_volumesource()->mutable_projected();
  projected->set_defaultmode(0644);
  auto* token = projected->add_sources()->mutable_serviceaccounttoken();
  token->set_expirationseconds(kTokenExpirationSeconds);
  token->set_path("token");
  auto* ca = projected->add_sources()->mutable_configmap();
  ca->mutable_localobjectreference()->set_name("kube-root-ca.crt");
  auto* item = ca->add_items();
  item->set_key("ca.crt");
  item->set_path("ca.crt");
  auto* namespace_item = projected->add_sources()->mutable_downwardapi()->add_items();
  namespace_item->set_path("namespace");
  namespace_item->mutable_fieldref()->set_apiversion("v1");
  namespace_item->mutable_fieldref()->set_fieldpath("metadata.namespace");
  auto mount = [&name](auto& containers) {
    for (auto& container : containers) {
      bool mounted = false;
      for (const auto& existing : container.volumemounts()) {
        if (existing.mountpath() == kServiceAccountMountPath) mounted = true;
      }
      if (mounted) continue;
      auto* volume_mount = container.add_volumemounts();
      volume_mount->set_name(name);
      volume_mount->set_readonly(true);
      volume_mount->set_mountpath(kServiceAccountMountPath);
    }
  };
  mount(*spec.mutable_initcontainers());
  mount(*spec.mutable_containers());
}

bool HasTokenVolume(const k8s::core::v1::PodSpec& spec) {
  for (const auto& container : spec.containers()) {
    for (const auto& mount : container.volumemounts()) {
      if (mount.mountpath() == kServiceAccountMountPath) return true;
    }
  }
  return false;
}

}  // namespace

absl::Status ServiceAccountAdmission::Admit(Request& request) const {
  if (request.operation != Operation::kCreate || request.resource->group != "" ||
      request.resource->kind != "Pod" || !request.subresource.empty()) {
    return absl::OkStatus();
  }
  Pod& pod = static_cast<Pod&>(*request.object);
  if (pod.metadata().annotations().contains(kMirrorPodAnnotation)) return absl::OkStatus();
  k8s::core::v1::PodSpec& spec = *pod.mutable_spec();
  if (spec.serviceaccountname().empty()) {
    spec.set_serviceaccountname(spec.serviceaccount().empty() ? kDefaultServiceAccount
                                                              : spec.serviceaccount());
  }
  spec.set_serviceaccount(spec.serviceaccountname());
  const std::string& name = spec.serviceaccountname();
  const std::string ns = pod.metadata().namespace_();

  absl::StatusOr<SharedObject> account;
  const int lookups = name == kDefaultServiceAccount ? kDefaultAccountLookups : 1;
  for (int attempt = 0; attempt < lookups; ++attempt) {
    if (attempt > 0) absl::SleepFor(kLookupInterval);
    account = service_accounts_.GetCached(ns, name);
    if (!absl::IsNotFound(account.status())) break;
  }
  if (!account.ok()) {
    const std::string why = absl::IsNotFound(account.status())
                                ? StrCat("serviceaccount \"", name, "\" not found")
                                : std::string(account.status().message());
    return api::ForbiddenError(
        "pods", pod.metadata().name().empty() ? pod.metadata().generatename() : pod.metadata().name(),
        StrCat("error looking up service account ", ns, "/", name, ": ", why));
  }
  const auto& service_account = static_cast<const ServiceAccount&>(**account);
  bool automount = true;
  if (spec.has_automountserviceaccounttoken()) {
    automount = spec.automountserviceaccounttoken();
  } else if (service_account.has_automountserviceaccounttoken()) {
    automount = service_account.automountserviceaccounttoken();
  }
  if (automount && !HasTokenVolume(spec)) AddTokenVolume(spec);
  if (spec.imagepullsecrets().empty()) {
    for (const auto& secret : service_account.imagepullsecrets()) {
      *spec.add_imagepullsecrets() = secret;
    }
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver::admission

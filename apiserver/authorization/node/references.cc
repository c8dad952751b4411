#include "apiserver/authorization/node/references.h"

#include <algorithm>

namespace kube::apiserver::node {
namespace {

using k8s::core::v1::EnvFromSource;
using k8s::core::v1::EnvVar;

void SortUnique(std::vector<std::string>& names) {
  std::erase(names, std::string());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

void AddEnv(const google::protobuf::RepeatedPtrField<EnvVar>& env,
            const google::protobuf::RepeatedPtrField<EnvFromSource>& env_from,
            PodReferences& references) {
  for (const EnvFromSource& source : env_from) {
    if (source.has_secretref()) {
      references.secrets.push_back(source.secretref().localobjectreference().name());
    }
    if (source.has_configmapref()) {
      references.config_maps.push_back(source.configmapref().localobjectreference().name());
    }
  }
  for (const EnvVar& var : env) {
    if (!var.has_valuefrom()) continue;
    if (var.valuefrom().has_secretkeyref()) {
      references.secrets.push_back(var.valuefrom().secretkeyref().localobjectreference().name());
    }
    if (var.valuefrom().has_configmapkeyref()) {
      references.config_maps.push_back(
          var.valuefrom().configmapkeyref().localobjectreference().name());
    }
  }
}

void AddVolume(const k8s::core::v1::Pod& pod, const k8s::core::v1::Volume& volume,
               PodReferences& references) {
  const k8s::core::v1::VolumeSource& source = volume.volumesource();
  std::vector<std::string>& secrets = references.secrets;
  if (source.has_secret()) secrets.push_back(source.secret().secretname());
  if (source.has_configmap()) {
    references.config_maps.push_back(source.configmap().localobjectreference().name());
  }
  if (source.has_projected()) {
    for (const k8s::core::v1::VolumeProjection& projection : source.projected().sources()) {
      if (projection.has_secret()) {
        secrets.push_back(projection.secret().localobjectreference().name());
      }
      if (projection.has_configmap()) {
        references.config_maps.push_back(projection.configmap().localobjectreference().name());
      }
    }
  }
  if (source.has_persistentvolumeclaim()) {
    references.claims.push_back(source.persistentvolumeclaim().claimname());
  }
  if (source.has_ephemeral()) {
    // The claim the ephemeral volume controller creates for it.
    references.claims.push_back(pod.metadata().name() + "-" + volume.name());
  }
  if (source.has_azurefile()) secrets.push_back(source.azurefile().secretname());
  if (source.has_cephfs()) secrets.push_back(source.cephfs().secretref().name());
  if (source.has_cinder()) secrets.push_back(source.cinder().secretref().name());
  if (source.has_flexvolume()) secrets.push_back(source.flexvolume().secretref().name());
  if (source.has_iscsi()) secrets.push_back(source.iscsi().secretref().name());
  if (source.has_rbd()) secrets.push_back(source.rbd().secretref().name());
  if (source.has_scaleio()) secrets.push_back(source.scaleio().secretref().name());
  if (source.has_storageos()) secrets.push_back(source.storageos().secretref().name());
  if (source.has_csi()) secrets.push_back(source.csi().nodepublishsecretref().name());
}

}  // namespace

PodReferences ReferencesOf(const k8s::core::v1::Pod& pod) {
  PodReferences references;
  const k8s::core::v1::PodSpec& spec = pod.spec();
  references.node = spec.nodename();
  references.service_account =
      spec.serviceaccountname().empty() ? spec.serviceaccount() : spec.serviceaccountname();
  for (const auto& secret : spec.imagepullsecrets()) references.secrets.push_back(secret.name());
  for (const auto& container : spec.containers()) {
    AddEnv(container.env(), container.envfrom(), references);
  }
  for (const auto& container : spec.initcontainers()) {
    AddEnv(container.env(), container.envfrom(), references);
  }
  for (const auto& container : spec.ephemeralcontainers()) {
    AddEnv(container.ephemeralcontainercommon().env(),
           container.ephemeralcontainercommon().envfrom(), references);
  }
  for (const auto& volume : spec.volumes()) AddVolume(pod, volume, references);
  SortUnique(references.secrets);
  SortUnique(references.config_maps);
  SortUnique(references.claims);
  return references;
}

VolumeReferences ReferencesOf(const k8s::core::v1::PersistentVolume& volume) {
  VolumeReferences references;
  const k8s::core::v1::PersistentVolumeSpec& spec = volume.spec();
  if (spec.has_claimref()) {
    references.claim = {spec.claimref().namespace_(), spec.claimref().name()};
  }
  // Sources that leave the namespace out mean the claim's (upstream's
  // VisitPVSecretNames).
  auto add = [&](const std::string& ns, const std::string& name) {
    if (name.empty()) return;
    references.secrets.push_back({ns.empty() ? references.claim.namespace_ : ns, name});
  };
  const k8s::core::v1::PersistentVolumeSource& source = spec.persistentvolumesource();
  if (source.has_azurefile()) {
    add(source.azurefile().secretnamespace(), source.azurefile().secretname());
  }
  if (source.has_cephfs()) {
    add(source.cephfs().secretref().namespace_(), source.cephfs().secretref().name());
  }
  if (source.has_cinder()) {
    add(source.cinder().secretref().namespace_(), source.cinder().secretref().name());
  }
  if (source.has_flexvolume()) {
    add(source.flexvolume().secretref().namespace_(), source.flexvolume().secretref().name());
  }
  if (source.has_iscsi()) {
    add(source.iscsi().secretref().namespace_(), source.iscsi().secretref().name());
  }
  if (source.has_rbd()) add(source.rbd().secretref().namespace_(), source.rbd().secretref().name());
  if (source.has_scaleio()) {
    add(source.scaleio().secretref().namespace_(), source.scaleio().secretref().name());
  }
  if (source.has_storageos()) {
    add(source.storageos().secretref().namespace_(), source.storageos().secretref().name());
  }
  if (source.has_csi()) {
    const k8s::core::v1::CSIPersistentVolumeSource& csi = source.csi();
    for (const k8s::core::v1::SecretReference* ref :
         {&csi.controllerpublishsecretref(), &csi.nodestagesecretref(),
          &csi.nodepublishsecretref(), &csi.controllerexpandsecretref(),
          &csi.nodeexpandsecretref()}) {
      add(ref->namespace_(), ref->name());
    }
  }
  std::sort(references.secrets.begin(), references.secrets.end());
  references.secrets.erase(std::unique(references.secrets.begin(), references.secrets.end()),
                           references.secrets.end());
  return references;
}

}  // namespace kube::apiserver::node

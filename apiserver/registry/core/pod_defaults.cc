#include "apiserver/registry/core/pod_defaults.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Container;
using k8s::core::v1::HTTPGetAction;
using k8s::core::v1::LifecycleHandler;
using k8s::core::v1::Probe;

constexpr int32_t kDefaultFileMode = 0644;

void DefaultHttpGet(HTTPGetAction& action) {
  if (action.path().empty()) action.set_path("/");
  if (action.scheme().empty()) action.set_scheme("HTTP");
}

void DefaultProbe(Probe& probe) {
  if (probe.timeoutseconds() == 0) probe.set_timeoutseconds(1);
  if (probe.periodseconds() == 0) probe.set_periodseconds(10);
  if (probe.successthreshold() == 0) probe.set_successthreshold(1);
  if (probe.failurethreshold() == 0) probe.set_failurethreshold(3);
  if (probe.handler().has_httpget()) DefaultHttpGet(*probe.mutable_handler()->mutable_httpget());
  if (probe.handler().has_grpc() && !probe.handler().grpc().has_service()) {
    probe.mutable_handler()->mutable_grpc()->set_service("");
  }
}

void DefaultLifecycleHandler(LifecycleHandler& handler) {
  if (handler.has_httpget()) DefaultHttpGet(*handler.mutable_httpget());
}

void DefaultContainer(Container& container) {
  if (container.imagepullpolicy().empty()) {
    container.set_imagepullpolicy(DefaultImagePullPolicy(container.image()));
  }
  if (container.terminationmessagepath().empty()) {
    container.set_terminationmessagepath("/dev/termination-log");
  }
  if (container.terminationmessagepolicy().empty()) {
    container.set_terminationmessagepolicy("File");
  }
  for (auto& port : *container.mutable_ports()) {
    if (port.protocol().empty()) port.set_protocol("TCP");
  }
  for (auto& env : *container.mutable_env()) {
    if (env.has_valuefrom() && env.valuefrom().has_fieldref() &&
        env.valuefrom().fieldref().apiversion().empty()) {
      env.mutable_valuefrom()->mutable_fieldref()->set_apiversion("v1");
    }
  }
  if (container.has_livenessprobe()) DefaultProbe(*container.mutable_livenessprobe());
  if (container.has_readinessprobe()) DefaultProbe(*container.mutable_readinessprobe());
  if (container.has_startupprobe()) DefaultProbe(*container.mutable_startupprobe());
  if (container.has_lifecycle()) {
    auto* lifecycle = container.mutable_lifecycle();
    if (lifecycle->has_poststart()) DefaultLifecycleHandler(*lifecycle->mutable_poststart());
    if (lifecycle->has_prestop()) DefaultLifecycleHandler(*lifecycle->mutable_prestop());
  }
}

// Requests default to limits, per resource (SetDefaults_Pod).
void DefaultRequestsFromLimits(Container& container) {
  if (container.resources().limits().empty()) return;
  auto* resources = container.mutable_resources();
  for (const auto& [name, quantity] : resources->limits()) {
    if (!resources->requests().contains(name)) (*resources->mutable_requests())[name] = quantity;
  }
}

// Under hostNetwork a container port is a host port.
void DefaultHostNetworkPorts(google::protobuf::RepeatedPtrField<Container>& containers) {
  for (auto& container : containers) {
    for (auto& port : *container.mutable_ports()) {
      if (port.hostport() == 0) port.set_hostport(port.containerport());
    }
  }
}

void DefaultDownwardApiFiles(
    google::protobuf::RepeatedPtrField<k8s::core::v1::DownwardAPIVolumeFile>& files) {
  for (auto& file : files) {
    if (file.has_fieldref() && file.fieldref().apiversion().empty()) {
      file.mutable_fieldref()->set_apiversion("v1");
    }
  }
}

template <typename Rbd>
void DefaultRbd(Rbd& rbd) {
  if (rbd.pool().empty()) rbd.set_pool("rbd");
  if (rbd.user().empty()) rbd.set_user("admin");
  if (rbd.keyring().empty()) rbd.set_keyring("/etc/ceph/keyring");
}

template <typename Iscsi>
void DefaultIscsi(Iscsi& iscsi) {
  if (iscsi.iscsiinterface().empty()) iscsi.set_iscsiinterface("default");
}

void DefaultAzureDisk(k8s::core::v1::AzureDiskVolumeSource& disk) {
  if (!disk.has_cachingmode()) disk.set_cachingmode("ReadWrite");
  if (!disk.has_kind()) disk.set_kind("Shared");
  if (!disk.has_fstype()) disk.set_fstype("ext4");
  if (!disk.has_readonly()) disk.set_readonly(false);
}

template <typename ScaleIo>
void DefaultScaleIo(ScaleIo& scaleio) {
  if (scaleio.storagemode().empty()) scaleio.set_storagemode("ThinProvisioned");
  if (scaleio.fstype().empty()) scaleio.set_fstype("xfs");
}

}  // namespace

std::string DefaultImagePullPolicy(std::string_view image) {
  // Mirrors upstream's ParseImageName: a tag follows the last ':' after the last
  // '/', a digest follows '@'; no tag and no digest means "latest".
  std::string_view name = image;
  bool has_digest = false;
  if (size_t at = name.find('@'); at != std::string_view::npos) {
    has_digest = true;
    name = name.substr(0, at);
  }
  std::string_view tag;
  size_t colon = name.rfind(':');
  size_t slash = name.rfind('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    tag = name.substr(colon + 1);
  }
  bool latest = tag.empty() ? !has_digest : tag == "latest";
  return latest ? "Always" : "IfNotPresent";
}

void DefaultVolumeSource(k8s::core::v1::VolumeSource& source) {
  std::vector<const google::protobuf::FieldDescriptor*> set_fields;
  source.GetReflection()->ListFields(source, &set_fields);
  if (set_fields.empty()) {
    source.mutable_emptydir();
    return;
  }
  if (source.has_secret() && !source.secret().has_defaultmode()) {
    source.mutable_secret()->set_defaultmode(kDefaultFileMode);
  }
  if (source.has_configmap() && !source.configmap().has_defaultmode()) {
    source.mutable_configmap()->set_defaultmode(kDefaultFileMode);
  }
  if (source.has_downwardapi()) {
    auto* downward = source.mutable_downwardapi();
    if (!downward->has_defaultmode()) downward->set_defaultmode(kDefaultFileMode);
    DefaultDownwardApiFiles(*downward->mutable_items());
  }
  if (source.has_projected()) {
    auto* projected = source.mutable_projected();
    if (!projected->has_defaultmode()) projected->set_defaultmode(kDefaultFileMode);
    for (auto& projection : *projected->mutable_sources()) {
      if (projection.has_downwardapi()) {
        DefaultDownwardApiFiles(*projection.mutable_downwardapi()->mutable_items());
      }
      if (projection.has_serviceaccounttoken() &&
          !projection.serviceaccounttoken().has_expirationseconds()) {
        projection.mutable_serviceaccounttoken()->set_expirationseconds(3600);
      }
    }
  }
  if (source.has_hostpath() && !source.hostpath().has_type()) {
    source.mutable_hostpath()->set_type("");
  }
  if (source.has_rbd()) DefaultRbd(*source.mutable_rbd());
  if (source.has_iscsi()) DefaultIscsi(*source.mutable_iscsi());
  if (source.has_azuredisk()) DefaultAzureDisk(*source.mutable_azuredisk());
  if (source.has_scaleio()) DefaultScaleIo(*source.mutable_scaleio());
  if (source.has_ephemeral() && source.ephemeral().has_volumeclaimtemplate()) {
    DefaultPersistentVolumeClaimSpec(
        *source.mutable_ephemeral()->mutable_volumeclaimtemplate()->mutable_spec());
  }
}

void DefaultPersistentVolumeSource(k8s::core::v1::PersistentVolumeSource& source) {
  if (source.has_hostpath() && !source.hostpath().has_type()) {
    source.mutable_hostpath()->set_type("");
  }
  if (source.has_rbd()) DefaultRbd(*source.mutable_rbd());
  if (source.has_iscsi()) DefaultIscsi(*source.mutable_iscsi());
  if (source.has_azuredisk()) DefaultAzureDisk(*source.mutable_azuredisk());
  if (source.has_scaleio()) DefaultScaleIo(*source.mutable_scaleio());
}

void DefaultPersistentVolumeClaimSpec(k8s::core::v1::PersistentVolumeClaimSpec& spec) {
  if (!spec.has_volumemode()) spec.set_volumemode("Filesystem");
}

void DefaultPodSpec(k8s::core::v1::PodSpec& spec) {
  if (spec.dnspolicy().empty()) spec.set_dnspolicy("ClusterFirst");
  if (spec.restartpolicy().empty()) spec.set_restartpolicy("Always");
  if (!spec.has_securitycontext()) spec.mutable_securitycontext();
  if (!spec.has_terminationgraceperiodseconds()) spec.set_terminationgraceperiodseconds(30);
  if (spec.schedulername().empty()) spec.set_schedulername("default-scheduler");
  for (auto& container : *spec.mutable_initcontainers()) DefaultContainer(container);
  for (auto& container : *spec.mutable_containers()) DefaultContainer(container);
  for (auto& volume : *spec.mutable_volumes()) DefaultVolumeSource(*volume.mutable_volumesource());
}

void DefaultPod(k8s::core::v1::Pod& pod) {
  k8s::core::v1::PodSpec& spec = *pod.mutable_spec();
  DefaultPodSpec(spec);
  for (auto& container : *spec.mutable_containers()) DefaultRequestsFromLimits(container);
  for (auto& container : *spec.mutable_initcontainers()) DefaultRequestsFromLimits(container);
  if (!spec.has_enableservicelinks()) spec.set_enableservicelinks(true);
  if (spec.hostnetwork()) {
    DefaultHostNetworkPorts(*spec.mutable_containers());
    DefaultHostNetworkPorts(*spec.mutable_initcontainers());
  }
}

}  // namespace kube::apiserver::core

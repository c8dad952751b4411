#include "apiserver/registry/storage/register_storage.h"

#include "apiserver/registry/storage/csi_driver_strategy.h"
#include "apiserver/registry/storage/csi_node_strategy.h"
#include "apiserver/registry/storage/storage_class_strategy.h"
#include "apiserver/registry/storage/volume_attachment_strategy.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

template <typename Kind, typename List>
ResourceInfo ClusterScoped(std::string kind, std::string resource, std::string singular,
                           std::unique_ptr<Strategy> strategy) {
  ResourceInfo info;
  info.group = "storage.k8s.io";
  info.version = "v1";
  info.kind = std::move(kind);
  info.resource = std::move(resource);
  info.singular = std::move(singular);
  info.namespaced = false;
  info.prototype = &Kind::default_instance();
  info.list_prototype = &List::default_instance();
  info.strategy = std::move(strategy);
  return info;
}

}  // namespace

void RegisterStorageResources(ResourceRegistry& registry, const RegistryConfig& config) {
  using namespace k8s::storage::v1;
  ResourceInfo classes = ClusterScoped<StorageClass, StorageClassList>(
      "StorageClass", "storageclasses", "storageclass", std::make_unique<StorageClassStrategy>());
  classes.short_names = {"sc"};
  registry.Add(std::move(classes));
  ResourceInfo attachments = ClusterScoped<VolumeAttachment, VolumeAttachmentList>(
      "VolumeAttachment", "volumeattachments", "volumeattachment",
      std::make_unique<VolumeAttachmentStrategy>());
  attachments.subresources.status = true;
  registry.Add(std::move(attachments));
  registry.Add(ClusterScoped<CSIDriver, CSIDriverList>("CSIDriver", "csidrivers", "csidriver",
                                                       std::make_unique<CSIDriverStrategy>()));
  registry.Add(ClusterScoped<CSINode, CSINodeList>("CSINode", "csinodes", "csinode",
                                                   std::make_unique<CSINodeStrategy>()));
}

}  // namespace kube::apiserver

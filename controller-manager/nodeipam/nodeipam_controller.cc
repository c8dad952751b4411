#include "controller-manager/nodeipam/nodeipam_controller.h"

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::kcm::nodeipam {

using k8s::core::v1::Node;

absl::StatusOr<std::unique_ptr<NodeIpamController>> NodeIpamController::Create(
    ControllerContext& context) {
  absl::StatusOr<CidrAllocator> allocator = CidrAllocator::Create(
      context.settings.cluster_cidr, context.settings.node_cidr_mask_size);
  if (!allocator.ok()) return allocator.status();
  return std::unique_ptr<NodeIpamController>(new NodeIpamController(context, std::move(*allocator)));
}

NodeIpamController::NodeIpamController(ControllerContext& context, CidrAllocator allocator)
    : client_(context.client),
      nodes_(context.informers.For<Node>()),
      allocator_(std::move(allocator)),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "nodeipam";
            o.cache_synced = {[this] { return nodes_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  nodes_.AddEventHandler({
      .on_add = [this](const auto& node) { controller_.Enqueue(node->metadata().name()); },
      .on_update = [this](const auto&, const auto& node) {
        if (node->spec().podcidr().empty()) controller_.Enqueue(node->metadata().name());
      },
      .on_delete = [this](const auto& gone) {
        if (gone.object != nullptr) OnNodeDelete(*gone.object);
      },
  });
}

void NodeIpamController::OnNodeDelete(const Node& node) {
  absl::MutexLock lock(&mu_);
  auto it = assigned_.find(node.metadata().name());
  if (it != assigned_.end()) {
    allocator_.Release(it->second);
    assigned_.erase(it);
  }
  if (!node.spec().podcidr().empty()) allocator_.Release(node.spec().podcidr());
}

absl::Status NodeIpamController::Sync(const std::string& name) {
  absl::MutexLock lock(&mu_);
  if (!occupied_existing_) {
    for (const auto& node : nodes_.lister().List()) {
      if (node->spec().podcidr().empty()) continue;
      if (absl::Status status = allocator_.Occupy(node->spec().podcidr()); !status.ok()) {
        KLOG(Warning) << "nodeipam: node " << node->metadata().name() << ": " << status;
      }
    }
    occupied_existing_ = true;
  }
  std::shared_ptr<const Node> node = nodes_.lister().Get("", name);
  if (node == nullptr) return absl::OkStatus();
  if (!node->spec().podcidr().empty()) {
    assigned_.erase(name);  // the cache caught up
    (void)allocator_.Occupy(node->spec().podcidr());
    return absl::OkStatus();
  }
  if (assigned_.count(name) > 0) return absl::OkStatus();  // written; the cache lags

  absl::StatusOr<std::string> cidr = allocator_.AllocateNext();
  if (!cidr.ok()) return cidr.status();
  const std::string patch =
      StrCat(R"({"spec":{"podCIDR":")", *cidr, R"(","podCIDRs":[")", *cidr, R"("]}})");
  absl::StatusOr<std::unique_ptr<Node>> patched =
      client_.Patch<Node>("", name, client::kMergePatch, patch);
  if (!patched.ok()) {
    allocator_.Release(*cidr);
    return absl::IsNotFound(patched.status()) ? absl::OkStatus() : patched.status();
  }
  assigned_[name] = *cidr;
  KLOG(Info) << "nodeipam: set node " << name << " podCIDR " << *cidr;
  return absl::OkStatus();
}

}  // namespace kube::kcm::nodeipam

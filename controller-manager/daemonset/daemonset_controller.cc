#include "controller-manager/daemonset/daemonset_controller.h"

#include <map>
#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "controller-manager/controller/pod_util.h"
#include "controller-manager/deployment/rollout_math.h"
#include "controller-manager/deployment/template_hash.h"
#include "controller-manager/daemonset/node_eligibility.h"
#include "controller-manager/replicaset/pod_template.h"

namespace kube::kcm::daemonset {
namespace {

constexpr char kRevisionHashLabel[] = "controller-revision-hash";

}  // namespace

DaemonSetController::DaemonSetController(ControllerContext& context)
    : workers_(context.settings.concurrent_daemonset_syncs),
      client_(context.client),
      recorder_(context.recorder),
      daemon_sets_(context.informers.For<DaemonSet>()),
      pods_(context.informers.For<Pod>()),
      nodes_(context.informers.For<k8s::core::v1::Node>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "daemonset";
            o.cache_synced = {[this] { return daemon_sets_.HasSynced(); },
                              [this] { return pods_.HasSynced(); },
                              [this] { return nodes_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  daemon_sets_.AddEventHandler({
      .on_add = [this](const auto& ds) { controller_.Enqueue(client::ObjectKey(*ds)); },
      .on_update = [this](const auto&, const auto& ds) { controller_.Enqueue(client::ObjectKey(*ds)); },
      .on_delete = [this](const auto& gone) { expectations_.Delete(gone.key); },
  });
  pods_.AddEventHandler({
      .on_add = [this](const PodPtr& pod) {
        const std::string key = OwnerKeyOf(*pod);
        if (key.empty()) return;
        expectations_.CreationObserved(key);
        controller_.Enqueue(key);
      },
      .on_update = [this](const PodPtr& old_pod, const PodPtr& pod) {
        const std::string key = OwnerKeyOf(*pod);
        if (key.empty()) return;
        if (pod->metadata().has_deletiontimestamp() && !old_pod->metadata().has_deletiontimestamp()) {
          expectations_.DeletionObserved(key, pod->metadata().uid());
        }
        controller_.Enqueue(key);
      },
      .on_delete = [this](const client::TypedDeletedObject<Pod>& gone) {
        if (gone.object == nullptr) return;
        const std::string key = OwnerKeyOf(*gone.object);
        if (key.empty()) return;
        expectations_.DeletionObserved(key, gone.object->metadata().uid());
        controller_.Enqueue(key);
      },
  });
  // Nodes coming, going or changing labels and taints concern every daemon set.
  nodes_.AddEventHandler({
      .on_add = [this](const auto&) { EnqueueAll(); },
      .on_update = [this](const auto& old_node, const auto& node) {
        if (!SameLabels(old_node->metadata().labels(), node->metadata().labels()) ||
            old_node->spec().taints_size() != node->spec().taints_size()) {
          EnqueueAll();
        }
      },
      .on_delete = [this](const auto&) { EnqueueAll(); },
  });
}

void DaemonSetController::EnqueueAll() {
  for (const auto& ds : daemon_sets_.lister().List()) controller_.Enqueue(client::ObjectKey(*ds));
}

std::string DaemonSetController::OwnerKeyOf(const Pod& pod) const {
  const auto* ref = ControllerRefOf(pod.metadata());
  if (ref == nullptr || ref->kind() != "DaemonSet") return "";
  return client::ObjectKey(pod.metadata().namespace_(), ref->name());
}

absl::Status DaemonSetController::Sync(const std::string& key) {
  auto [ns, name] = client::SplitObjectKey(key);
  std::shared_ptr<const DaemonSet> ds = daemon_sets_.lister().Get(ns, name);
  if (ds == nullptr) {
    expectations_.Delete(key);
    return absl::OkStatus();
  }
  const std::string hash = deployment::TemplateHash(ds->spec().template_(), 0);
  // Active pods of this daemon set, by node.
  std::map<std::string, std::vector<PodPtr>> by_node;
  for (auto& pod : pods_.lister().List(ns)) {
    const auto* ref = ControllerRefOf(pod->metadata());
    if (ref == nullptr || ref->uid() != ds->metadata().uid() || !IsPodActive(*pod)) continue;
    by_node[pod->spec().nodename()].push_back(std::move(pod));
  }
  const absl::Time now = absl::Now();
  const int32_t min_ready = ds->spec().minreadyseconds();
  k8s::apps::v1::DaemonSetStatus status;
  std::vector<std::string> create_on;
  std::vector<PodPtr> to_delete;
  std::vector<PodPtr> outdated;  // on eligible nodes, old template
  int32_t unavailable_nodes = 0;
  std::set<std::string> node_names;
  for (const auto& node : nodes_.lister().List()) {
    const std::string& node_name = node->metadata().name();
    node_names.insert(node_name);
    std::vector<PodPtr>& pods = by_node[node_name];
    if (!ShouldRunOn(ds->spec().template_().spec(), *node)) {
      if (!pods.empty()) status.set_numbermisscheduled(status.numbermisscheduled() + 1);
      to_delete.insert(to_delete.end(), pods.begin(), pods.end());
      continue;
    }
    status.set_desirednumberscheduled(status.desirednumberscheduled() + 1);
    if (pods.empty()) {
      create_on.push_back(node_name);
      ++unavailable_nodes;
      continue;
    }
    status.set_currentnumberscheduled(status.currentnumberscheduled() + 1);
    // Keep the oldest; the others are extra.
    std::sort(pods.begin(), pods.end(), [](const PodPtr& a, const PodPtr& b) {
      return a->metadata().creationtimestamp().seconds() < b->metadata().creationtimestamp().seconds();
    });
    to_delete.insert(to_delete.end(), pods.begin() + 1, pods.end());
    const Pod& pod = *pods.front();
    auto label = pod.metadata().labels().find(kRevisionHashLabel);
    const bool updated = label != pod.metadata().labels().end() && label->second == hash;
    if (updated) status.set_updatednumberscheduled(status.updatednumberscheduled() + 1);
    if (IsPodReady(pod)) status.set_numberready(status.numberready() + 1);
    if (IsPodAvailable(pod, min_ready, now)) {
      status.set_numberavailable(status.numberavailable() + 1);
    } else {
      ++unavailable_nodes;
    }
    if (!updated) outdated.push_back(pods.front());
  }
  // Pods on nodes that no longer exist go too.
  for (auto& [node_name, pods] : by_node) {
    if (!node_names.count(node_name)) to_delete.insert(to_delete.end(), pods.begin(), pods.end());
  }
  status.set_numberunavailable(std::max(0, status.desirednumberscheduled() - status.numberavailable()));
  status.set_observedgeneration(ds->metadata().generation());

  absl::Status acted = absl::OkStatus();
  if (expectations_.Satisfied(key) && !ds->metadata().has_deletiontimestamp()) {
    // RollingUpdate: replace outdated pods, not-ready ones first, within maxUnavailable.
    if (ds->spec().updatestrategy().type() != "OnDelete" && !outdated.empty()) {
      const auto& rolling = ds->spec().updatestrategy().rollingupdate();
      absl::StatusOr<int32_t> max_unavailable = deployment::ScaledValue(
          rolling.has_maxunavailable() ? &rolling.maxunavailable() : nullptr,
          status.desirednumberscheduled(), true, 1);
      int32_t budget = std::max(1, max_unavailable.ok() ? *max_unavailable : 1) - unavailable_nodes;
      std::stable_partition(outdated.begin(), outdated.end(),
                            [](const PodPtr& p) { return !IsPodReady(*p); });
      for (const PodPtr& pod : outdated) {
        if (!IsPodReady(*pod)) {
          to_delete.push_back(pod);  // unavailable anyway
        } else if (budget > 0) {
          to_delete.push_back(pod);
          --budget;
        }
      }
    }
    std::set<std::string> uids;
    for (const PodPtr& pod : to_delete) uids.insert(pod->metadata().uid());
    if (!create_on.empty()) expectations_.ExpectCreations(key, static_cast<int>(create_on.size()));
    if (!uids.empty()) {
      // ExpectCreations and ExpectDeletions replace each other; one round does one.
      if (create_on.empty()) expectations_.ExpectDeletions(key, uids);
      for (const PodPtr& pod : to_delete) {
        absl::StatusOr<std::unique_ptr<Pod>> deleted = client_.Delete<Pod>(ns, pod->metadata().name());
        if (!deleted.ok() && !absl::IsNotFound(deleted.status())) {
          expectations_.DeletionObserved(key, pod->metadata().uid());
          if (acted.ok()) acted = deleted.status();
        }
      }
    }
    if (!create_on.empty()) {
      k8s::core::v1::PodTemplateSpec pod_template = ds->spec().template_();
      (*pod_template.mutable_metadata()->mutable_labels())[kRevisionHashLabel] = hash;
      AddDaemonTolerations(*pod_template.mutable_spec());
      const auto ref = replicaset::ControllerReference("apps/v1", "DaemonSet", ds->metadata());
      absl::StatusOr<Pod> pod = replicaset::PodFromTemplate(pod_template, ds->metadata(), ref);
      if (!pod.ok()) return pod.status();
      for (size_t i = 0; i < create_on.size(); ++i) {
        pod->mutable_spec()->set_nodename(create_on[i]);
        absl::StatusOr<std::unique_ptr<Pod>> created = client_.Create(*pod);
        if (!created.ok()) {
          expectations_.LowerCreations(key, static_cast<int>(create_on.size() - i));
          if (acted.ok()) acted = created.status();
          break;
        }
        recorder_.Record(*ds, "Normal", "SuccessfulCreate",
                         StrCat("Created pod: ", (*created)->metadata().name()));
      }
    }
  }
  if (!google::protobuf::util::MessageDifferencer::Equals(status, ds->status())) {
    DaemonSet updated = *ds;
    *updated.mutable_status() = status;
    absl::StatusOr<std::unique_ptr<DaemonSet>> written = client_.UpdateStatus(updated);
    if (!written.ok() && !absl::IsNotFound(written.status())) return written.status();
  }
  if (acted.ok() && min_ready > 0 && status.numberready() != status.numberavailable()) {
    controller_.queue().AddAfter(key, absl::Seconds(min_ready));
  }
  return acted;
}

}  // namespace kube::kcm::daemonset

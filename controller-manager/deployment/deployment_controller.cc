#include "controller-manager/deployment/deployment_controller.h"

#include <algorithm>

#include <google/protobuf/util/message_differencer.h>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/selectors/label_selector_proto.h"
#include "common/util/strings.h"
#include "controller-manager/controller/pod_util.h"
#include "controller-manager/deployment/deployment_status.h"
#include "controller-manager/deployment/template_hash.h"

namespace kube::kcm::deployment {
namespace {

using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;

int64_t RevisionOf(const k8s::meta::v1::ObjectMeta& meta) {
  auto it = meta.annotations().find(kRevisionAnnotation);
  int64_t revision = 0;
  if (it == meta.annotations().end() || !absl::SimpleAtoi(it->second, &revision)) return 0;
  return revision;
}

}  // namespace

DeploymentController::DeploymentController(ControllerContext& context)
    : workers_(context.settings.concurrent_deployment_syncs),
      client_(context.client),
      recorder_(context.recorder),
      deployments_(context.informers.For<Deployment>()),
      replica_sets_(context.informers.For<ReplicaSet>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "deployment";
            o.cache_synced = {[this] { return deployments_.HasSynced(); },
                              [this] { return replica_sets_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  deployments_.AddEventHandler({
      .on_add = [this](const auto& d) { controller_.Enqueue(client::ObjectKey(*d)); },
      .on_update = [this](const auto&, const auto& d) { controller_.Enqueue(client::ObjectKey(*d)); },
      .on_delete = {},
  });
  replica_sets_.AddEventHandler({
      .on_add = [this](const auto& rs) { EnqueueOwner(*rs); },
      .on_update = [this](const auto&, const auto& rs) { EnqueueOwner(*rs); },
      .on_delete = [this](const auto& gone) {
        if (gone.object != nullptr) EnqueueOwner(*gone.object);
      },
  });
}

void DeploymentController::EnqueueOwner(const ReplicaSet& rs) {
  const auto* ref = ControllerRefOf(rs.metadata());
  if (ref == nullptr || ref->kind() != "Deployment") return;
  controller_.Enqueue(client::ObjectKey(rs.metadata().namespace_(), ref->name()));
}

absl::Status DeploymentController::Sync(const std::string& key) {
  auto [ns, name] = client::SplitObjectKey(key);
  std::shared_ptr<const Deployment> d = deployments_.lister().Get(ns, name);
  if (d == nullptr) return absl::OkStatus();
  absl::StatusOr<selectors::LabelSelector> selector = selectors::LabelSelectorFromProto(
      d->spec().has_selector() ? &d->spec().selector() : nullptr);
  if (!selector.ok() || selector->Empty()) {
    KLOG(Warning) << "deployment " << key << ": no usable selector; not touching it";
    return absl::OkStatus();
  }
  const int32_t desired = DesiredReplicas(*d);
  const auto* rolling = d->spec().strategy().has_rollingupdate() ? &d->spec().strategy().rollingupdate()
                                                                 : nullptr;
  absl::StatusOr<Fenceposts> fenceposts = ResolveFenceposts(
      rolling != nullptr && rolling->has_maxsurge() ? &rolling->maxsurge() : nullptr,
      rolling != nullptr && rolling->has_maxunavailable() ? &rolling->maxunavailable() : nullptr,
      desired);
  if (!fenceposts.ok()) return absl::OkStatus();  // invalid spec: wait for an edit
  if (d->spec().strategy().type() == "Recreate") *fenceposts = Fenceposts{0, desired};

  // The ReplicaSets this Deployment controls, oldest first; orphans its selector
  // matches are adopted (after `kubectl delete deploy --cascade=orphan` and a
  // re-create, say).
  std::vector<RSPtr> owned;
  bool live_checked = false;
  bool live_ok = false;
  for (RSPtr& rs : replica_sets_.lister().List(ns)) {
    const auto* ref = ControllerRefOf(rs->metadata());
    if (ref != nullptr && ref->uid() == d->metadata().uid()) {
      owned.push_back(std::move(rs));
      continue;
    }
    if (ref != nullptr || rs->metadata().has_deletiontimestamp() ||
        d->metadata().has_deletiontimestamp() || !selector->Matches(rs->metadata().labels())) {
      continue;
    }
    if (!live_checked) {
      // The cache may lag: never adopt for a Deployment that is gone or going.
      absl::StatusOr<std::unique_ptr<Deployment>> live = client_.Get<Deployment>(ns, name);
      live_ok = live.ok() && (*live)->metadata().uid() == d->metadata().uid() &&
                !(*live)->metadata().has_deletiontimestamp();
      live_checked = true;
    }
    if (!live_ok) continue;
    ReplicaSet adopted = *rs;
    auto* owner = adopted.mutable_metadata()->add_ownerreferences();
    owner->set_apiversion("apps/v1");
    owner->set_kind("Deployment");
    owner->set_name(d->metadata().name());
    owner->set_uid(d->metadata().uid());
    owner->set_controller(true);
    owner->set_blockownerdeletion(true);
    absl::StatusOr<std::unique_ptr<ReplicaSet>> written = client_.Update(adopted);
    if (!written.ok()) return written.status();
    KLOG(Info) << "deployment " << key << " adopted replica set " << rs->metadata().name();
    owned.push_back(RSPtr(std::move(*written)));
  }
  std::sort(owned.begin(), owned.end(), [](const RSPtr& a, const RSPtr& b) {
    return std::make_tuple(a->metadata().creationtimestamp().seconds(), a->metadata().name()) <
           std::make_tuple(b->metadata().creationtimestamp().seconds(), b->metadata().name());
  });
  const std::string hash = TemplateHash(d->spec().template_(), d->status().collisioncount());
  RSPtr new_rs;
  std::vector<RSPtr> old_sets;
  int64_t max_old_revision = 0;
  for (const RSPtr& rs : owned) {
    auto label = rs->spec().template_().metadata().labels().find(kPodTemplateHashLabel);
    const bool same_hash = label != rs->spec().template_().metadata().labels().end() &&
                           label->second == hash;
    if (new_rs == nullptr &&
        (same_hash || google::protobuf::util::MessageDifferencer::Equals(
                          WithoutHashLabel(rs->spec().template_()), d->spec().template_()))) {
      new_rs = rs;
    } else {
      old_sets.push_back(rs);
      max_old_revision = std::max(max_old_revision, RevisionOf(rs->metadata()));
    }
  }
  if (d->metadata().has_deletiontimestamp() || d->spec().paused()) {
    return WriteStatus(*d, owned, new_rs, *fenceposts, false);
  }

  const int64_t revision = new_rs != nullptr && RevisionOf(new_rs->metadata()) > max_old_revision
                               ? RevisionOf(new_rs->metadata())
                               : max_old_revision + 1;
  bool progressed = false;
  std::vector<ReplicaCounts> all_counts;
  for (const RSPtr& rs : owned) {
    all_counts.push_back({rs->metadata().name(), rs->spec().replicas(), rs->status().availablereplicas()});
  }

  if (d->spec().strategy().type() == "Recreate") {
    bool old_running = false;
    for (const RSPtr& rs : old_sets) {
      if (absl::Status s = ScaleReplicaSet(*rs, 0, RevisionOf(rs->metadata()), &progressed); !s.ok()) {
        return s;
      }
      old_running |= rs->status().replicas() > 0 || rs->spec().replicas() > 0;
    }
    if (!old_running) {
      if (new_rs == nullptr) {
        absl::StatusOr<RSPtr> created = CreateReplicaSet(*d, hash, desired, revision);
        if (!created.ok()) return created.status();
        new_rs = *created;
        owned.push_back(new_rs);
        progressed = true;
      } else if (absl::Status s = ScaleReplicaSet(*new_rs, desired, revision, &progressed); !s.ok()) {
        return s;
      }
    }
  } else {
    ReplicaCounts new_counts{"", 0, 0};
    if (new_rs != nullptr) {
      new_counts = {new_rs->metadata().name(), new_rs->spec().replicas(),
                    new_rs->status().availablereplicas()};
    }
    const int32_t target = NewReplicaSetTarget(new_counts, all_counts, desired, *fenceposts);
    if (new_rs == nullptr) {
      absl::StatusOr<RSPtr> created = CreateReplicaSet(*d, hash, target, revision);
      if (!created.ok()) return created.status();
      new_rs = *created;
      owned.push_back(new_rs);
      progressed = true;
    } else if (absl::Status s = ScaleReplicaSet(*new_rs, target, revision, &progressed); !s.ok()) {
      return s;
    }
    // Old ones scale down against the new one's spec as it was at the start of
    // this sync: its new pods are not available yet anyway.
    std::vector<ReplicaCounts> old_counts;
    for (const RSPtr& rs : old_sets) {
      old_counts.push_back({rs->metadata().name(), rs->spec().replicas(), rs->status().availablereplicas()});
    }
    new_counts.spec_replicas = target;
    std::vector<int32_t> targets = OldReplicaSetTargets(old_counts, new_counts, desired, *fenceposts);
    for (size_t i = 0; i < old_sets.size(); ++i) {
      absl::Status s = ScaleReplicaSet(*old_sets[i], targets[i], RevisionOf(old_sets[i]->metadata()),
                                       &progressed);
      if (!s.ok()) return s;
    }
  }

  // The Deployment carries its current revision, as upstream's does.
  if (RevisionOf(d->metadata()) != revision) {
    Deployment annotated = *d;
    (*annotated.mutable_metadata()->mutable_annotations())[kRevisionAnnotation] = std::to_string(revision);
    absl::StatusOr<std::unique_ptr<Deployment>> written = client_.Update(annotated);
    if (!written.ok()) return written.status();
    d = std::shared_ptr<const Deployment>(std::move(*written));
  }
  CleanupHistory(*d, old_sets);
  return WriteStatus(*d, owned, new_rs, *fenceposts, progressed);
}

absl::StatusOr<DeploymentController::RSPtr> DeploymentController::CreateReplicaSet(
    const Deployment& d, const std::string& hash, int32_t replicas, int64_t revision) {
  ReplicaSet rs;
  auto* meta = rs.mutable_metadata();
  meta->set_name(StrCat(d.metadata().name(), "-", hash));
  meta->set_namespace_(d.metadata().namespace_());
  *meta->mutable_labels() = d.spec().template_().metadata().labels();
  (*meta->mutable_labels())[kPodTemplateHashLabel] = hash;
  (*meta->mutable_annotations())[kRevisionAnnotation] = std::to_string(revision);
  (*meta->mutable_annotations())["deployment.kubernetes.io/desired-replicas"] =
      std::to_string(DesiredReplicas(d));
  auto* ref = meta->add_ownerreferences();
  ref->set_apiversion("apps/v1");
  ref->set_kind("Deployment");
  ref->set_name(d.metadata().name());
  ref->set_uid(d.metadata().uid());
  ref->set_controller(true);
  ref->set_blockownerdeletion(true);
  rs.mutable_spec()->set_replicas(replicas);
  rs.mutable_spec()->set_minreadyseconds(d.spec().minreadyseconds());
  *rs.mutable_spec()->mutable_selector() = d.spec().selector();
  (*rs.mutable_spec()->mutable_selector()->mutable_matchlabels())[kPodTemplateHashLabel] = hash;
  *rs.mutable_spec()->mutable_template_() = d.spec().template_();
  (*rs.mutable_spec()->mutable_template_()->mutable_metadata()->mutable_labels())[kPodTemplateHashLabel] = hash;
  absl::StatusOr<std::unique_ptr<ReplicaSet>> created = client_.Create(rs);
  if (!created.ok()) return created.status();
  recorder_.Record(d, "Normal", "ScalingReplicaSet",
                   StrCat("Scaled up replica set ", rs.metadata().name(), " to ", replicas));
  return RSPtr(std::move(*created));
}

absl::Status DeploymentController::ScaleReplicaSet(const ReplicaSet& rs, int32_t replicas,
                                                   int64_t revision, bool* changed) {
  const bool scale = rs.spec().replicas() != replicas;
  const bool relabel = RevisionOf(rs.metadata()) != revision;
  if (!scale && !relabel) return absl::OkStatus();
  ReplicaSet updated = rs;
  updated.mutable_spec()->set_replicas(replicas);
  (*updated.mutable_metadata()->mutable_annotations())[kRevisionAnnotation] = std::to_string(revision);
  absl::StatusOr<std::unique_ptr<ReplicaSet>> written = client_.Update(updated);
  if (!written.ok()) return written.status();
  if (scale) {
    *changed = true;
    KLOG(Info) << "deployment: scaled replica set " << rs.metadata().namespace_() << "/"
               << rs.metadata().name() << " from " << rs.spec().replicas() << " to " << replicas;
  }
  return absl::OkStatus();
}

void DeploymentController::CleanupHistory(const Deployment& d, const std::vector<RSPtr>& old_sets) {
  const int32_t limit = d.spec().has_revisionhistorylimit() ? d.spec().revisionhistorylimit() : 10;
  std::vector<RSPtr> idle;
  for (const RSPtr& rs : old_sets) {
    if (rs->spec().replicas() == 0 && rs->status().replicas() == 0 &&
        !rs->metadata().has_deletiontimestamp()) {
      idle.push_back(rs);
    }
  }
  for (size_t i = 0; i + limit < idle.size(); ++i) {  // oldest first
    k8s::meta::v1::DeleteOptions options;
    options.mutable_preconditions()->set_uid(idle[i]->metadata().uid());
    (void)client_.Delete<ReplicaSet>(idle[i]->metadata().namespace_(), idle[i]->metadata().name(), options);
  }
}

absl::Status DeploymentController::WriteStatus(const Deployment& d, const std::vector<RSPtr>& owned,
                                               const RSPtr& new_rs, const Fenceposts& fenceposts,
                                               bool progressed) {
  std::vector<const ReplicaSet*> sets;
  for (const RSPtr& rs : owned) sets.push_back(rs.get());
  DeploymentStatusResult result =
      ComputeDeploymentStatus(d, sets, new_rs.get(), fenceposts, progressed, absl::Now());
  if (result.recheck_after) controller_.queue().AddAfter(client::ObjectKey(d), *result.recheck_after);
  if (google::protobuf::util::MessageDifferencer::Equals(result.status, d.status())) {
    return absl::OkStatus();
  }
  Deployment updated = d;
  *updated.mutable_status() = std::move(result.status);
  absl::StatusOr<std::unique_ptr<Deployment>> written = client_.UpdateStatus(updated);
  if (absl::IsNotFound(written.status())) return absl::OkStatus();
  return written.status();
}

}  // namespace kube::kcm::deployment

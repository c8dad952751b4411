#include "cluster-dns/app/zone_rebuilder.h"

#include "absl/time/clock.h"
#include "common/log/log.h"

namespace kube::dns::app {

ZoneRebuilder::ZoneRebuilder(ZoneConfig config, ZoneSources sources, ZoneSnapshot& snapshot)
    : config_(std::move(config)), sources_(std::move(sources)), snapshot_(snapshot) {}

ZoneRebuilder::~ZoneRebuilder() { Stop(); }

void ZoneRebuilder::Start() { thread_ = std::thread([this] { Loop(); }); }

void ZoneRebuilder::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void ZoneRebuilder::MarkDirty() {
  absl::MutexLock lock(&mu_);
  dirty_ = true;
}

void ZoneRebuilder::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto wake = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return dirty_ || stopping_; };
      mu_.Await(absl::Condition(&wake));
      if (stopping_) return;
      dirty_ = false;
    }
    RebuildNow();
  }
}

void ZoneRebuilder::RebuildNow() {
  absl::MutexLock build(&build_mu_);
  const absl::Time start = absl::Now();
  ZoneConfig config = config_;
  // Each zone gets a new serial; the counter starts from the wall clock so that a
  // restarted server's serials still grow.
  config.serial = static_cast<uint32_t>(absl::ToUnixSeconds(start)) + static_cast<uint32_t>(rebuilds_.load());
  absl::StatusOr<std::unique_ptr<const Zone>> zone =
      BuildClusterZone(config, sources_.services(), sources_.endpoints());
  if (!zone.ok()) {
    // Only an invalid domain fails, which the flags already refuse.
    KLOG(Error) << "cannot build the zone: " << zone.status();
    return;
  }
  records_ = (*zone)->record_count();
  snapshot_.Publish(std::shared_ptr<const Zone>(std::move(*zone)));
  ++rebuilds_;
  VLOG(2) << "zone rebuilt: " << records_.load() << " records in " << (absl::Now() - start);
}

}  // namespace kube::dns::app

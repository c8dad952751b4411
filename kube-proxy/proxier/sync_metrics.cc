#include "kube-proxy/proxier/sync_metrics.h"

#include "absl/strings/str_format.h"
#include "common/util/strings.h"

namespace kube::proxy::proxier {
namespace {

constexpr char kDuration[] = "kubeproxy_sync_proxy_rules_duration_seconds";

double BucketBound(int i) { return 0.001 * static_cast<double>(1 << i); }

}  // namespace

void SyncMetrics::RecordSync(absl::Duration took, absl::Time finished, int rules) {
  const double seconds = absl::ToDoubleSeconds(took);
  absl::MutexLock lock(&mu_);
  for (int i = 0; i < kBuckets; ++i) {
    if (seconds <= BucketBound(i)) ++bucket_counts_[i];
  }
  ++count_;
  sum_seconds_ += seconds;
  last_sync_seconds_ = absl::ToDoubleSeconds(finished - absl::UnixEpoch());
  rules_ = rules;
}

void SyncMetrics::RecordFailure() {
  absl::MutexLock lock(&mu_);
  ++failures_;
}

void SyncMetrics::RecordSkipped() {
  absl::MutexLock lock(&mu_);
  ++skipped_;
}

void SyncMetrics::RecordQueued(absl::Time when) {
  absl::MutexLock lock(&mu_);
  last_queued_seconds_ = absl::ToDoubleSeconds(when - absl::UnixEpoch());
}

std::string SyncMetrics::Render() const {
  absl::MutexLock lock(&mu_);
  std::string out = StrCat("# HELP ", kDuration, " SyncProxyRules latency in seconds\n",
                           "# TYPE ", kDuration, " histogram\n");
  for (int i = 0; i < kBuckets; ++i) {
    StrAppend(&out, kDuration, "_bucket{le=\"", absl::StrFormat("%g", BucketBound(i)), "\"} ",
              bucket_counts_[i], "\n");
  }
  StrAppend(&out, kDuration, "_bucket{le=\"+Inf\"} ", count_, "\n");
  StrAppend(&out, kDuration, "_sum ", absl::StrFormat("%.6f", sum_seconds_), "\n");
  StrAppend(&out, kDuration, "_count ", count_, "\n");
  StrAppend(&out,
            "# HELP kubeproxy_sync_proxy_rules_last_timestamp_seconds The last time proxy rules "
            "were successfully synced\n"
            "# TYPE kubeproxy_sync_proxy_rules_last_timestamp_seconds gauge\n"
            "kubeproxy_sync_proxy_rules_last_timestamp_seconds ",
            absl::StrFormat("%.3f", last_sync_seconds_), "\n");
  StrAppend(&out,
            "# HELP kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds The last time a "
            "sync of proxy rules was queued\n"
            "# TYPE kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds gauge\n"
            "kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds ",
            absl::StrFormat("%.3f", last_queued_seconds_), "\n");
  StrAppend(&out,
            "# HELP kubeproxy_sync_proxy_rules_iptables_restore_failures_total Cumulative proxy "
            "rules restore failures\n"
            "# TYPE kubeproxy_sync_proxy_rules_iptables_restore_failures_total counter\n"
            "kubeproxy_sync_proxy_rules_iptables_restore_failures_total ",
            failures_, "\n");
  StrAppend(&out,
            "# HELP kubeproxy_sync_proxy_rules_no_changes_total Syncs skipped because nothing "
            "changed\n"
            "# TYPE kubeproxy_sync_proxy_rules_no_changes_total counter\n"
            "kubeproxy_sync_proxy_rules_no_changes_total ",
            skipped_, "\n");
  StrAppend(&out,
            "# HELP kubeproxy_sync_proxy_rules_iptables_total Number of proxy rules programmed\n"
            "# TYPE kubeproxy_sync_proxy_rules_iptables_total gauge\n"
            "kubeproxy_sync_proxy_rules_iptables_total ",
            rules_, "\n");
  return out;
}

}  // namespace kube::proxy::proxier

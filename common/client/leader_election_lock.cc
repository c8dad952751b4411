#include "common/client/leader_election_lock.h"

#include <utility>

#include "common/client/resources.h"
#include "common/util/strings.h"

namespace kube::client {
namespace {

using k8s::coordination::v1::Lease;
using k8s::coordination::v1::LeaseSpec;

absl::Time FromMicroTime(const k8s::meta::v1::MicroTime& time) {
  return absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
}

void ToMicroTime(absl::Time time, k8s::meta::v1::MicroTime* out) {
  int64_t micros = absl::ToUnixMicros(TruncateToMicros(time));
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {  // before 1970: keep nanos non-negative
    rest += 1000000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(rest * 1000));
}

}  // namespace

absl::Time TruncateToMicros(absl::Time time) {
  return absl::FromUnixMicros(absl::ToUnixMicros(time));
}

LeaderElectionRecord RecordFromLeaseSpec(const LeaseSpec& spec) {
  LeaderElectionRecord record;
  record.holder_identity = spec.holderidentity();
  record.lease_duration_seconds = spec.leasedurationseconds();
  if (spec.has_acquiretime()) record.acquire_time = FromMicroTime(spec.acquiretime());
  if (spec.has_renewtime()) record.renew_time = FromMicroTime(spec.renewtime());
  record.leader_transitions = spec.leasetransitions();
  return record;
}

void RecordToLeaseSpec(const LeaderElectionRecord& record, LeaseSpec* spec) {
  spec->Clear();
  spec->set_holderidentity(record.holder_identity);
  spec->set_leasedurationseconds(record.lease_duration_seconds);
  ToMicroTime(record.acquire_time, spec->mutable_acquiretime());
  ToMicroTime(record.renew_time, spec->mutable_renewtime());
  spec->set_leasetransitions(record.leader_transitions);
}

LeaseLock::LeaseLock(Transport& transport, std::string lease_namespace, std::string lease_name,
                     std::string identity)
    : transport_(transport),
      namespace_(std::move(lease_namespace)),
      name_(std::move(lease_name)),
      identity_(std::move(identity)) {}

std::string LeaseLock::Describe() const { return kube::StrCat(namespace_, "/", name_); }

absl::Status LeaseLock::Remember(absl::StatusOr<ObjectPtr> object) {
  if (!object.ok()) return object.status();
  if (*object == nullptr || (*object)->GetDescriptor() != Lease::descriptor()) {
    return absl::InternalError(kube::StrCat("lease ", Describe(), ": the server did not return a Lease"));
  }
  auto lease = std::make_unique<Lease>();
  lease->CopyFrom(**object);
  lease_ = std::move(lease);
  return absl::OkStatus();
}

absl::StatusOr<LeaderElectionRecord> LeaseLock::Get() {
  absl::Status status =
      Remember(transport_.Get(ResourceFor<Lease>(), namespace_, name_));
  if (!status.ok()) return status;
  return RecordFromLeaseSpec(lease_->spec());
}

absl::Status LeaseLock::Create(const LeaderElectionRecord& record) {
  Lease lease;
  lease.mutable_metadata()->set_name(name_);
  lease.mutable_metadata()->set_namespace_(namespace_);
  RecordToLeaseSpec(record, lease.mutable_spec());
  return Remember(transport_.Create(ResourceFor<Lease>(), namespace_, lease));
}

absl::Status LeaseLock::Update(const LeaderElectionRecord& record) {
  if (lease_ == nullptr) {
    return absl::FailedPreconditionError(
        kube::StrCat("lease ", Describe(), " not read yet: call Get or Create first"));
  }
  Lease lease = *lease_;
  RecordToLeaseSpec(record, lease.mutable_spec());
  return Remember(transport_.Update(ResourceFor<Lease>(), namespace_, lease));
}

}  // namespace kube::client

#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/client/transport.h"
#include "k8s/coordination/v1/coordination.pb.h"

namespace kube::client {

// What a leader writes into its lock: client-go's LeaderElectionRecord, stored as
// the spec of a coordination.k8s.io/v1 Lease. Times have microsecond precision,
// as MicroTime does on the wire, so a record survives a round trip unchanged.
struct LeaderElectionRecord {
  std::string holder_identity;  // "" when nobody holds the lease
  int lease_duration_seconds = 0;
  absl::Time acquire_time = absl::UnixEpoch();
  absl::Time renew_time = absl::UnixEpoch();
  int leader_transitions = 0;

  bool operator==(const LeaderElectionRecord& other) const = default;
};

// Conversions between a record and a LeaseSpec (absent fields read as zero).
LeaderElectionRecord RecordFromLeaseSpec(const k8s::coordination::v1::LeaseSpec& spec);
void RecordToLeaseSpec(const LeaderElectionRecord& record,
                       k8s::coordination::v1::LeaseSpec* spec);
// Truncates to whole microseconds, the precision of MicroTime.
absl::Time TruncateToMicros(absl::Time time);

// client-go's LeaseLock: the Lease one election competes for, read and written
// through a Transport. Update writes over the Lease as last read or written, with
// its resourceVersion, so a conflict (Aborted, HTTP 409) means another candidate
// wrote it in between. Not thread-safe: it belongs to one elector.
class LeaseLock {
 public:
  // `transport` must outlive the lock.
  LeaseLock(Transport& transport, std::string lease_namespace, std::string lease_name,
            std::string identity);
  LeaseLock(const LeaseLock&) = delete;
  LeaseLock& operator=(const LeaseLock&) = delete;

  // Reads the Lease and returns its record; NotFound if there is no Lease.
  absl::StatusOr<LeaderElectionRecord> Get();
  // Creates the Lease holding `record`; AlreadyExists if someone created it first.
  absl::Status Create(const LeaderElectionRecord& record);
  // Replaces the record in the Lease last read or written (FailedPrecondition if
  // there is none yet).
  absl::Status Update(const LeaderElectionRecord& record);

  const std::string& identity() const { return identity_; }
  // "namespace/name", for logs.
  std::string Describe() const;

 private:
  // Keeps a Lease the server returned.
  absl::Status Remember(absl::StatusOr<ObjectPtr> object);

  Transport& transport_;
  const std::string namespace_;
  const std::string name_;
  const std::string identity_;
  std::unique_ptr<k8s::coordination::v1::Lease> lease_;  // last read or written; null before
};

}  // namespace kube::client

// Leader election on a real coordination.k8s.io/v1 Lease: candidates talk to the
// real kube-apiserver through the REST transport, as our components will.

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "common/client/kubeconfig.h"
#include "common/client/leader_election.h"
#include "common/client/rest_transport.h"
#include "tests/integration/client_transports.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/eventually.h"

namespace kube::testing {
namespace {

using client::LeaderElectionConfig;
using client::LeaderElector;

const char kLeasePath[] = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/it-lock";

// One candidate with its own REST connection, running its elector on a thread.
class Candidate {
 public:
  Candidate(const ApiServerProcess& server, const std::string& transport_kind,
            const std::string& identity, absl::Duration lease, absl::Duration renew_deadline,
            bool release_on_cancel) {
    transport_ = TransportTo(server, transport_kind);
    LeaderElectionConfig config;
    config.lease_namespace = "kube-system";
    config.lease_name = "it-lock";
    config.identity = identity;
    config.lease_duration = lease;
    config.renew_deadline = renew_deadline;
    config.retry_period = absl::Milliseconds(250);
    config.release_on_cancel = release_on_cancel;
    config.callbacks.on_started_leading = [this] { started_.fetch_add(1); };
    config.callbacks.on_stopped_leading = [this] { stopped_.fetch_add(1); };
    auto elector = LeaderElector::Create(*transport_, std::move(config));
    REQUIRE(elector.ok());
    elector_ = std::move(*elector);
  }
  ~Candidate() { StopAndJoin(); }

  void Start() {
    thread_ = std::thread([this] { elector_->Run(); });
  }
  void StopAndJoin() {
    elector_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  LeaderElector& elector() { return *elector_; }
  int started() const { return started_.load(); }
  int stopped() const { return stopped_.load(); }

 private:
  std::shared_ptr<client::Transport> transport_;
  std::unique_ptr<LeaderElector> elector_;
  std::atomic<int> started_{0};
  std::atomic<int> stopped_{0};
  std::thread thread_;
};

TEST_CASE("one of two candidates leads and a released lease passes at once",
          "[leader-election]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  // A 60 s lease: only a release lets the other take over within the timeout below.
  Candidate a(server, transport_kind, "candidate-a", absl::Seconds(60), absl::Seconds(40), true);
  Candidate b(server, transport_kind, "candidate-b", absl::Seconds(60), absl::Seconds(40), true);
  a.Start();
  b.Start();
  REQUIRE(Eventually([&] { return a.elector().IsLeader() || b.elector().IsLeader(); }, absl::Seconds(60)));
  Candidate& leader = a.elector().IsLeader() ? a : b;
  Candidate& follower = a.elector().IsLeader() ? b : a;
  std::string leader_id = leader.elector().GetLeader();
  REQUIRE(Eventually([&] { return follower.elector().GetLeader() == leader_id; }, absl::Seconds(60)));
  CHECK_FALSE(follower.elector().IsLeader());
  CHECK(leader.started() == 1);

  // The Lease as any Kubernetes client sees it.
  ApiClient api(server);
  HttpResult got = api.Get(kLeasePath);
  REQUIRE(got.status == 200);
  auto lease = ParseJson(got.body);
  CHECK(JsonString(lease, "/spec/holderIdentity") == leader_id);
  CHECK(JsonInt(lease, "/spec/leaseDurationSeconds") == 60);
  CHECK(JsonInt(lease, "/spec/leaseTransitions") == 0);
  // MicroTime: RFC 3339 with microseconds.
  INFO(got.body);
  CHECK(JsonString(lease, "/spec/renewTime").size() == std::string("2024-01-01T00:00:00.000000Z").size());

  leader.StopAndJoin();
  CHECK(leader.stopped() == 1);
  REQUIRE(Eventually([&] { return follower.elector().IsLeader(); }, absl::Seconds(30)));
  CHECK(follower.started() == 1);
  lease = ParseJson(api.Get(kLeasePath).body);
  CHECK(JsonString(lease, "/spec/holderIdentity") == follower.elector().GetLeader());
  CHECK(JsonInt(lease, "/spec/leaseTransitions") == 1);
}

TEST_CASE("a lease that stops being renewed is taken over after it expires",
          "[leader-election]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  Candidate a(server, transport_kind, "candidate-a", absl::Seconds(3), absl::Seconds(2), false);
  a.Start();
  REQUIRE(Eventually([&] { return a.elector().IsLeader(); }, absl::Seconds(60)));
  a.StopAndJoin();  // no release: the lease stays a's until it expires
  Candidate b(server, transport_kind, "candidate-b", absl::Seconds(3), absl::Seconds(2), false);
  b.Start();
  REQUIRE(Eventually([&] { return b.elector().GetLeader() == "candidate-a"; }, absl::Seconds(60)));
  REQUIRE(Eventually([&] { return b.elector().IsLeader(); }, absl::Seconds(60)));
  ApiClient api(server);
  auto lease = ParseJson(api.Get(kLeasePath).body);
  CHECK(JsonString(lease, "/spec/holderIdentity") == "candidate-b");
  CHECK(JsonInt(lease, "/spec/leaseTransitions") == 1);
}

TEST_CASE("a stale lease update gets the server's 409", "[leader-election]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  std::shared_ptr<client::Transport> transport = TransportTo(server, transport_kind);
  client::LeaseLock first(*transport, "kube-system", "it-lock", "first");
  client::LeaseLock second(*transport, "kube-system", "it-lock", "second");
  CHECK(absl::IsNotFound(first.Get().status()));
  client::LeaderElectionRecord record;
  record.holder_identity = "first";
  record.lease_duration_seconds = 15;
  record.acquire_time = record.renew_time = client::TruncateToMicros(absl::Now());
  REQUIRE(first.Create(record).ok());
  CHECK(absl::IsAlreadyExists(second.Create(record)));

  auto seen = second.Get();
  REQUIRE(seen.ok());
  CHECK(*seen == record);  // the record survives the JSON round trip exactly
  record.renew_time += absl::Seconds(1);
  REQUIRE(first.Update(record).ok());
  record.holder_identity = "second";
  absl::Status stale = second.Update(record);
  INFO(stale);
  CHECK(absl::IsAborted(stale));
}

}  // namespace
}  // namespace kube::testing

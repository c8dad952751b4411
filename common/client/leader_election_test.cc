#include "common/client/leader_election.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/synchronization/mutex.h"
#include "common/client/leader_election_fake_transport.h"
#include "common/client/resources.h"
#include "tests/support/eventually.h"

namespace kube::client {

using kube::testing::Eventually;
namespace {

using k8s::coordination::v1::Lease;
using leader_election_testing::SharedStore;
using leader_election_testing::CandidateTransport;

// Short durations keep the tests quick; the margins between them keep them sound
// on a loaded machine (the leader gives up well before the others take over).
LeaderElectionConfig FastConfig(const std::string& identity) {
  LeaderElectionConfig config;
  config.lease_namespace = "kube-system";
  config.lease_name = "test-lock";
  config.identity = identity;
  config.lease_duration = absl::Seconds(4);
  config.renew_deadline = absl::Seconds(2);
  config.retry_period = absl::Milliseconds(250);
  return config;
}

// One candidate: its own transport over the shared store, its elector on a thread,
// and a log of what its callbacks saw.
class Candidate {
 public:
  Candidate(SharedStore& store, LeaderElectionConfig config) : transport_(store) {
    const std::string identity = config.identity;
    config.callbacks.on_started_leading = [this, identity] { Record("started:" + identity); };
    config.callbacks.on_stopped_leading = [this, identity] { Record("stopped:" + identity); };
    config.callbacks.on_new_leader = [this](const std::string& leader) {
      absl::MutexLock lock(&mu_);
      new_leaders_.push_back(leader);
    };
    auto elector = LeaderElector::Create(transport_, std::move(config));
    REQUIRE(elector.ok());
    elector_ = std::move(*elector);
  }
  ~Candidate() { StopAndJoin(); }

  // Shared by all candidates of a test, so the order across them is visible.
  void ShareEventLog(std::vector<std::string>* log, absl::Mutex* mu) {
    shared_log_ = log;
    shared_mu_ = mu;
  }
  void Start() {
    thread_ = std::thread([this] {
      elector_->Run();
      finished_ = true;
    });
  }
  void StopAndJoin() {
    elector_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  CandidateTransport& transport() { return transport_; }
  LeaderElector& elector() { return *elector_; }
  bool finished() const { return finished_.load(); }
  int Count(const std::string& event) {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(std::count(events_.begin(), events_.end(), event));
  }
  std::vector<std::string> new_leaders() {
    absl::MutexLock lock(&mu_);
    return new_leaders_;
  }

 private:
  void Record(const std::string& event) {
    {
      absl::MutexLock lock(&mu_);
      events_.push_back(event);
    }
    if (shared_log_ != nullptr) {
      absl::MutexLock lock(shared_mu_);
      shared_log_->push_back(event);
    }
  }

  CandidateTransport transport_;
  std::unique_ptr<LeaderElector> elector_;
  std::vector<std::string>* shared_log_ = nullptr;  // set before Start
  absl::Mutex* shared_mu_ = nullptr;                // guards *shared_log_
  absl::Mutex mu_;
  std::vector<std::string> events_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> new_leaders_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

LeaderElectionRecord StoredRecord(SharedStore& store) {
  auto object = store.Get(ResourceFor<Lease>(), "kube-system", "test-lock");
  REQUIRE(object.ok());
  return RecordFromLeaseSpec(static_cast<const Lease&>(**object).spec());
}

TEST_CASE("the config is checked like client-go's") {
  SharedStore store;
  CandidateTransport transport(store);
  auto make = [&](auto change) {
    LeaderElectionConfig config = FastConfig("a");
    config.callbacks.on_started_leading = [] {};
    config.callbacks.on_stopped_leading = [] {};
    change(config);
    return LeaderElector::Create(transport, std::move(config)).status();
  };
  CHECK(make([](LeaderElectionConfig&) {}).ok());
  CHECK(absl::IsInvalidArgument(make([](auto& c) { c.renew_deadline = c.lease_duration; })));
  CHECK(absl::IsInvalidArgument(make([](auto& c) { c.retry_period = absl::Seconds(2); })));
  CHECK(absl::IsInvalidArgument(make([](auto& c) { c.lease_duration = absl::Milliseconds(900); })));
  CHECK(absl::IsInvalidArgument(make([](auto& c) { c.identity = ""; })));
  CHECK(absl::IsInvalidArgument(make([](auto& c) { c.callbacks.on_stopped_leading = nullptr; })));
}

TEST_CASE("a record survives the trip through a Lease") {
  LeaderElectionRecord record;
  record.holder_identity = "node-1_abc";
  record.lease_duration_seconds = 15;
  record.acquire_time = TruncateToMicros(absl::Now() - absl::Seconds(30));
  record.renew_time = TruncateToMicros(absl::Now());
  record.leader_transitions = 3;
  Lease lease;
  RecordToLeaseSpec(record, lease.mutable_spec());
  CHECK(lease.spec().has_holderidentity());
  CHECK(lease.spec().renewtime().nanos() % 1000 == 0);
  CHECK(RecordFromLeaseSpec(lease.spec()) == record);
  CHECK(RecordFromLeaseSpec(Lease().spec()) == LeaderElectionRecord());
}

TEST_CASE("the lease lock needs a read before it updates and detects stale writes") {
  SharedStore store;
  CandidateTransport transport(store);
  LeaseLock lock(transport, "kube-system", "test-lock", "a");
  LeaderElectionRecord record;
  record.holder_identity = "a";
  CHECK(absl::IsFailedPrecondition(lock.Update(record)));
  CHECK(absl::IsNotFound(lock.Get().status()));
  REQUIRE(lock.Create(record).ok());
  CHECK(absl::IsAlreadyExists(lock.Create(record)));

  LeaseLock other(transport, "kube-system", "test-lock", "b");
  REQUIRE(other.Get().ok());
  record.leader_transitions = 1;
  REQUIRE(lock.Update(record).ok());            // a's copy is current
  CHECK(absl::IsAborted(other.Update(record)));  // b's copy is stale: 409
  REQUIRE(other.Get().ok());
  CHECK(other.Update(record).ok());
}

TEST_CASE("of two candidates exactly one leads, and the other learns who") {
  SharedStore store;
  Candidate a(store, FastConfig("a"));
  Candidate b(store, FastConfig("b"));
  a.Start();
  b.Start();
  REQUIRE(Eventually([&] { return a.elector().IsLeader() || b.elector().IsLeader(); }));
  Candidate& leader = a.elector().IsLeader() ? a : b;
  Candidate& follower = a.elector().IsLeader() ? b : a;
  std::string leader_id = leader.elector().GetLeader();
  REQUIRE(Eventually([&] { return follower.elector().GetLeader() == leader_id; }));
  // Several renewals later nothing has changed.
  absl::SleepFor(absl::Seconds(1));
  CHECK(leader.elector().IsLeader());
  CHECK_FALSE(follower.elector().IsLeader());
  CHECK(leader.Count("started:" + leader_id) == 1);
  CHECK(follower.new_leaders() == std::vector<std::string>{leader_id});
  LeaderElectionRecord stored = StoredRecord(store);
  CHECK(stored.holder_identity == leader_id);
  CHECK(stored.lease_duration_seconds == 4);
  CHECK(stored.leader_transitions == 0);
  CHECK(stored.renew_time > stored.acquire_time);  // renewed at least once
  a.StopAndJoin();
  b.StopAndJoin();
  CHECK(leader.Count("stopped:" + leader_id) == 1);
  std::string follower_id = leader_id == "a" ? "b" : "a";
  CHECK(follower.Count("stopped:" + follower_id) == 0);  // it never led
}

TEST_CASE("when the leader cannot renew it steps down and another takes over after expiry") {
  SharedStore store;
  std::vector<std::string> log;
  absl::Mutex log_mu;
  Candidate a(store, FastConfig("a"));
  Candidate b(store, FastConfig("b"));
  a.ShareEventLog(&log, &log_mu);
  b.ShareEventLog(&log, &log_mu);
  a.Start();
  REQUIRE(Eventually([&] { return a.elector().IsLeader(); }));
  b.Start();
  REQUIRE(Eventually([&] { return b.elector().GetLeader() == "a"; }));

  a.transport().SetPartitioned(true);  // a's renewals now fail
  REQUIRE(Eventually([&] { return a.finished(); }));
  REQUIRE(Eventually([&] { return b.elector().IsLeader(); }));
  {
    absl::MutexLock lock(&log_mu);
    // a stopped its work before b started its own.
    CHECK(log == std::vector<std::string>{"started:a", "stopped:a", "started:b"});
  }
  CHECK_FALSE(a.elector().IsLeader());
  LeaderElectionRecord stored = StoredRecord(store);
  CHECK(stored.holder_identity == "b");
  CHECK(stored.leader_transitions == 1);
  CHECK(b.new_leaders() == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a leader that releases on stop hands over at once") {
  SharedStore store;
  // A lease of 60 s: without the release b could not take over within the timeout.
  auto slow = [](const std::string& identity) {
    LeaderElectionConfig config = FastConfig(identity);
    config.lease_duration = absl::Seconds(60);
    config.renew_deadline = absl::Seconds(40);
    config.release_on_cancel = true;
    return config;
  };
  Candidate a(store, slow("a"));
  Candidate b(store, slow("b"));
  a.Start();
  REQUIRE(Eventually([&] { return a.elector().IsLeader(); }));
  b.Start();
  REQUIRE(Eventually([&] { return b.elector().GetLeader() == "a"; }));
  a.StopAndJoin();
  CHECK(a.Count("stopped:a") == 1);
  REQUIRE(Eventually([&] { return b.elector().IsLeader(); }, absl::Seconds(20)));
  LeaderElectionRecord stored = StoredRecord(store);
  CHECK(stored.holder_identity == "b");
  CHECK(stored.leader_transitions == 1);
}

TEST_CASE("a leader that does not release keeps the lease after stopping") {
  SharedStore store;
  Candidate a(store, FastConfig("a"));
  a.Start();
  REQUIRE(Eventually([&] { return a.elector().IsLeader(); }));
  a.StopAndJoin();
  CHECK_FALSE(a.elector().IsLeader());
  CHECK(StoredRecord(store).holder_identity == "a");
}

TEST_CASE("losing the write race (409) means someone else leads") {
  SharedStore store;
  // A free lease (released by an earlier leader).
  {
    CandidateTransport setup(store);
    LeaseLock lock(setup, "kube-system", "test-lock", "old");
    LeaderElectionRecord released;
    released.lease_duration_seconds = 1;
    released.leader_transitions = 5;
    REQUIRE(lock.Create(released).ok());
  }
  Candidate a(store, FastConfig("a"));
  // Just before a writes, an intruder takes the lease. (No REQUIRE here: this runs
  // on the elector's thread.)
  std::atomic<bool> intruded{false};
  a.transport().BeforeNextUpdate([&store, &intruded] {
    auto object = store.Get(ResourceFor<Lease>(), "kube-system", "test-lock");
    if (!object.ok()) return;
    Lease lease = static_cast<const Lease&>(**object);
    LeaderElectionRecord taken;
    taken.holder_identity = "intruder";
    taken.lease_duration_seconds = 60;
    taken.acquire_time = taken.renew_time = TruncateToMicros(absl::Now());
    taken.leader_transitions = 6;
    RecordToLeaseSpec(taken, lease.mutable_spec());
    intruded = store.Update(ResourceFor<Lease>(), "kube-system", lease).ok();
  });
  a.Start();
  REQUIRE(Eventually([&] { return a.elector().GetLeader() == "intruder"; }));
  CHECK(intruded.load());
  absl::SleepFor(absl::Milliseconds(600));  // a few more attempts
  CHECK_FALSE(a.elector().IsLeader());
  CHECK(a.Count("started:a") == 0);
  CHECK(StoredRecord(store).holder_identity == "intruder");
  a.StopAndJoin();
  CHECK(a.Count("stopped:a") == 0);  // it never led
}

}  // namespace
}  // namespace kube::client
